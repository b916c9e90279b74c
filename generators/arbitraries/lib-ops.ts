import type { CasePlan, ItemPlan, LibOp } from "./plan.ts";

/** Every `LibOp`, in the order the arbitrary draws from (the simplest first: fast-check shrinks toward it). */
export const LIB_OP_NAMES: readonly LibOp[] = [
  "tostring",
  "concat",
  "sub",
  "byte",
  "char",
  "rep",
  "format",
  "find",
  "upper",
  "compare",
  "tonumber",
  "length",
  "ceil",
  "sqrt",
  "minmax",
  "fminmax",
  "fmod",
  "pow",
  "libm",
  "i64mul",
  "i64div",
  "u64div",
  "i64shift",
  "i64pow",
  "i64tonum",
  "float",
  "toint",
  "cnew",
  "tnew",
  "insert",
  "tconcat",
  "unpack",
  "hkey",
  "setmeta",
  "pairs",
  "fcmp",
];

/**
 * A plan whose loops run every library operation, each loop with another
 * constant (`k` picks a variant of some): `base`'s memory and options,
 * its blocks replaced. Tests run it on real builds.
 */
export function everyLibraryOp(base: CasePlan, variants = 6): CasePlan {
  const loop = { form: "for", start: 1, count: 40, step: 1 } as const;
  // One loop per variant: a loop body's locals stay under Lua's 200.
  const blocks = Array.from({ length: variants }, (_, k) => ({
    loop,
    wrap: "none" as const,
    items: LIB_OP_NAMES.map(
      (op): ItemPlan => ({
        tag: "lib",
        op,
        a: { tag: "var", pick: k },
        b: { tag: "arith", op: "-", a: { tag: "lit", pick: k + 3 }, b: { tag: "var", pick: 0 } },
        k,
      }),
    ),
  }));
  return { ...base, blocks };
}
