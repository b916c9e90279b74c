/** Whole case plans. */
import fc from "fast-check";
import { anchorPlan, bufferPlan, structPlan } from "./ctypes.ts";
import { intExpr } from "./exprs.ts";
import { items } from "./items.ts";
import { jitOptions } from "./jit.ts";
import type { BlockPlan, CasePlan, HelperPlan, LoopPlan, WrapPlan } from "./plan.ts";

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

export const loopPlan: fc.Arbitrary<LoopPlan> = fc.record({
  form: fc.oneof(
    w(7, fc.constant("for" as const)),
    w(1, fc.constantFrom("forDown" as const, "while" as const, "repeat" as const)),
  ),
  start: fc.oneof(w(3, fc.constantFrom(0, 1)), w(1, fc.integer({ min: -20, max: 20 }))),
  count: fc.oneof(w(3, fc.integer({ min: 8, max: 40 })), w(1, fc.integer({ min: 41, max: 100 }))),
  step: fc.oneof(w(9, fc.constant(1 as const)), w(1, fc.constant(2 as const))),
});

const wrapPlan: fc.Arbitrary<WrapPlan> = fc.oneof(
  w(6, fc.constant<WrapPlan>("none")),
  w(2, fc.constant<WrapPlan>("closure")),
  w(2, fc.constant<WrapPlan>("params")),
);

export const blockPlan: fc.Arbitrary<BlockPlan> = fc.record({ loop: loopPlan, wrap: wrapPlan, items });

export const helperPlan: fc.Arbitrary<HelperPlan> = fc.oneof(
  fc.record({ tag: fc.constant("pure" as const), arity: fc.integer({ min: 1, max: 10 }), e: intExpr }),
  fc.record({ tag: fc.constant("tailrec" as const), e: intExpr }),
  fc.record({ tag: fc.constant("vararg" as const), e: intExpr }),
  fc.constant<HelperPlan>({ tag: "recursive" }),
  fc.record({
    tag: fc.constant("table" as const),
    meta: fc.constantFrom("none" as const, "indexFn" as const, "indexTable" as const),
    size: fc.integer({ min: 1, max: 16 }),
  }),
);

export const casePlan: fc.Arbitrary<CasePlan> = fc.record({
  jitOptions,
  structs: fc.array(structPlan, { maxLength: 4 }),
  buffers: fc.array(bufferPlan, { minLength: 1, maxLength: 3 }),
  anchors: fc.array(anchorPlan, { minLength: 1, maxLength: 4 }),
  helpers: fc.array(helperPlan, { maxLength: 4 }),
  blocks: fc.array(blockPlan, { minLength: 1, maxLength: 3 }),
});
