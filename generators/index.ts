/**
 * ljfuzz program generators: the public API for the campaign and the
 * minimizer.
 *
 *   plan (arbitraries/) --resolve/--> Program (program/) --print/--> Lua source
 *
 * A case is deterministic in (seed, index), prints a digest of everything
 * it read and of all memory it wrote, and never touches memory outside
 * what it allocated.
 */
import fc from "fast-check";
import { casePlan } from "./arbitraries/case.ts";
import type { CasePlan } from "./arbitraries/plan.ts";
import { type MutateOptions, mutatePlan } from "./mutate/mutate.ts";
import type { MutatorName } from "./mutate/plan-mutators.ts";
import { printProgram } from "./print/lua.ts";
import type { Program } from "./program/ast.ts";
import { mixSeed, SplitMix32 } from "./random.ts";
import { resolveCase } from "./resolve/case.ts";

export { casePlan } from "./arbitraries/case.ts";
export { everyLibraryOp, LIB_OP_NAMES } from "./arbitraries/lib-ops.ts";
export type { CasePlan, EdgeStep, EncodingForm, ItemPlan, LibOp, LuaKind, TablePart } from "./arbitraries/plan.ts";
export { type LiftResult, liftLua } from "./lift/lift.ts";
export {
  corpusSeeds,
  type FileReport,
  type Seed,
  type SeedFile,
  seedIssues,
  seedOf,
  testSuiteSeeds,
} from "./lift/seeds.ts";
export type { MutateOptions } from "./mutate/mutate.ts";
export { MUTATOR_NAMES, type MutatorName } from "./mutate/plan-mutators.ts";
export { PROGRAM_MUTATOR_NAMES, type ProgramMutatorName } from "./mutate/program-mutators.ts";
export { mutateSeed, type SeedMutant } from "./mutate/seed.ts";
export { TEXT_MUTATOR_NAMES, type TextMutatorName } from "./mutate/text-mutators.ts";
export { structDeclLines } from "./print/ctype.ts";
export { printProgram } from "./print/lua.ts";
export { type AliasConflict, aliasConflicts } from "./program/aliasing.ts";
export type { Program } from "./program/ast.ts";
export { type BoundsReport, checkBounds } from "./program/bounds.ts";
export { checkClean } from "./program/clean-stores.ts";
export { structRef } from "./program/ctype.ts";
export { alignOf, computeLayouts, fieldOffset, sizeOf } from "./program/layout.ts";
export { resolveCase } from "./resolve/case.ts";
export { edgeOffset, formRange } from "./resolve/edges.ts";

export type GeneratedCase = {
  readonly program: Program;
  /** The Lua program, starting with its `-- ljfuzz: -O…` header. */
  readonly source: string;
  /** LuaJIT -O items for the JIT-on run (`hotloop=1` first). */
  readonly jitOptions: readonly string[];
  /** What the program was resolved from: shrinking works on this. */
  readonly plan: CasePlan;
  /** fast-check's shrink context for `plan` (opaque). */
  readonly context?: unknown;
};

export function buildCase(plan: CasePlan): GeneratedCase {
  const program = resolveCase(plan);
  return { program, source: printProgram(program), jitOptions: program.jitOptions, plan };
}

/** Shrinkable arbitrary of whole cases. */
export const caseArbitrary: fc.Arbitrary<GeneratedCase> = casePlan.map(buildCase, (c) => {
  if (typeof c === "object" && c !== null && "plan" in c) return (c as GeneratedCase).plan;
  throw new Error("not a GeneratedCase");
});

/** How often fast-check's bias toward small and edge values applies (1 in BIAS). */
const BIAS = 4;

/** The case number `index` of campaign `seed`: always the same case for the same pair. */
export function generateCase(seed: number, index: number): GeneratedCase {
  const rng = new fc.Random(new SplitMix32(mixSeed(seed, index)));
  const v = caseArbitrary.generate(rng, BIAS);
  return { ...v.value, context: v.context };
}

/**
 * Smaller candidates for `c`, simplest first (fast-check's shrinker). Each
 * candidate carries its own context, so a minimizer keeps the smallest one
 * that still fails the same way and calls `shrinkCase` on it again.
 */
export function* shrinkCase(c: GeneratedCase): Iterable<GeneratedCase> {
  for (const v of caseArbitrary.shrink(c, c.context)) yield { ...v.value, context: v.context };
}

/** A case made by mutating a kept one, with the mutator that made it. */
export type Mutant = GeneratedCase & { readonly mutator: MutatorName };

/**
 * Mutant `seed` of the kept case planned as `parent` (with `options.donor`,
 * it may splice from a second one): deterministic in (parent, donor,
 * seed), a valid program by construction, never the parent's program.
 */
export function mutateCase(parent: CasePlan, seed: number, options: MutateOptions = {}): Mutant {
  const { plan, mutator, program, source } = mutatePlan(parent, seed, options);
  return { program, source, jitOptions: program.jitOptions, plan, mutator };
}
