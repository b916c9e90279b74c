/**
 * Library calls and operators that compile to IR instructions the FFI
 * accesses never make, in hot loops: strings (TOSTR, STRTO, BUFHDR/BUFPUT/
 * BUFSTR, STRREF, SNEW, string comparisons), math (FPMATH, MIN/MAX, POW,
 * calls into libm), 64-bit integer arithmetic on cdata (MUL, and the calls
 * for division, modulo and powers), conversions between floats, doubles
 * and integers of every size (CONV), allocations (CNEW, CNEWI, TNEW) and
 * table built-ins (table.insert, table.concat, unpack, the length).
 *
 * Every operand is an exact int32; every result is hashed by what it is:
 * integers by value, strings by length and one byte, booleans, doubles by
 * their bits (no result is a NaN: no operation here has one for finite
 * operands in its domain), int64 cdata by their halves. Nothing depends on
 * an address, on a string hash or on rounding that the JIT may do
 * differently from the interpreter (no `+ - *` on fractions, no fused
 * multiply-add, divisions only by constants, never by zero or by -1).
 */
import type { ItemPlan, LibOp } from "../arbitraries/plan.ts";
import type { Expr, Stmt } from "../program/ast.ts";
import type { Ctx } from "./context.ts";
import { bin, call, lit, mathCall, resolveInt, v } from "./intexpr.ts";
import { pickIn } from "./lua-objects.ts";
import { ffiCast } from "./values.ts";

/** The constant string that string operations cut, search and compare. */
const TEXT = "ljfuzz-0123456789abcdef";
/** Constant divisors of int64 division and modulo: positive and negative, never 0 or -1. */
const DIVISORS = [3, 7, 10, -9, 1000, 65536, -2, 127];

/** How a result is hashed. */
type Result =
  | { readonly kind: "int"; readonly e: Expr; readonly bound: number }
  | { readonly kind: "string" | "boolean" | "double" | "int64"; readonly e: Expr };

const str = (value: string): Expr => ({ tag: "str", value });
const lib = (object: string, fn: string, ...args: Expr[]): Expr => ({
  tag: "call",
  callee: { tag: "field", object: v(object), name: fn },
  args,
});
const band = (e: Expr, mask: number): Expr => call("band", e, lit(mask));
const or0 = (e: Expr): Expr => bin("or", e, lit(0));
const int = (e: Expr, bound: number): Result => ({ kind: "int", e, bound });
const int64 = (e: Expr): Expr => ffiCast("int64_t", e);
/** Through int64_t: a negative number converted straight to uint64_t is out of range (undefined, and arm64's FCVTZU saturates). */
const uint64 = (e: Expr): Expr => ffiCast("uint64_t", int64(e));

/** Operands: two int32 expressions and a small constant. */
interface Operands {
  readonly x: Expr;
  readonly y: Expr;
  readonly xBound: number;
  /** 1..64. */
  readonly k: number;
  readonly divisor: number;
  /** A plain Lua table of the case (lua-objects.ts), declared at top level: one that lives across iterations. */
  readonly table: (pick: number) => string;
}

/** The expression of each operation; `local` keeps an allocation in a local before it, `run` calls something before it. */
interface Before {
  /** A new local holding `e`, declared before the result: its name. */
  local(e: Expr): Expr & { tag: "var" };
  /** A statement before the result. */
  run(s: Stmt): void;
}

