/**
 * Mutators of a `CasePlan`. Each takes a plan and a random source (and, to
 * splice, a second plan) and returns a changed plan, or undefined when the
 * plan has nothing it can change. They work on the plan, not on the
 * program: `resolve/` turns any plan into a valid program (references are
 * taken modulo what exists, offsets are placed inside buffers, values are
 * cleaned and kept exact), so every mutant keeps the generator's rules by
 * construction.
 */
import type fc from "fast-check";
import { loopPlan } from "../arbitraries/case.ts";
import { fieldPlan, pairScalar, scalarBySize, scalarName } from "../arbitraries/ctypes.ts";
import { cond, exitCond, intExpr } from "../arbitraries/exprs.ts";
import { callItem, gcStep, luaKind, tableSlot } from "../arbitraries/items.ts";
import { FLAGS_OFF, PARAMS } from "../arbitraries/jit.ts";
import { LIB_OP_NAMES } from "../arbitraries/lib-ops.ts";
import { byteOffset, elementIndex, pairIndex } from "../arbitraries/offsets.ts";
import type { CasePlan, EdgeStep, EncodingForm, ItemPlan, TablePart } from "../arbitraries/plan.ts";
import { SCALARS, type ScalarName } from "../program/ctype.ts";
import { edgeOffset } from "../resolve/edges.ts";
import { getIn, type Path, setIn } from "./paths.ts";
import { below, chance, choose, chooseIfAny, draw, type Rng } from "./random.ts";
import { type ItemList, type ItemSite, insertItems, itemLists, itemSites, replaceItem, withBlock } from "./sites.ts";

export const MUTATOR_NAMES = [
  "offset",
  "type",
  "field",
  "constant",
  "duplicate",
  "swap",
  "remove",
  "splice",
  "wrapLoop",
  "sideExit",
  "tableStore",
  "call",
  "gc",
  "jitOptions",
] as const;

export type MutatorName = (typeof MUTATOR_NAMES)[number];

export type PlanMutator = (plan: CasePlan, rng: Rng, donor?: CasePlan) => CasePlan | undefined;

const FORMS: readonly EncodingForm[] = ["pair", "unscaled", "scaled"];
const STEPS: readonly EdgeStep[] = ["at", "inside", "past"];

/**
 * A new offset for one that was `value`: a step away, a fresh draw of the
 * generator's own offsets, or an encoding boundary for the access size
 * (`unit`: 1 for byte offsets, the size for element indexes).
 */
function newOffset(rng: Rng, value: number, fresh: fc.Arbitrary<number>, size: number, unit: number): number {
  switch (below(rng, 3)) {
    case 0:
      return value + choose(rng, [-2, -1, 1, 2]);
    case 1:
      return draw(rng, fresh);
    default: {
      const bytes = edgeOffset(choose(rng, FORMS), size, rng.nextBoolean(), choose(rng, STEPS), 0);
      return Math.trunc(bytes / unit);
    }
  }
}

const sizeOf = (s: ScalarName): number => SCALARS[s].size;

/** The item with one of its offsets changed (undefined: it has none). */
function withNewOffset(it: ItemPlan, rng: Rng): ItemPlan | undefined {
  switch (it.tag) {
    case "pair":
      return rng.nextBoolean()
        ? { ...it, k: newOffset(rng, it.k, pairIndex, sizeOf(it.scalar), sizeOf(it.scalar)) }
        : { ...it, dest: newOffset(rng, it.dest, pairIndex, sizeOf(it.scalar), sizeOf(it.scalar)) };
    case "structPair":
      return { ...it, k: newOffset(rng, it.k, pairIndex, 8, 8) };
    case "castPair":
      return { ...it, byteOffset: newOffset(rng, it.byteOffset, byteOffset, sizeOf(it.scalar), 1) };
    case "single": {
      const size = it.view.tag === "scalar" ? sizeOf(it.view.scalar) : 8;
      return { ...it, k: newOffset(rng, it.k, elementIndex, size, size) };
    }
    case "alias":
      return rng.nextBoolean() ? { ...it, k: it.k + choose(rng, [-1, 1]) } : { ...it, shift: below(rng, 15) - 7 };
    case "direct":
      return { ...it, k: Math.max(0, it.k + choose(rng, [-1, 1, 8])) };
    case "pressure":
      return { ...it, k: newOffset(rng, it.k, pairIndex, sizeOf(it.scalar), sizeOf(it.scalar)) };
    case "edge":
      switch (below(rng, 4)) {
        case 0:
          return { ...it, form: choose(rng, FORMS) };
        case 1:
          return { ...it, high: !it.high };
        case 2:
          return { ...it, step: choose(rng, STEPS) };
        default:
          return { ...it, misalign: it.misalign === 0 ? 1 + below(rng, 7) : 0 };
      }
    case "near":
      return { ...it, byteOffset: newOffset(rng, it.byteOffset, byteOffset, sizeOf(it.scalar), 1) };
    default:
      return undefined;
  }
}

