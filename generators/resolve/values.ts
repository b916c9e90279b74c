/**
 * Values written to memory, made clean for their destination type (see
 * program/clean.ts), and the hash statements for values read from it.
 */

import type { ValuePlan } from "../arbitraries/plan.ts";
import type { Expr, Stmt } from "../program/ast.ts";
import {
  CLEAN_DOUBLES,
  CLEAN_FLOATS,
  MASK32_NONNEG,
  MASK32_SIGNED,
  MASK64_NONNEG,
  MASK64_SIGNED,
} from "../program/clean.ts";
import { SCALARS, type ScalarName } from "../program/ctype.ts";
import type { Binding, Env } from "./env.ts";
import { bin, call, hexLit, lit, resolveInt, v } from "./intexpr.ts";
import { INT_LITERALS, INT64_LITERALS, toInt32 } from "./literals.ts";

const pick = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[Math.abs(Math.trunc(i)) % xs.length];

export const ffiCast = (type: string, e: Expr): Expr => ({
  tag: "call",
  callee: { tag: "field", object: v("ffi"), name: "cast" },
  args: [{ tag: "str", value: type }, e],
});

/** May a negative int32 be stored? Only where no sign extension or unsigned conversion follows. */
const acceptsNegative = (dest: ScalarName): boolean => {
  const s = SCALARS[dest];
  return s.cls === "int" && (s.size < 4 || (s.size === 4 && s.signed));
};

export function storeValue(p: ValuePlan, dest: ScalarName, env: Env): Expr {
  const info = SCALARS[dest];
  if (p.tag === "copy") {
    const b = pick(env.loadedAs(dest), p.pick);
    if (b) return v(b.name);
  }
  switch (info.cls) {
    case "int": {
      const mask = p.tag === "expr" && p.signed && acceptsNegative(dest) ? MASK32_SIGNED : MASK32_NONNEG;
      if (p.tag === "const") return lit(toInt32(pick(INT_LITERALS, p.pick) ?? 0) & mask);
      const e = p.tag === "expr" ? resolveInt(p.e, env) : resolveInt({ tag: "var", pick: p.pick }, env);
      return call("band", e.e, hexLit(mask));
    }
    case "int64": {
      const signed = p.tag === "expr" && p.signed;
      const mask = signed ? MASK64_SIGNED : MASK64_NONNEG;
      if (p.tag === "const") {
        const raw = BigInt.asIntN(64, (pick(INT64_LITERALS, p.pick) ?? 0n) & BigInt.asUintN(64, mask));
        return { tag: "int64", value: raw, unsigned: false };
      }
      const e = p.tag === "expr" ? resolveInt(p.e, env) : resolveInt({ tag: "var", pick: p.pick }, env);
      // Spread the value over both halves (int64 arithmetic wraps), then clean it.
      const wide = bin("*", ffiCast("int64_t", e.e), { tag: "int64", value: 0x100000001n, unsigned: false });
      return call("band", wide, { tag: "int64", value: mask, unsigned: false });
    }
    case "fp": {
      const pool = dest === "float" ? CLEAN_FLOATS : CLEAN_DOUBLES;
      return { tag: "fp", value: pick(pool, p.tag === "expr" ? p.alt : p.pick) ?? 0 };
    }
    case "bool": {
      if (p.tag === "const") return { tag: "bool", value: p.pick % 2 === 0 };
      const e = p.tag === "expr" ? resolveInt(p.e, env) : resolveInt({ tag: "var", pick: p.pick }, env);
      return bin("==", call("band", e.e, lit(1)), lit(0));
    }
    case "ptr":
      return { tag: "nil" };
  }
}

/** A value that can sit between two adjacent stores without emitting code there. */
export const isTrivial = (e: Expr): boolean =>
  e.tag === "var" || e.tag === "int" || e.tag === "fp" || e.tag === "bool" || e.tag === "nil" || e.tag === "int64";

const MIXER: Record<(typeof SCALARS)[ScalarName]["cls"], string> = {
  int: "mix",
  int64: "mix64",
  fp: "mixd",
  bool: "mixb",
  ptr: "mixp",
};

/** `h = mix…(h, name)` for a value read from memory of type `scalar`. */
export function hashStmt(name: string, scalar: ScalarName): Stmt {
  return {
    tag: "assign",
    targets: [{ tag: "var", name: "h" }],
    values: [call(MIXER[SCALARS[scalar].cls], v("h"), v(name))],
  };
}

export function hashInt(e: Expr): Stmt {
  return { tag: "assign", targets: [{ tag: "var", name: "h" }], values: [call("mix", v("h"), e)] };
}

export function loadedBinding(name: string, scalar: ScalarName): Binding {
  const s = SCALARS[scalar];
  const bound = s.cls === "int" ? 2 ** (s.size * 8) : 0;
  return { name, cls: s.cls, bound, scalar };
}