const OPS: Record<LibOp, (o: Operands, before: Before) => Result> = {
  tostring: ({ x }) => ({ kind: "string", e: call("tostring", x) }),
  concat: ({ x, y }) => ({ kind: "string", e: bin("..", x, bin("..", str(":"), y)) }),
  sub: ({ x, y }) => ({
    kind: "string",
    e: lib("string", "sub", str(TEXT), bin("-", band(x, 15), lit(8)), band(y, 31)),
  }),
  byte: ({ x }) => int(or0(lib("string", "byte", str(TEXT), bin("+", band(x, 31), lit(1)))), 255),
  char: ({ x, y }) => ({
    kind: "string",
    e: lib("string", "char", bin("+", band(x, 63), lit(48)), bin("+", band(y, 31), lit(65))),
  }),
  rep: ({ x, k }) => ({ kind: "string", e: lib("string", "rep", str(TEXT.slice(0, 1 + (k % 5))), band(x, 7)) }),
  format: ({ x, y, k }) => ({
    kind: "string",
    e:
      k % 2 === 0
        ? lib("string", "format", str("%d|%x|%s"), x, band(y, 0xffff), str("z"))
        : lib("string", "format", str("%.3f %5d"), bin("/", x, lit(8)), band(y, 0xfff)),
  }),
  find: ({ x }) =>
    int(
      or0(
        lib("string", "find", str(TEXT), lib("string", "char", bin("+", band(x, 15), lit(48))), lit(1), {
          tag: "bool",
          value: true,
        }),
      ),
      64,
    ),
  upper: ({ x, k }) => ({
    kind: "string",
    e: lib("string", k % 3 === 0 ? "upper" : k % 3 === 1 ? "lower" : "reverse", bin("..", str("Ab-"), x)),
  }),
  compare: ({ x, y, k }) => ({
    kind: "boolean",
    e: bin(k % 2 === 0 ? "<" : "==", bin("..", str(TEXT), x), bin("..", str(TEXT), y)),
  }),
  tonumber: ({ x, xBound, k }) =>
    k % 2 === 0
      ? int(call("tonumber", call("tostring", x)), xBound)
      : int(call("tonumber", bin("..", str("1"), band(x, 0xffff))), 200000),
  length: ({ x }) => int({ tag: "unop", op: "#", operand: bin("..", str(TEXT), x) }, 64),
  ceil: ({ x, xBound, k }) => int(mathCall("ceil", bin("/", x, lit(k))), Math.ceil(xBound / k) + 1),
  sqrt: ({ x, k }) =>
    k % 2 === 0
      ? int(mathCall("floor", mathCall("sqrt", mathCall("abs", x))), 2 ** 16 + 1)
      : { kind: "double", e: mathCall("sqrt", mathCall("abs", x)) },
  minmax: ({ x, y, xBound, k }) =>
    int(k % 2 === 0 ? mathCall("min", x, y) : mathCall("max", x, y, lit(k)), Math.max(xBound, 2 ** 31)),
  fminmax: ({ x, y, k }) => ({
    kind: "double",
    e: mathCall(k % 2 === 0 ? "min" : "max", bin("/", x, lit(4)), bin("/", y, lit(8))),
  }),
  fmod: ({ x, k }) => int(mathCall("fmod", x, lit(k)), k),
  pow: ({ x, k }) =>
    k % 2 === 0 ? int(bin("^", band(x, 1023), lit(2)), 2 ** 20) : int(bin("^", lit(2), band(x, 15)), 2 ** 15),
  libm: ({ x, k }) => ({
    kind: "double",
    e: [
      mathCall("sin", x),
      mathCall("cos", x),
      mathCall("exp", band(x, 15)),
      mathCall("log", bin("+", mathCall("abs", x), lit(1))),
      mathCall("atan2", x, lit(k)),
    ][k % 5]!,
  }),
  i64mul: ({ x, y }) => ({ kind: "int64", e: bin("*", int64(x), y) }),
  i64div: ({ x, divisor, k }) => ({ kind: "int64", e: bin(k % 2 === 0 ? "/" : "%", int64(x), lit(divisor)) }),
  u64div: ({ x, divisor, k }) => ({
    kind: "int64",
    e: bin(k % 2 === 0 ? "/" : "%", uint64(x), lit(Math.abs(divisor))),
  }),
  i64shift: ({ x, y, k }) => ({
    kind: "int64",
    e: call(["lshift", "rshift", "arshift", "rol"][k % 4]!, bin("*", uint64(x), band(y, 0x7fffffff)), band(y, 63)),
  }),
  i64pow: ({ x, y }) => ({ kind: "int64", e: bin("^", int64(x), band(y, 3)) }),
  i64tonum: ({ x, xBound, k }) => int(call("tonumber", bin("*", int64(x), lit(k))), xBound * k),
  float: ({ x, k }) => ({
    kind: "double",
    e: call("tonumber", ffiCast(k % 2 === 0 ? "float" : "double", bin("/", x, lit(4)))),
  }),
  toint: ({ x, xBound, k }) => {
    const to = ["int32_t", "uint8_t", "int16_t", "uint16_t", "int8_t"][k % 5]!;
    return to === "int32_t"
      ? int(call("tonumber", ffiCast(to, bin("/", x, lit(8)))), xBound)
      : // int32_t first: a number out of a small type's range is not converted alike everywhere; an int is truncated.
        int(call("tonumber", ffiCast(to, ffiCast("int32_t", x))), 2 ** 16);
  },
  cnew: ({ x, y, k }, { local }) => {
    const ffiNew = (...args: Expr[]): Expr => ({
      tag: "call",
      callee: { tag: "field", object: v("ffi"), name: "new" },
      args,
    });
    const at = (arr: Expr, i: number): Expr => ({ tag: "index", object: arr, key: lit(i) });
    switch (k % 4) {
      case 0: // a boxed int64 (CNEWI)
        return { kind: "int64", e: ffiNew(str("int64_t"), x) };
      case 1: {
        // A variable-length array (CNEW with a size): its one initializer fills every element.
        const arr = local(ffiNew(str("int32_t[?]"), bin("+", band(x, 3), lit(2)), y));
        return int(call("tonumber", at(arr, 1)), 2 ** 31);
      }
      default: {
        const arr = local(ffiNew(str(k % 4 === 2 ? "int32_t[2]" : "double[2]"), x, y));
        return int(call("tonumber", bin("-", at(arr, 0), at(arr, 1))), 2 ** 32);
      }
    }
  },
  tnew: ({ x, y, k }, { local }) => {
    const t = local({ tag: "table", items: [x, y, lit(k)], fields: [] });
    return int(bin("+", { tag: "unop", op: "#", operand: t }, { tag: "index", object: t, key: lit(2) }), 2 ** 31 + 3);
  },
  insert: ({ x, y }, { local, run }) => {
    const t = local({ tag: "table", items: [x], fields: [] });
    run({ tag: "call", call: lib("table", "insert", t, y) });
    return int(bin("+", { tag: "unop", op: "#", operand: t }, { tag: "index", object: t, key: lit(2) }), 2 ** 31 + 2);
  },
  hkey: ({ x, y, k, table }, { local, run }) => {
    // A key that is not a constant: a new string, a table, a boolean (HREF on each kind, and the stores' barriers).
    const g = v(table(k));
    const keys: Expr[] = [bin("..", str("k"), band(x, 7)), v(table(k + 1)), bin("==", band(x, 1), lit(0))];
    const key = local(keys[k % 3]!);
    const slot: Expr = { tag: "index", object: g, key };
    // The value was stored just before under the same key: the read finds it (a double: its store is a number's).
    run({ tag: "assign", targets: [{ tag: "index", object: g, key }], values: [bin("/", y, lit(4))] });
    return { kind: "double", e: slot };
  },
  setmeta: ({ x, k, table }, { local }) => {
    const t = local(call("setmetatable", { tag: "table", items: [x], fields: [] }, v(table(k))));
    return { kind: "boolean", e: bin("==", call("getmetatable", t), v(table(k))) };
  },
  pairs: ({ x, y, k }, { local, run }) => {
    // Over an array part only: pairs visits 1, 2, 3 in order (and the sum would not care).
    const t = local({ tag: "table", items: [x, y, lit(k)], fields: [] });
    const sum = local(lit(0));
    const [key, value] = [`${sum.name}k`, `${sum.name}v`];
    run({
      tag: "forIn",
      names: [key, value],
      values: [call("pairs", t)],
      body: [{ tag: "assign", targets: [sum], values: [bin("+", sum, bin("*", v(key), v(value)))] }],
    });
    return int(sum, 7 * 2 ** 31);
  },
  fcmp: ({ x, k }) => ({
    kind: "boolean",
    e: bin(["<", "<=", ">", ">=", "==", "~="][k % 6] as "<", bin("/", x, lit(4)), { tag: "fp", value: 0 }),
  }),
  tconcat: ({ x, y, k }) => ({
    kind: "string",
    e: lib("table", "concat", { tag: "table", items: [x, y, lit(k)], fields: [] }, str(",")),
  }),
  unpack: ({ x, y }) =>
    int(
      bin("-", call("select", lit(2), call("unpack", { tag: "table", items: [x, y], fields: [] })), lit(1)),
      2 ** 31 + 1,
    ),
};