/** The item with its access type (or Lua value kind) changed. */
function withNewType(it: ItemPlan, rng: Rng): ItemPlan | undefined {
  switch (it.tag) {
    case "pair":
      return rng.nextBoolean() ? { ...it, scalar: draw(rng, pairScalar) } : { ...it, mixedSign: !it.mixedSign };
    case "castPair":
    case "pressure":
      return { ...it, scalar: draw(rng, pairScalar) };
    case "alias":
      return rng.nextBoolean() ? { ...it, scalar: draw(rng, scalarName) } : { ...it, twin: !it.twin };
    case "edge":
      return { ...it, scalar: draw(rng, scalarBySize) };
    case "near":
      return { ...it, scalar: draw(rng, scalarName) };
    case "single":
      return { ...it, view: { tag: "scalar", scalar: draw(rng, scalarName) } };
    case "tableSlot":
    case "upvalue":
      return { ...it, kind: draw(rng, luaKind) };
    case "lib": // another library operation on the same operands
      return {
        ...it,
        op: choose(
          rng,
          LIB_OP_NAMES.filter((op) => op !== it.op),
        ),
      };
    default:
      return undefined;
  }
}

const PARTS: readonly TablePart[] = ["array", "hash", "field"];

/** The item with the struct, leaf, buffer or table slot it uses changed. */
function withNewField(it: ItemPlan, rng: Rng): ItemPlan | undefined {
  switch (it.tag) {
    case "structPair":
      return rng.nextBoolean() ? { ...it, leaf: it.leaf + 1 + below(rng, 3) } : { ...it, struct: it.struct + 1 };
    case "single":
      return { ...it, view: { tag: "struct", struct: below(rng, 8), leaf: below(rng, 41) } };
    case "direct":
      return rng.nextBoolean() ? { ...it, leaf: it.leaf + 1 } : { ...it, buffer: it.buffer + 1 };
    case "tableSlot":
      return below(rng, 3) === 0
        ? { ...it, part: choose(rng, PARTS) }
        : rng.nextBoolean()
          ? { ...it, slot: it.slot + 1 }
          : { ...it, table: it.table + 1 };
    case "upvalue":
      return { ...it, cell: it.cell + 1 };
    default:
      return undefined;
  }
}

/** A path to every number in `x` that is a constant of an expression or a stored value. */
function constantPaths(x: unknown, path: Path = []): Path[] {
  if (Array.isArray(x)) return x.flatMap((y, i) => constantPaths(y, [...path, i]));
  if (typeof x !== "object" || x === null) return [];
  const o = x as Record<string, unknown>;
  const here: Path[] = [];
  const fields: Record<string, readonly string[]> = {
    lit: ["pick"],
    const: ["pick"],
    mulk: ["k"],
    shift: ["n"],
    div: ["k"],
    loopEq: ["at"],
    hashBits: ["value", "bits"],
    expr: ["alt"],
    lib: ["k"],
  };
  for (const f of fields[String(o.tag)] ?? []) if (typeof o[f] === "number") here.push([...path, f]);
  return [
    ...here,
    ...Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? constantPaths(v, [...path, k]) : [])),
  ];
}

/** Applies `change` to a random site where it changes something. */
function atSomeItem(
  plan: CasePlan,
  rng: Rng,
  change: (it: ItemPlan, rng: Rng) => ItemPlan | undefined,
): CasePlan | undefined {
  const sites = itemSites(plan);
  const start = below(rng, sites.length);
  for (let d = 0; d < sites.length; d++) {
    const site = sites[(start + d) % sites.length]!;
    const next = change(site.item, rng);
    if (next) return replaceItem(site, next);
  }
  return undefined;
}

