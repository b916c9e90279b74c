/** Everything an item needs while it is being resolved. */
import type { Stmt } from "../program/ast.ts";
import type { StructDef } from "../program/ctype.ts";
import type { Layouts } from "../program/layout.ts";
import type { Env } from "./env.ts";
import type { LuaObjects } from "./lua-objects.ts";
import type { BufferSpec, Memory } from "./memory.ts";
import type { Names } from "./names.ts";

/** A top-level helper the loop bodies can call or index. */
export type Helper =
  | {
      readonly tag: "function";
      readonly name: string;
      readonly shape: "pure" | "tailrec" | "vararg" | "recursive";
      readonly arity: number;
    }
  | {
      readonly tag: "table";
      readonly name: string;
      readonly size: number;
      readonly meta: "none" | "indexFn" | "indexTable";
    };

export type Ctx = {
  readonly mem: Memory;
  readonly names: Names;
  readonly layouts: Layouts;
  readonly structs: readonly StructDef[];
  readonly buffers: readonly BufferSpec[];
  readonly helpers: readonly Helper[];
  /** Plain Lua tables and closed upvalues, declared when first used. */
  readonly lua: LuaObjects;
  readonly env: Env;
  /** Statements appended at the end of the enclosing loop body (pressure items). */
  readonly deferred: Stmt[];
  readonly depth: number;
  /** Resolve memory accesses in per-alias-class anchors (after a strict-aliasing conflict). */
  readonly lane: boolean;
};

export const withEnv = (ctx: Ctx, env: Env, deferred: Stmt[] = ctx.deferred): Ctx => ({
  ...ctx,
  env,
  deferred,
  depth: ctx.depth + 1,
});

export const pickOf = <T>(xs: readonly T[], i: number): T | undefined =>
  xs.length === 0 ? undefined : xs[Math.abs(Math.trunc(i)) % xs.length];
