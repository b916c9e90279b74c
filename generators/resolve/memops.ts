/** Loads, stores and copies of two places: what pair-shaped items share. */

import type { MemOp, Order, ValuePlan } from "../arbitraries/plan.ts";
import type { Place, Stmt } from "../program/ast.ts";
import { loadStmt, loadsThenHashes } from "./access.ts";
import type { Ctx } from "./context.ts";
import { v } from "./intexpr.ts";
import { hashStmt, isTrivial, storeValue } from "./values.ts";

export const ordered = <T>(xs: readonly [T, T], order: Order): [T, T] =>
  order === "up" ? [xs[0], xs[1]] : [xs[1], xs[0]];

/** Stores `values` to `places` back to back: values that need code are computed first. */
export function adjacentStores(ctx: Ctx, places: readonly Place[], values: readonly ValuePlan[]): Stmt[] {
  const pre: Stmt[] = [];
  const stores: Stmt[] = [];
  places.forEach((place, i) => {
    let value = storeValue(values[i] ?? { tag: "const", pick: i }, place.scalar, ctx.env);
    if (!isTrivial(value)) {
      const name = ctx.names.next("x");
      pre.push({ tag: "local", names: [name], values: [value] });
      value = v(name);
    }
    stores.push({ tag: "store", place, value });
  });
  return [...pre, ...stores];
}

export type Kind = "load" | "store";

/** Loads, stores, or loads copied to `copyTo` (place by place, same types), of the places `at` makes. */
export function memOp(
  ctx: Ctx,
  op: MemOp,
  at: (kind: Kind) => readonly Place[],
  copyTo: () => readonly Place[],
  values: readonly ValuePlan[],
): Stmt[] {
  if (op === "load") return loadsThenHashes(ctx, at("load"));
  if (op === "store") return adjacentStores(ctx, at("store"), values);
  const places = at("load");
  const loads = places.map((p) => loadStmt(ctx, p));
  const dest = copyTo();
  return [
    ...loads.map((l) => l.stmt),
    ...dest.map((p, i): Stmt => ({ tag: "store", place: p, value: v(loads[i]!.name) })),
    ...loads.map((l, i) => hashStmt(l.name, places[i]!.scalar)),
  ];
}