const MAX_ITEMS = 48;
const MAX_BLOCKS = 4;
const itemCount = (plan: CasePlan): number => itemSites(plan).length;

/** A random item site, when the plan has room for one more item. */
const siteWithRoom = (plan: CasePlan, rng: Rng): ItemSite | undefined =>
  itemCount(plan) >= MAX_ITEMS ? undefined : chooseIfAny(rng, itemSites(plan));

/** Inserts `items` at a random position of a random item list. */
function insertSomewhere(plan: CasePlan, rng: Rng, items: readonly ItemPlan[]): CasePlan | undefined {
  if (itemCount(plan) + items.length > MAX_ITEMS) return undefined;
  const list = choose(rng, itemLists(plan));
  return insertItems(list, below(rng, list.items.length + 1), items);
}

/** A contiguous run of 1..3 items of one list: what wrapLoop and sideExit put in a loop or a branch. */
type Run = { readonly list: ItemList; readonly from: number; readonly to: number };

function someRun(plan: CasePlan, rng: Rng): Run {
  const list = choose(rng, itemLists(plan));
  const from = below(rng, list.items.length);
  return { list, from, to: Math.min(list.items.length, from + 1 + below(rng, 3)) };
}

const wrapRun = (run: Run, wrap: (items: readonly ItemPlan[]) => ItemPlan): CasePlan => {
  const { list, from, to } = run;
  return list.replace([...list.items.slice(0, from), wrap(list.items.slice(from, to)), ...list.items.slice(to)]);
};

