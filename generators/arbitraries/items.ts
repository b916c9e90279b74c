/**
 * Loop-body items. About a third of all items are adjacent pairs on a
 * scalar view, most of them just below a pointer held in a register: the
 * PR #1028 shape, so that a campaign finds that class of bug in seconds.
 */
import fc from "fast-check";
import { pairScalar, scalarBySize, scalarName } from "./ctypes.ts";
import { cond, exitCond, intExpr, valuePair, valuePlan } from "./exprs.ts";
import { LIB_OP_NAMES } from "./lib-ops.ts";
import { byteOffset, elementIndex, pairIndex } from "./offsets.ts";
import type {
  EdgeStep,
  EncodingForm,
  ItemPlan,
  LibOp,
  LuaKind,
  MemOp,
  NearRelation,
  Order,
  TablePart,
  Variant,
  ViewPlan,
} from "./plan.ts";

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const variant: fc.Arbitrary<Variant> = fc.oneof(
  w(5, fc.constant<Variant>("invariant")),
  w(2, fc.constant<Variant>("derived")),
  w(2, fc.constant<Variant>("indexed")),
  w(1, fc.constant<Variant>("scaled")),
);
const order: fc.Arbitrary<Order> = fc.constantFrom<Order>("up", "down");
const memOp: fc.Arbitrary<MemOp> = fc.oneof(
  w(5, fc.constant<MemOp>("load")),
  w(3, fc.constant<MemOp>("store")),
  w(2, fc.constant<MemOp>("copy")),
);
const loadStore = fc.constantFrom("load" as const, "store" as const);
const anchor = fc.nat(3);

const pair = fc.record({
  tag: fc.constant("pair" as const),
  anchor,
  scalar: pairScalar,
  k: pairIndex,
  variant,
  order,
  op: memOp,
  dest: pairIndex,
  values: valuePair,
  mixedSign: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
});

const view: fc.Arbitrary<ViewPlan> = fc.oneof(
  w(
    2,
    scalarName.map((scalar): ViewPlan => ({ tag: "scalar", scalar })),
  ),
  w(1, fc.record({ tag: fc.constant("struct" as const), struct: fc.nat(7), leaf: fc.nat(40) })),
);

/** GC objects (whose stores need a barrier) twice as often as numbers and booleans. */
export const luaKind: fc.Arbitrary<LuaKind> = fc.oneof(
  w(2, fc.constantFrom<LuaKind>("table", "string", "cdata")),
  w(1, fc.constantFrom<LuaKind>("number", "boolean")),
);

export const tableSlot: fc.Arbitrary<ItemPlan> = fc.record({
  tag: fc.constant("tableSlot" as const),
  table: fc.nat(1),
  part: fc.constantFrom<TablePart>("array", "hash", "field"),
  kind: luaKind,
  slot: fc.nat(7),
  key: intExpr,
  value: intExpr,
  read: intExpr,
  erase: fc.oneof(w(7, fc.constant(false)), w(1, fc.constant(true))),
});

export const gcStep: fc.Arbitrary<ItemPlan> = fc.record({
  tag: fc.constant("gc" as const),
  every: fc.nat(4),
  size: fc.nat(3),
});

/** Library calls and operators: every operation equally often (resolve/library.ts). */
export const libItem: fc.Arbitrary<ItemPlan> = fc.record({
  tag: fc.constant("lib" as const),
  op: fc.constantFrom<LibOp>(...LIB_OP_NAMES),
  a: intExpr,
  b: intExpr,
  k: fc.nat(63),
});

const edge = fc.record({
  tag: fc.constant("edge" as const),
  anchor,
  scalar: scalarBySize,
  form: fc.constantFrom<EncodingForm>("pair", "unscaled", "scaled"),
  high: fc.boolean(),
  step: fc.constantFrom<EdgeStep>("at", "inside", "past"),
  misalign: fc.oneof(w(3, fc.constant(0)), w(1, fc.integer({ min: 1, max: 7 }))),
  neighbour: fc.boolean(),
  loopBase: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
  order,
  op: memOp,
  values: valuePair,
});

