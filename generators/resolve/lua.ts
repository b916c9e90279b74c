/**
 * Plain Lua tables and closed upvalues, and the items that store into them
 * in hot loops while the GC runs: what makes the JIT compile table and
 * upvalue write barriers (TBAR, OBAR) and execute them (a barrier does
 * work only when the GC has marked the table or closure black).
 *
 * Every slot holds one kind of value (see `LuaKind`), so a read knows how
 * to hash what it finds: numbers by value, strings by length and last
 * byte, booleans, tables by their one element, cdata (boxed int64) by
 * their halves. Nothing is hashed by address, and `collectgarbage` is only
 * ever asked to step, never for a count: the digest stays the same in the
 * JIT and the interpreter, whatever the collector did.
 */
import type { IntExprPlan, ItemPlan, LuaKind, TablePart } from "../arbitraries/plan.ts";
import type { Expr, Stmt } from "../program/ast.ts";
import type { Ctx } from "./context.ts";
import { bin, call, lit, narrowed, resolveInt, v } from "./intexpr.ts";
import { FIELDS, kindIndex, LUA_KINDS, newValue, pickIn, SLOTS } from "./lua-objects.ts";

const MIXER: Record<LuaKind, string> = {
  number: "mix",
  string: "mixs",
  boolean: "mixb",
  table: "mixt",
  cdata: "mix64",
};

/** `h = …(h, y)` for a value `y` of `kind` (strings, booleans and tables may be nil: their mixers take it). */
const hashValue = (kind: LuaKind, y: Expr): Stmt => ({
  tag: "assign",
  targets: [{ tag: "var", name: "h" }],
  values: [call(MIXER[kind], v("h"), y)],
});

/** What a read of an empty slot gives instead of nil, where the mixer needs a value. */
const orDefault = (kind: LuaKind, e: Expr): Expr => (kind === "number" || kind === "cdata" ? bin("or", e, lit(0)) : e);

/**
 * Integer keys of the hash part start here: far past the array part, so a
 * rehash never moves them into it. (Not negative: a variable key that is
 * no potential array index, on a table with an array part, is NYI in the
 * recorder, "mixed sparse/dense table", and the loop would not compile.)
 */
const HASH_BASE = 1000;

/** The key of a slot of `kind`: `1 + kind + 5·band(e + slot, 7)`, plus HASH_BASE in the hash part. */
function slotKey(part: Exclude<TablePart, "field">, kind: LuaKind, e: Expr, slot: number): Expr {
  const first = 1 + kindIndex(kind) + (part === "hash" ? HASH_BASE : 0);
  return bin("+", bin("*", call("band", bin("+", e, lit(slot)), lit(SLOTS - 1)), lit(LUA_KINDS.length)), lit(first));
}

const FIELD_LETTER: Record<LuaKind, string> = { number: "n", string: "s", boolean: "b", table: "t", cdata: "c" };

/** A table slot, as an expression and as an assignment target alike. */
type Slot = Extract<Expr, { tag: "index" | "field" }>;

export function resolveTableSlot(ctx: Ctx, it: Extract<ItemPlan, { tag: "tableSlot" }>): Stmt[] {
  const table = v(ctx.lua.table(it.table));
  const slot = pickIn(SLOTS, it.slot);
  const at = (e: IntExprPlan): Slot =>
    it.part === "field"
      ? { tag: "field", object: table, name: `${FIELD_LETTER[it.kind]}${slot % FIELDS}` }
      : { tag: "index", object: table, key: slotKey(it.part, it.kind, narrowed(resolveInt(e, ctx.env)).e, slot) };
  const value: Expr = it.erase ? { tag: "nil" } : newValue(it.kind, narrowed(resolveInt(it.value, ctx.env)).e);
  const store: Stmt = { tag: "assign", targets: [at(it.key)], values: [value] };
  const read = at(it.read);
  const name = ctx.names.next("y");
  if (it.kind === "number") ctx.env.bind({ name, cls: "int", bound: 2 ** 31 });
  return [store, { tag: "local", names: [name], values: [orDefault(it.kind, read)] }, hashValue(it.kind, v(name))];
}

export function resolveUpvalue(ctx: Ctx, it: Extract<ItemPlan, { tag: "upvalue" }>): Stmt[] {
  const { set, get } = ctx.lua.cell(it.cell, it.kind);
  const name = ctx.names.next("y");
  return [
    { tag: "call", call: call(set, newValue(it.kind, narrowed(resolveInt(it.value, ctx.env)).e)) },
    { tag: "local", names: [name], values: [call(get)] },
    hashValue(it.kind, v(name)),
  ];
}

/** `collectgarbage("step", size)` every 2^every iterations of the innermost loop (by `h` outside `for` loops). */
export function resolveGcStep(ctx: Ctx, it: Extract<ItemPlan, { tag: "gc" }>): Stmt[] {
  const mask = 2 ** Math.min(4, Math.abs(Math.trunc(it.every))) - 1;
  const step: Stmt = {
    tag: "call",
    call: call("collectgarbage", { tag: "str", value: "step" }, lit(Math.abs(Math.trunc(it.size)) % 4)),
  };
  if (mask === 0) return [step];
  const loop = ctx.env.innermostLoop();
  const counter = loop ? v(loop.name) : v("h");
  return [{ tag: "if", cond: bin("==", call("band", counter, lit(mask)), lit(0)), then: [step] }];
}
