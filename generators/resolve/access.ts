/** Building places: a pointer base for a variant, then places at element offsets. */

import type { Variant } from "../arbitraries/plan.ts";
import { ALIAS_CLASS } from "../program/aliasing.ts";
import type { AffineTerm, Expr, Place, PlaceBase, Stmt } from "../program/ast.ts";
import { affine } from "../program/ast.ts";
import type { CType, ScalarName } from "../program/ctype.ts";
import { scalar } from "../program/ctype.ts";
import { type PathStep, sizeOf } from "../program/layout.ts";
import type { Ctx } from "./context.ts";
import { hashStmt, loadedBinding } from "./values.ts";

export type Base = { readonly pre: Stmt[]; readonly base: PlaceBase; readonly terms: readonly AffineTerm[] };

/** The pointer (and loop terms) an access of `variant` goes through. */
export function baseFor(ctx: Ctx, anchor: number, pointee: CType, variant: Variant): Base {
  const view = ctx.mem.view(anchor, pointee, ctx.lane);
  const loop = ctx.env.innermostLoop();
  if (variant === "invariant") return { pre: [], base: { tag: "ptr", name: view }, terms: [] };
  if (variant === "derived") {
    const d = ctx.mem.derive(view, loop ? affine(0, [{ loopVar: loop.name, coef: 1 }]) : affine(4), pointee);
    return { pre: [d.stmt], base: { tag: "ptr", name: d.name }, terms: [] };
  }
  if (!loop) return { pre: [], base: { tag: "ptr", name: view }, terms: [] };
  return {
    pre: [],
    base: { tag: "ptr", name: view },
    terms: [{ loopVar: loop.name, coef: variant === "scaled" ? 2 : 1 }],
  };
}

/** No access is planned further than this many bytes from its pointer (keeps buffers small). */
export const MAX_REACH = 33_000;

export function placeAt(
  ctx: Ctx,
  b: Base,
  k: number,
  path: readonly PathStep[],
  s: ScalarName,
  kind: "load" | "store" = "load",
): Place {
  const pointee =
    b.base.tag === "ptr" ? ctx.mem.pointee(b.base.name) : b.base.tag === "cast" ? b.base.pointee : undefined;
  const reach = pointee ? Math.max(1, Math.floor(MAX_REACH / sizeOf(ctx.layouts, pointee))) : MAX_REACH;
  const index = Math.max(-reach, Math.min(reach, Math.trunc(k)));
  const place: Place = { base: b.base, index: affine(index, b.terms), path, scalar: s };
  ctx.mem.note(place, ctx.env.loops, kind);
  return place;
}

export const loadExpr = (place: Place): Expr => ({ tag: "load", place });

/** `local vN = place` (bound in the environment as loaded from `place.scalar`). */
export function loadStmt(ctx: Ctx, place: Place): { name: string; stmt: Stmt } {
  const name = ctx.names.next("v");
  ctx.env.bind(loadedBinding(name, place.scalar));
  return { name, stmt: { tag: "local", names: [name], values: [loadExpr(place)] } };
}

export function loadsThenHashes(ctx: Ctx, places: readonly Place[]): Stmt[] {
  const loads = places.map((p) => loadStmt(ctx, p));
  return [...loads.map((l) => l.stmt), ...loads.map((l, i) => hashStmt(l.name, places[i]!.scalar))];
}

export const u8 = scalar("uint8_t");

/**
 * The byte pointer accesses at byte offsets go through: plan anchor
 * `anchor` (in the lane of `s` after a strict-aliasing conflict), or
 * `anchor + i·stride` derived in the loop body when `loopBase` is set.
 */
export function bytePointer(
  ctx: Ctx,
  anchor: number,
  s: ScalarName,
  loopBase: boolean,
  stride = 1,
): { pre: Stmt[]; from: string } {
  const name = ctx.mem.anchorName(anchor, ctx.lane ? ALIAS_CLASS[s] : undefined);
  const loop = ctx.env.innermostLoop();
  if (!loopBase || !loop) return { pre: [], from: name };
  const d = ctx.mem.derive(name, affine(0, [{ loopVar: loop.name, coef: stride }]), u8);
  return { pre: [d.stmt], from: d.name };
}

/** `ffi.cast("T *", from + offset)[0]`, recorded as a `kind` access. */
export function castAt(ctx: Ctx, from: string, offset: number, s: ScalarName, kind: "load" | "store" = "load"): Place {
  return placeAt(
    ctx,
    { pre: [], base: { tag: "cast", from, delta: affine(offset), pointee: scalar(s) }, terms: [] },
    0,
    [],
    s,
    kind,
  );
}