const MIXER = { int: "mix", boolean: "mixb", double: "mixd", int64: "mix64" } as const;

export function resolveLibrary(ctx: Ctx, it: Extract<ItemPlan, { tag: "lib" }>): Stmt[] {
  // tobit: an int32 that is never -0 (a -0 from math.ceil or a negation would print and hash as itself
  // in doubles and strings, and the JIT may hold it as the integer 0).
  const a = call("tobit", resolveInt(it.a, ctx.env).e);
  const b = call("tobit", resolveInt(it.b, ctx.env).e);
  const k = 1 + pickIn(64, it.k);
  const before: Stmt[] = [];
  const local = (e: Expr): Expr & { tag: "var" } => {
    const name = ctx.names.next("t");
    before.push({ tag: "local", names: [name], values: [e] });
    return { tag: "var", name };
  };
  const run = (s: Stmt): void => {
    before.push(s);
  };
  const table = (pick: number) => ctx.lua.table(pick);
  const divisor = DIVISORS[k % DIVISORS.length]!;
  const r = OPS[it.op]({ x: a, y: b, xBound: 2 ** 31, k, divisor, table }, { local, run });
  const name = ctx.names.next("y");
  const hash = (e: Expr): Stmt => ({ tag: "assign", targets: [{ tag: "var", name: "h" }], values: [e] });
  const out: Stmt[] = [...before, { tag: "local", names: [name], values: [r.e] }];
  if (r.kind === "int") {
    ctx.env.bind({ name, cls: "int", bound: r.bound });
    out.push(hash(call("mix", v("h"), v(name))));
  } else if (r.kind === "string") {
    // An empty string has no byte: `or 0`.
    const at = [1, 2, -1, -2][k % 4]!;
    out.push(
      hash(call("mix", v("h"), { tag: "unop", op: "#", operand: v(name) })),
      hash(call("mix", v("h"), or0(lib("string", "byte", v(name), lit(at))))),
    );
  } else out.push(hash(call(MIXER[r.kind], v("h"), v(name))));
  return out;
}
