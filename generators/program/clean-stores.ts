/**
 * The static check of the NaN-free invariant (clean.ts): every FFI store
 * of a program writes a value whose bytes are clean for its destination.
 * Independent of the resolver: it reads only the program, and accepts a
 * stored value when it is
 *   - an integer masked by one of the clean masks (the signed mask only
 *     where a negative value is allowed: signed 8/16/32-bit, u8, u16),
 *   - an integer or int64 literal whose bytes at the destination's size
 *     are clean (and not negative where that is not allowed),
 *   - a float or double literal with a clean encoding,
 *   - a comparison or boolean literal into a bool, nil into a pointer,
 *   - a local holding a value loaded from the same type (a copy of clean
 *     bytes), or a local holding one of the above.
 */
import type { Expr, Program, Stmt } from "./ast.ts";
import {
  isCleanByte,
  isCleanDouble,
  isCleanFloat,
  MASK32_NONNEG,
  MASK32_SIGNED,
  MASK64_NONNEG,
  MASK64_SIGNED,
} from "./clean.ts";
import { SCALARS, type ScalarName } from "./ctype.ts";

/** What a local holds, as far as cleanness goes. */
type Held = { readonly tag: "loaded"; readonly scalar: ScalarName } | { readonly tag: "value"; readonly value: Expr };

const acceptsNegative = (dest: ScalarName): boolean => {
  const s = SCALARS[dest];
  return s.cls === "int" && (s.size < 4 || (s.size === 4 && s.signed));
};

const bytesClean = (value: bigint, size: number): boolean => {
  const u = BigInt.asUintN(8 * size, value);
  for (let i = 0; i < size; i++) if (!isCleanByte(Number((u >> BigInt(8 * i)) & 0xffn))) return false;
  return true;
};

const isCall = (e: Expr, fn: string): e is Extract<Expr, { tag: "call" }> =>
  e.tag === "call" && e.callee.tag === "var" && e.callee.name === fn;

function cleanFor(e: Expr, dest: ScalarName, held: ReadonlyMap<string, Held>, depth = 0): boolean {
  const info = SCALARS[dest];
  if (e.tag === "var") {
    const h = held.get(e.name);
    if (!h || depth > 8) return false;
    return h.tag === "loaded" ? h.scalar === dest : cleanFor(h.value, dest, held, depth + 1);
  }
  switch (info.cls) {
    case "int": {
      if (e.tag === "int") return (e.value >= 0 || acceptsNegative(dest)) && bytesClean(BigInt(e.value), info.size);
      if (!isCall(e, "band")) return false;
      const mask = e.args[1];
      if (mask?.tag !== "int") return false;
      return mask.value === MASK32_NONNEG || (mask.value === MASK32_SIGNED && acceptsNegative(dest));
    }
    case "int64": {
      if (e.tag === "int64") return bytesClean(e.value, 8);
      if (!isCall(e, "band")) return false;
      const mask = e.args[1];
      return mask?.tag === "int64" && (mask.value === MASK64_NONNEG || mask.value === MASK64_SIGNED);
    }
    case "fp":
      return e.tag === "fp" && (dest === "float" ? isCleanFloat(e.value) : isCleanDouble(e.value));
    case "bool":
      return e.tag === "bool" || (e.tag === "binop" && ["==", "~=", "<", "<=", ">", ">="].includes(e.op));
    case "ptr":
      return e.tag === "nil";
  }
}

/** One message per store whose value is not known to be clean for its destination. */
export function checkClean(program: Program): string[] {
  const errors: string[] = [];
  const walk = (body: readonly Stmt[], outer: ReadonlyMap<string, Held>): void => {
    const held = new Map(outer);
    for (const s of body) {
      switch (s.tag) {
        case "local":
          s.names.forEach((name, i) => {
            const value = s.values[i];
            if (value?.tag === "load") held.set(name, { tag: "loaded", scalar: value.place.scalar });
            else if (value) held.set(name, { tag: "value", value });
            else held.delete(name);
          });
          break;
        case "assign":
          // A local assigned anything else no longer holds what it was declared with.
          for (const t of s.targets) if (t.tag === "var") held.delete(t.name);
          break;
        case "store":
          if (!cleanFor(s.value, s.place.scalar, held))
            errors.push(`store to a ${s.place.scalar} of a value not known to be clean`);
          break;
        case "for":
        case "forNum":
        case "forIn":
        case "while":
        case "repeat":
        case "do":
          walk(s.body, held);
          break;
        case "function": {
          const inner = new Map(held);
          for (const p of s.params) inner.delete(p);
          walk(s.body, inner);
          break;
        }
        case "if":
          walk(s.then, held);
          if (s.else) walk(s.else, held);
          break;
        default:
          break;
      }
    }
  };
  walk(program.body, new Map());
  return errors;
}
