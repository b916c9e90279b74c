/**
 * Integer expressions with exactness guaranteed: every value is an integer
 * below 2^50 in magnitude, so no operation rounds, an FMA cannot change a
 * result, and the JIT's narrowing to int32 and the interpreter's doubles
 * always agree. Operands that could grow past the limit go through `tobit`.
 */

import type { CondPlan, IntExprPlan } from "../arbitraries/plan.ts";
import type { Expr } from "../program/ast.ts";
import type { Env } from "./env.ts";
import { INT_LITERALS, prefersHex } from "./literals.ts";

export type IntExpr = { readonly e: Expr; readonly bound: number };

const LIMIT = 2 ** 50;
const I32 = 2 ** 31;

export const v = (name: string): Expr => ({ tag: "var", name });
export const lit = (value: number): Expr => ({ tag: "int", value, hex: prefersHex(value) });
export const hexLit = (value: number): Expr => ({ tag: "int", value, hex: true });
export const call = (fn: string, ...args: Expr[]): Expr => ({ tag: "call", callee: v(fn), args });
export const mathCall = (fn: string, ...args: Expr[]): Expr => ({
  tag: "call",
  callee: { tag: "field", object: v("math"), name: fn },
  args,
});
export const bin = (op: Extract<Expr, { tag: "binop" }>["op"], left: Expr, right: Expr): Expr => ({
  tag: "binop",
  op,
  left,
  right,
});

const pick = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[Math.abs(Math.trunc(i)) % xs.length];

/** Brings a value back to int32 range when it could make the next operation inexact. */
export function narrowed(x: IntExpr, limit = I32): IntExpr {
  return x.bound <= limit ? x : { e: call("tobit", x.e), bound: I32 };
}

export function resolveInt(p: IntExprPlan, env: Env, depth = 0): IntExpr {
  const sub = (q: IntExprPlan) =>
    depth >= 4 ? resolveInt({ tag: "var", pick: 0 }, env, depth + 1) : resolveInt(q, env, depth + 1);
  switch (p.tag) {
    case "lit": {
      const value = pick(INT_LITERALS, p.pick) ?? 0;
      return { e: lit(value), bound: Math.abs(value) };
    }
    case "var": {
      const b = pick(env.ints(), p.pick);
      if (!b) return resolveInt({ tag: "lit", pick: p.pick }, env, depth);
      return { e: v(b.name), bound: b.bound };
    }
    case "arith": {
      let a = sub(p.a);
      let b = sub(p.b);
      if (a.bound + b.bound > LIMIT) {
        a = narrowed(a);
        b = narrowed(b);
      }
      return { e: bin(p.op, a.e, b.e), bound: a.bound + b.bound };
    }
    case "mulk": {
      const k = Math.trunc(p.k) === 0 ? 3 : Math.max(-4096, Math.min(4096, Math.trunc(p.k)));
      let a = sub(p.a);
      if (a.bound * Math.abs(k) > LIMIT) a = narrowed(a);
      return { e: bin("*", a.e, lit(k)), bound: a.bound * Math.abs(k) };
    }
    case "bit":
      return { e: call(p.op, sub(p.a).e, sub(p.b).e), bound: I32 };
    case "shift":
      return { e: call(p.op, sub(p.a).e, lit(((Math.trunc(p.n) % 32) + 32) % 32)), bound: I32 };
    case "unary": {
      const a = sub(p.a);
      switch (p.op) {
        case "neg":
          return { e: { tag: "unop", op: "-", operand: a.e }, bound: a.bound };
        case "abs":
          return { e: mathCall("abs", a.e), bound: a.bound };
        default:
          return { e: call(p.op, a.e), bound: I32 };
      }
    }
    case "div": {
      const k = Math.max(1, Math.min(64, Math.abs(Math.trunc(p.k)) || 1));
      const a = sub(p.a);
      if (p.op === "mod") return { e: bin("%", a.e, lit(k)), bound: k };
      return { e: mathCall("floor", bin("/", a.e, lit(k))), bound: Math.ceil(a.bound / k) + 1 };
    }
    case "select": {
      const a = sub(p.a);
      const b = sub(p.b);
      // `c and a or b` is safe: a is a number, never false or nil.
      return {
        e: bin("or", bin("and", resolveCond(p.cond, env, depth + 1), a.e), b.e),
        bound: Math.max(a.bound, b.bound),
      };
    }
  }
}

export function resolveCond(c: CondPlan, env: Env, depth = 0): Expr {
  switch (c.tag) {
    case "loopEq": {
      const loop = env.innermostLoop();
      if (!loop) return resolveCond({ tag: "hashBits", bits: 4, value: c.at }, env, depth);
      const span = loop.max - loop.min + 1;
      const at = loop.min + (Math.abs(Math.trunc(c.at)) % span);
      return bin("==", v(loop.name), lit(at));
    }
    case "hashBits": {
      const bits = Math.max(1, Math.min(8, Math.trunc(c.bits)));
      const mask = 2 ** bits - 1;
      return bin("==", call("band", v("h"), lit(mask)), lit(Math.abs(Math.trunc(c.value)) & mask));
    }
    case "cmp":
      return bin(c.op, resolveInt(c.a, env, depth + 1).e, resolveInt(c.b, env, depth + 1).e);
  }
}