export const PLAN_MUTATORS: Readonly<Record<MutatorName, PlanMutator>> = {
  offset: (plan, rng) => atSomeItem(plan, rng, withNewOffset),
  type: (plan, rng) => {
    // Now and then a struct's field rather than an access.
    if (plan.structs.length > 0 && chance(rng, 4)) {
      const s = below(rng, plan.structs.length);
      const def = plan.structs[s]!;
      const f = below(rng, def.fields.length);
      const fields = def.fields.map((x, i) => (i === f ? draw(rng, fieldPlan) : x));
      return { ...plan, structs: plan.structs.map((x, i) => (i === s ? { ...def, fields } : x)) };
    }
    return atSomeItem(plan, rng, withNewType);
  },
  field: (plan, rng) => {
    if (plan.structs.length > 0 && chance(rng, 4)) {
      const s = below(rng, plan.structs.length);
      const def = plan.structs[s]!;
      const next =
        chance(rng, 3) || def.fields.length >= 8
          ? { ...def, packed: !def.packed }
          : { ...def, fields: [...def.fields, draw(rng, fieldPlan)] };
      return { ...plan, structs: plan.structs.map((x, i) => (i === s ? next : x)) };
    }
    return atSomeItem(plan, rng, withNewField);
  },
  constant: (plan, rng) =>
    atSomeItem(plan, rng, (it, r) => {
      const paths = constantPaths(it);
      if (paths.length === 0) return undefined;
      const path = choose(r, paths);
      const old = getIn(it, path) as number;
      return setIn(it, path, r.nextBoolean() ? old + choose(r, [-1, 1, 7]) : below(r, 61));
    }),
  duplicate: (plan, rng) => {
    if (plan.blocks.length < MAX_BLOCKS && itemCount(plan) * 2 <= MAX_ITEMS && chance(rng, 5)) {
      const b = below(rng, plan.blocks.length);
      return { ...plan, blocks: [...plan.blocks.slice(0, b + 1), ...plan.blocks.slice(b)] };
    }
    const site = siteWithRoom(plan, rng);
    return site && insertItems(site.list, site.index + 1, [site.item]);
  },
  swap: (plan, rng) => {
    if (plan.blocks.length >= 2 && chance(rng, 5)) {
      const i = below(rng, plan.blocks.length - 1);
      const blocks = [...plan.blocks];
      [blocks[i], blocks[i + 1]] = [blocks[i + 1]!, blocks[i]!];
      return { ...plan, blocks };
    }
    const lists = itemLists(plan).filter((l) => l.items.length >= 2);
    if (lists.length === 0) return undefined;
    const list = choose(rng, lists);
    const i = below(rng, list.items.length);
    let j = below(rng, list.items.length - 1);
    if (j >= i) j++;
    return list.replace(list.items.map((x, k) => (k === i ? list.items[j]! : k === j ? list.items[i]! : x)));
  },
  remove: (plan, rng) => {
    if (plan.blocks.length >= 2 && chance(rng, 5)) {
      const b = below(rng, plan.blocks.length);
      return { ...plan, blocks: plan.blocks.filter((_, i) => i !== b) };
    }
    const lists = itemLists(plan).filter((l) => l.items.length >= 2);
    if (lists.length === 0) return undefined;
    const list = choose(rng, lists);
    const i = below(rng, list.items.length);
    return list.replace(list.items.filter((_, k) => k !== i));
  },
  splice: (plan, rng, donor) => {
    if (!donor) return undefined;
    if (plan.blocks.length < MAX_BLOCKS && chance(rng, 4)) {
      const block = choose(rng, donor.blocks);
      if (itemCount(plan) + block.items.length > MAX_ITEMS) return undefined;
      const at = below(rng, plan.blocks.length + 1);
      return { ...plan, blocks: [...plan.blocks.slice(0, at), block, ...plan.blocks.slice(at)] };
    }
    const from = choose(rng, itemLists(donor));
    const start = below(rng, from.items.length);
    const run = from.items.slice(start, start + 1 + below(rng, 3));
    // Replace as often as insert, so splicing does not only grow cases.
    const site = rng.nextBoolean() ? chooseIfAny(rng, itemSites(plan)) : undefined;
    if (site) {
      return site.list.replace([
        ...site.list.items.slice(0, site.index),
        ...run,
        ...site.list.items.slice(site.index + 1),
      ]);
    }
    return insertSomewhere(plan, rng, run);
  },
  wrapLoop: (plan, rng) => {
    if (chance(rng, 3)) {
      const b = below(rng, plan.blocks.length);
      const block = plan.blocks[b]!;
      return withBlock(plan, b, { ...block, loop: draw(rng, loopPlan) });
    }
    const count = 1 + below(rng, 6);
    const start = below(rng, 9) - 4;
    return wrapRun(someRun(plan, rng), (items) => ({ tag: "inner", count, start, items }));
  },
  sideExit: (plan, rng) => {
    if (rng.nextBoolean()) return insertSomewhere(plan, rng, [{ tag: "exit", cond: draw(rng, exitCond) }]);
    const c = draw(rng, cond);
    return wrapRun(someRun(plan, rng), (then) => ({ tag: "branch", cond: c, then, else: [] }));
  },
  tableStore: (plan, rng) => {
    const it: ItemPlan = chance(rng, 3)
      ? {
          tag: "table",
          helper: below(rng, 6),
          key: draw(rng, intExpr),
          value: draw(rng, intExpr),
          read: draw(rng, intExpr),
        }
      : draw(rng, tableSlot);
    return insertSomewhere(plan, rng, [it]);
  },
  call: (plan, rng) => {
    const withHelper: CasePlan = plan.helpers.some((h) => h.tag !== "table")
      ? plan
      : { ...plan, helpers: [...plan.helpers, { tag: "pure", arity: 1 + below(rng, 4), e: draw(rng, intExpr) }] };
    return insertSomewhere(withHelper, rng, [draw(rng, callItem)]);
  },
  gc: (plan, rng) => insertSomewhere(plan, rng, [draw(rng, gcStep)]),
  jitOptions: (plan, rng) => ({ ...plan, jitOptions: changedJitOptions(plan.jitOptions, rng) }),
};

/** One option added, dropped or changed; `hotloop=1` stays first, one value per parameter. */
export function changedJitOptions(options: readonly string[], rng: Rng): string[] {
  const rest = options.filter((o) => o !== "hotloop=1");
  let next: string[];
  if (rest.length > 0 && chance(rng, 3)) {
    const drop = below(rng, rest.length);
    next = rest.filter((_, i) => i !== drop);
  } else {
    const add: string = rng.nextBoolean() ? choose(rng, PARAMS) : choose(rng, FLAGS_OFF);
    const name = add.split("=")[0];
    // Adding what is there already takes it away instead.
    next = rest.includes(add) ? rest.filter((o) => o !== add) : [...rest.filter((o) => o.split("=")[0] !== name), add];
  }
  return ["hotloop=1", ...next];
}
