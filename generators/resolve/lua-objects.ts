/**
 * The plain Lua tables and closed upvalues a case declares at top level
 * (see lua.ts for the items that use them), and the values they hold.
 */
import type { LuaKind } from "../arbitraries/plan.ts";
import type { Expr, Stmt } from "../program/ast.ts";
import { bin, call, lit } from "./intexpr.ts";
import { ffiCast } from "./values.ts";

export const LUA_KINDS: readonly LuaKind[] = ["number", "string", "boolean", "table", "cdata"];

/** Tables and cells per case; slots per kind in each part of a table. */
const TABLES = 2;
const CELLS = 2;
export const SLOTS = 8;
/** Array slots the constructor fills (the rest of the array part grows at run time, through the hash part). */
const PREFILLED = 20;
/** Constant string keys per kind. */
export const FIELDS = 4;

export const kindIndex = (kind: LuaKind): number => LUA_KINDS.indexOf(kind);

export const pickIn = (n: number, i: number): number => Math.abs(Math.trunc(i)) % n;

/** A value of `kind` made from the int32 `x` (strings, tables and cdata are new objects: allocation churn). */
export function newValue(kind: LuaKind, x: Expr): Expr {
  switch (kind) {
    case "number":
      return x;
    case "string":
      return bin("..", { tag: "str", value: "s" }, x);
    case "boolean":
      return bin("==", call("band", x, lit(1)), lit(0));
    case "table":
      return { tag: "table", items: [x], fields: [] };
    case "cdata":
      return ffiCast("int64_t", x);
  }
}

/** A constant of `kind` (initial contents of tables and cells). */
function constantOf(kind: LuaKind, i: number): Expr {
  switch (kind) {
    case "number":
      return lit(i);
    case "string":
      return { tag: "str", value: `s${i}` };
    case "boolean":
      return { tag: "bool", value: i % 2 === 0 };
    case "table":
      return { tag: "table", items: [lit(i)], fields: [] };
    case "cdata":
      return { tag: "int64", value: BigInt(i), unsigned: false };
  }
}

/**
 * The Lua tables and cells a case uses, named by their pick (not by the
 * name counter: an item resolved twice, see resolveItems, names them the
 * same), declared at top level once the blocks are resolved.
 */
export class LuaObjects {
  private readonly tables = new Set<number>();
  /** Cell index → the kind of value it holds. */
  private readonly cells = new Map<number, LuaKind>();

  table(pick: number): string {
    const i = pickIn(TABLES, pick) + 1;
    this.tables.add(i);
    return `g${i}`;
  }

  /** The setter and getter of the cell of `kind` picked by `pick`. */
  cell(pick: number, kind: LuaKind): { set: string; get: string } {
    const index = kindIndex(kind) * CELLS + pickIn(CELLS, pick) + 1;
    this.cells.set(index, kind);
    return { set: `set${index}`, get: `get${index}` };
  }

  decls(): Stmt[] {
    const tables = [...this.tables]
      .sort((a, b) => a - b)
      .map((i): Stmt => {
        const items = Array.from({ length: PREFILLED }, (_, j) => constantOf(LUA_KINDS[j % LUA_KINDS.length]!, j + 1));
        return { tag: "local", names: [`g${i}`], values: [{ tag: "table", items, fields: [] }] };
      });
    const cells = [...this.cells]
      .sort(([a], [b]) => a - b)
      .map(
        ([index, kind]): Stmt => ({
          tag: "local",
          names: [`set${index}`, `get${index}`],
          values: [call("cell", constantOf(kind, index))],
        }),
      );
    return [...tables, ...cells];
  }
}
