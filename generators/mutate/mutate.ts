/**
 * Mutants of kept cases: mutators applied to a parent plan (and, for
 * `splice`, a donor), one or a few stacked, re-resolved and printed. Deterministic in (parent,
 * donor, seed); the mutant says which mutator made it, so a campaign can
 * report and weight them.
 */
import type { CasePlan } from "../arbitraries/plan.ts";
import { printProgram } from "../print/lua.ts";
import type { Program } from "../program/ast.ts";
import { resolveCase } from "../resolve/case.ts";
import { MUTATOR_NAMES, type MutatorName, PLAN_MUTATORS } from "./plan-mutators.ts";
import { hashText, type Rng, rngFor, weighted } from "./random.ts";

export type MutateOptions = {
  /** A second kept case to splice from (without it, `splice` is never chosen). */
  readonly donor?: CasePlan;
  /** Relative weights of the mutators (default 1 each; 0 turns one off). */
  readonly weights?: Partial<Readonly<Record<MutatorName, number>>>;
  /** The parent's printed program, when the caller has it (saves resolving and printing the parent again). */
  readonly parentSource?: string;
};

/** The mutant's plan, with the program it resolves to and that program printed. */
export type PlanMutant = {
  readonly plan: CasePlan;
  readonly mutator: MutatorName;
  /** How many mutations are stacked in it (1 to MAX_STACK). */
  readonly mutations: number;
  readonly program: Program;
  readonly source: string;
};

/** Draws of a mutator that change nothing (no site for it, or the same program) before another is tried. */
const ATTEMPTS = 12;

const SALT = 0x6d757461; // "muta"

/**
 * A mutant of `parent`: a plan whose program differs from the parent's.
 * Mutators that find nothing to change are drawn again; after ATTEMPTS
 * draws, the JIT options change (that always makes another program).
 */
export function mutatePlan(parent: CasePlan, seed: number, options: MutateOptions = {}): PlanMutant {
  const rng = rngFor(seed, SALT ^ hashText(JSON.stringify([parent, options.donor ?? null])));
  const names = MUTATOR_NAMES.filter((n) => n !== "splice" || options.donor !== undefined);
  const weights = names.map((n) => Math.max(0, options.weights?.[n] ?? 1));
  if (weights.every((w) => w === 0)) throw new Error("every mutator has weight 0");
  const before = options.parentSource ?? printProgram(resolveCase(parent));
  const built = (plan: CasePlan, mutator: MutatorName, mutations = 1): PlanMutant => {
    const program = resolveCase(plan);
    return { plan, mutator, mutations, program, source: printProgram(program) };
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const mutator = weighted(rng, names, weights);
    const plan = PLAN_MUTATORS[mutator](parent, rng, options.donor);
    const mutant = plan && built(plan, mutator);
    if (mutant && mutant.source !== before) return stacked(mutant, before, rng, names, weights, options.donor, built);
  }
  return built(PLAN_MUTATORS.jitOptions(parent, rng)!, "jitOptions");
}

/** Most mutants get one more mutation than the one before: at most MAX_STACK in all. */
const MAX_STACK = 4;

/**
 * AFL's havoc lesson: one small change mostly reaches what its parent
 * reached, so mutations are stacked, one more with probability 1/2 each
 * time (1.9 on average). A stacked mutator with nothing to change is
 * skipped; a stack that gives the parent back is the first mutant alone. The mutant is named by its first
 * mutator, the one its parent was chosen for.
 */
function stacked(
  first: PlanMutant,
  parentSource: string,
  rng: Rng,
  names: readonly MutatorName[],
  weights: readonly number[],
  donor: CasePlan | undefined,
  built: (plan: CasePlan, mutator: MutatorName, mutations: number) => PlanMutant,
): PlanMutant {
  let plan = first.plan;
  let mutations = 1;
  for (let depth = 1; depth < MAX_STACK && rng.nextBoolean(); depth++) {
    const next = PLAN_MUTATORS[weighted(rng, names, weights)](plan, rng, donor);
    if (next) {
      plan = next;
      mutations++;
    }
  }
  if (mutations === 1) return first;
  const mutant = built(plan, first.mutator, mutations);
  // Stacked changes that undo the first give the parent back: the first alone it is then.
  return mutant.source === parentSource ? first : mutant;
}