const near = fc.record({
  tag: fc.constant("near" as const),
  anchor,
  scalar: scalarName,
  byteOffset,
  relation: fc.oneof(
    w(3, fc.constant<NearRelation>("adjacent")),
    w(3, fc.constantFrom<NearRelation>("gapPlus", "gapMinus", "otherSize", "same", "otherBase")),
  ),
  loopBase: fc.oneof(w(3, fc.constant(false)), w(1, fc.constant(true))),
  order,
  op: memOp,
  values: valuePair,
});

export const callItem: fc.Arbitrary<ItemPlan> = fc.record({
  tag: fc.constant("call" as const),
  helper: fc.nat(5),
  args: fc.array(intExpr, { maxLength: 6 }),
});

const leafItems = fc.oneof(
  w(8, pair),
  w(
    3,
    fc.record({
      tag: fc.constant("structPair" as const),
      anchor,
      struct: fc.nat(7),
      leaf: fc.nat(40),
      k: pairIndex,
      variant,
      order,
      op: memOp,
      values: valuePair,
    }),
  ),
  w(
    3,
    fc.record({
      tag: fc.constant("castPair" as const),
      anchor,
      scalar: pairScalar,
      byteOffset,
      loopBase: fc.boolean(),
      order,
      op: memOp,
      values: valuePair,
    }),
  ),
  w(
    3,
    fc.record({
      tag: fc.constant("single" as const),
      anchor,
      view,
      k: elementIndex,
      variant,
      op: loadStore,
      value: valuePlan,
    }),
  ),
  w(
    2,
    fc.record({
      tag: fc.constant("alias" as const),
      anchor,
      scalar: scalarName,
      twin: fc.boolean(),
      k: fc.integer({ min: -8, max: 8 }),
      shift: fc.integer({ min: -7, max: 7 }),
      variant,
      value: valuePlan,
    }),
  ),
  w(
    1,
    fc.record({
      tag: fc.constant("direct" as const),
      buffer: fc.nat(3),
      leaf: fc.nat(40),
      k: fc.nat(16),
      variant,
      op: loadStore,
      value: valuePlan,
    }),
  ),
  w(2, fc.record({ tag: fc.constant("arith" as const), e: intExpr })),
  w(
    1,
    fc.record({ tag: fc.constant("table" as const), helper: fc.nat(5), key: intExpr, value: intExpr, read: intExpr }),
  ),
  w(1, callItem),
  w(
    1,
    fc.record({
      tag: fc.constant("pressure" as const),
      count: fc.integer({ min: 6, max: 28 }),
      anchor,
      scalar: pairScalar,
      k: pairIndex,
      e: intExpr,
    }),
  ),
  w(1, fc.record({ tag: fc.constant("exit" as const), cond: exitCond })),
  w(3, edge),
  w(3, near),
  w(3, tableSlot),
  w(1, fc.record({ tag: fc.constant("upvalue" as const), cell: fc.nat(1), kind: luaKind, value: intExpr })),
  w(1, gcStep),
  w(4, libItem),
);

function itemAt(depth: number): fc.Arbitrary<ItemPlan> {
  if (depth <= 0) return leafItems;
  const nested = fc.array(itemAt(depth - 1), { minLength: 1, maxLength: 3 });
  return fc.oneof(
    w(10, leafItems),
    w(
      1,
      fc.record({
        tag: fc.constant("branch" as const),
        cond,
        then: nested,
        else: fc.array(itemAt(depth - 1), { maxLength: 2 }),
      }),
    ),
    w(
      1,
      fc.record({
        tag: fc.constant("inner" as const),
        count: fc.integer({ min: 1, max: 6 }),
        start: fc.integer({ min: -4, max: 4 }),
        items: nested,
      }),
    ),
  );
}

export const item: fc.Arbitrary<ItemPlan> = itemAt(2);
export const items: fc.Arbitrary<readonly ItemPlan[]> = fc.array(item, { minLength: 1, maxLength: 7 });
