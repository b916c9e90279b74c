// Confirmation: a suspect from a batch runs in a process of its own (with
// -jdump kept), at its own seed, and when it passes there, at more seeds
// (reproduction/: the address sweep). What passes alone at every seed is
// unconfirmed: state leaking between the cases of a batch, or an address the
// sweep did not reach. A wrong result counts only if the program means one
// thing: the generator's rules, checked in an interpreted run (sanitizer/);
// a program that breaks one is the generator's bug, not LuaJIT's.
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import { failed, type Reproduction, reproduceAt, reproduces } from "../reproduction/index.ts";

/** The seeds a suspect ran at alone, and those it failed at. */
export interface SeedSweep {
  /** Its own seed, where it ran first. */
  readonly own: PrngSeed;
  /** Every seed it ran at, its own first. */
  readonly tried: readonly PrngSeed[];
  readonly failing: readonly PrngSeed[];
}

export type Confirmation =
  | { readonly kind: "confirmed"; readonly result: TargetResult; readonly seeds: SeedSweep }
  /** `alone`: the run at its own seed, which passed like every other. */
  | { readonly kind: "unconfirmed"; readonly alone: TargetResult; readonly seeds: SeedSweep }
  | { readonly kind: "invalid"; readonly rule: string };

export interface ConfirmRuns {
  /** The suspect alone at a seed, JIT on and off (runDifferential with -jdump). */
  readonly alone: (seed: PrngSeed) => Promise<TargetResult>;
  /** The rule the program breaks, or null (sanitizer/ruleBroken). */
  readonly ruleBroken: () => Promise<string | null>;
}

/** `own`: the suspect's own seed; `sweep`: how many more it is tried at when it passes there. */
export async function confirm(runs: ConfirmRuns, own: PrngSeed, sweep: number): Promise<Confirmation> {
  const reproduction = await reproduceAt(runs.alone, own, failed, sweep);
  const seeds = seedSweep(reproduction, own);
  const result = reproduction.decisive.result;
  if (!reproduces(reproduction)) return { kind: "unconfirmed", alone: result, seeds };
  if (result.verdict === "mismatch") {
    const rule = await runs.ruleBroken();
    if (rule !== null) return { kind: "invalid", rule };
  }
  return { kind: "confirmed", result, seeds };
}

function seedSweep(reproduction: Reproduction<TargetResult>, own: PrngSeed): SeedSweep {
  return { own, tried: reproduction.runs.map((r) => r.seed), failing: reproduction.failingSeeds };
}
