/**
 * Where a plan can be changed: every list of items (a block's body, a
 * branch's arms, an inner loop's body), each with a way to put a new list
 * in its place. Plans are immutable: a replacement rebuilds the path to it.
 */
import type { BlockPlan, CasePlan, ItemPlan } from "../arbitraries/plan.ts";

export type ItemList = {
  readonly items: readonly ItemPlan[];
  /** The block the list is in, and how deep in it (0: the block's own body). */
  readonly block: number;
  readonly depth: number;
  readonly replace: (items: readonly ItemPlan[]) => CasePlan;
};

/** An item with the list it is in and its index there. */
export type ItemSite = { readonly list: ItemList; readonly index: number; readonly item: ItemPlan };

export function itemLists(plan: CasePlan): ItemList[] {
  const out: ItemList[] = [];
  const walk = (
    items: readonly ItemPlan[],
    block: number,
    depth: number,
    rebuild: (items: readonly ItemPlan[]) => CasePlan,
  ): void => {
    out.push({ items, block, depth, replace: rebuild });
    items.forEach((it, i) => {
      const put = (next: ItemPlan) => rebuild(items.map((x, j) => (j === i ? next : x)));
      if (it.tag === "branch") {
        walk(it.then, block, depth + 1, (then) => put({ ...it, then }));
        walk(it.else, block, depth + 1, (els) => put({ ...it, else: els }));
      } else if (it.tag === "inner") {
        walk(it.items, block, depth + 1, (inner) => put({ ...it, items: inner }));
      }
    });
  };
  plan.blocks.forEach((b, i) => {
    walk(b.items, i, 0, (items) => withBlock(plan, i, { ...b, items }));
  });
  return out;
}

export function itemSites(plan: CasePlan): ItemSite[] {
  return itemLists(plan).flatMap((list) => list.items.map((item, index) => ({ list, index, item })));
}

export const withBlock = (plan: CasePlan, index: number, block: BlockPlan): CasePlan => ({
  ...plan,
  blocks: plan.blocks.map((b, i) => (i === index ? block : b)),
});

/** The site's item replaced by `next`. */
export const replaceItem = (site: ItemSite, next: ItemPlan): CasePlan =>
  site.list.replace(site.list.items.map((x, i) => (i === site.index ? next : x)));

/** `items` inserted into `list` before position `at`. */
export const insertItems = (list: ItemList, at: number, items: readonly ItemPlan[]): CasePlan =>
  list.replace([...list.items.slice(0, at), ...items, ...list.items.slice(at)]);
