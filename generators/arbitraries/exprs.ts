/** Integer expressions, conditions and stored values. */
import fc from "fast-check";
import type { CondPlan, IntExprPlan, ValuePlan } from "./plan.ts";

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

const leaf: fc.Arbitrary<IntExprPlan> = fc.oneof(
  w(
    3,
    fc.nat(40).map((pick): IntExprPlan => ({ tag: "var", pick })),
  ),
  w(
    2,
    fc.nat(60).map((pick): IntExprPlan => ({ tag: "lit", pick })),
  ),
);

const tree = fc.letrec<{ e: IntExprPlan; c: CondPlan }>((tie) => {
  const e = tie("e");
  return {
    e: fc.oneof(
      { maxDepth: 3, depthIdentifier: "intexpr", withCrossShrink: true },
      w(4, leaf),
      w(
        2,
        fc.record({ tag: fc.constant("arith" as const), op: fc.constantFrom("+" as const, "-" as const), a: e, b: e }),
      ),
      w(
        1,
        fc.record({
          tag: fc.constant("mulk" as const),
          a: e,
          k: fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom(255, 4096, -4096, 1021)),
        }),
      ),
      w(
        2,
        fc.record({
          tag: fc.constant("bit" as const),
          op: fc.constantFrom("band" as const, "bor" as const, "bxor" as const),
          a: e,
          b: e,
        }),
      ),
      w(
        1,
        fc.record({
          tag: fc.constant("shift" as const),
          op: fc.constantFrom("lshift" as const, "rshift" as const, "arshift" as const, "rol" as const, "ror" as const),
          a: e,
          n: fc.nat(31),
        }),
      ),
      w(
        1,
        fc.record({
          tag: fc.constant("unary" as const),
          op: fc.constantFrom("bnot" as const, "bswap" as const, "tobit" as const, "neg" as const, "abs" as const),
          a: e,
        }),
      ),
      w(
        1,
        fc.record({
          tag: fc.constant("div" as const),
          op: fc.constantFrom("floor" as const, "mod" as const),
          a: e,
          k: fc.integer({ min: 1, max: 64 }),
        }),
      ),
      w(1, fc.record({ tag: fc.constant("select" as const), cond: tie("c"), a: e, b: e })),
    ),
    c: fc.oneof(
      { maxDepth: 2, depthIdentifier: "cond" },
      w(2, fc.record({ tag: fc.constant("loopEq" as const), at: fc.nat(100) })),
      w(
        2,
        fc.record({ tag: fc.constant("hashBits" as const), bits: fc.integer({ min: 1, max: 6 }), value: fc.nat(63) }),
      ),
      w(
        2,
        fc.record({
          tag: fc.constant("cmp" as const),
          op: fc.constantFrom("<" as const, "<=" as const, "==" as const, "~=" as const),
          a: e,
          b: e,
        }),
      ),
    ),
  };
});

export const intExpr: fc.Arbitrary<IntExprPlan> = tree.e;
export const cond: fc.Arbitrary<CondPlan> = tree.c;

/** A rare condition, for `break`: a late iteration or 1 in 32..64 hashes. */
export const exitCond: fc.Arbitrary<CondPlan> = fc.oneof(
  fc.record({ tag: fc.constant("loopEq" as const), at: fc.integer({ min: 20, max: 100 }) }),
  fc.record({ tag: fc.constant("hashBits" as const), bits: fc.integer({ min: 5, max: 6 }), value: fc.nat(63) }),
);

export const valuePlan: fc.Arbitrary<ValuePlan> = fc.oneof(
  w(3, fc.record({ tag: fc.constant("expr" as const), e: intExpr, signed: fc.boolean(), alt: fc.nat(40) })),
  w(1, fc.record({ tag: fc.constant("copy" as const), pick: fc.nat(20) })),
  w(2, fc.record({ tag: fc.constant("const" as const), pick: fc.nat(60) })),
);

export const valuePair: fc.Arbitrary<readonly [ValuePlan, ValuePlan]> = fc.tuple(valuePlan, valuePlan);
