// Minimizing a new finding, in the background and one at a time, while
// screening goes on: first shrunk through the generator (fast-check's
// shrinker over the program representation), then reduced as Lua text
// (delta debugging, minimization/). Every smaller program must reproduce the
// finding's own signature (reproduction/replays); each one that does replaces
// the bundle's case.lua (store.ts keeps the program as found). A failure to
// minimize (a flaky case, say) leaves the bundle as found.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import type { GeneratedCase } from "../../generators/index.ts";
import { type PrngSeed, seedOf, type TargetResult } from "../execution/index.ts";
import { type ReduceReport, type ShrinkOutcome, shrinkGenerated } from "../minimization/index.ts";
import { replays } from "../reproduction/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { formatSignature, type Signature } from "../signature/index.ts";

/** Simpler versions of a case, simplest first (the generator's shrinker). */
export type CaseShrinker = (c: GeneratedCase) => Iterable<GeneratedCase>;

export interface ShrinkOptions {
  readonly candidates: CaseShrinker;
  /** Test runs per finding; 0 keeps cases as found. */
  readonly tests: number;
  readonly ms: number;
  /** Then delta debugging over the Lua text for at most this long; 0 skips it. */
  readonly reduceMs: number;
}

/** Reducing as text needs at least this long to be worth starting. */
export const LEAST_REDUCE_MS = 5_000;

/** A smaller program with the finding's signature, and its run. */
export interface Smaller {
  readonly source: string;
  readonly jitOptions: readonly string[];
  readonly result: TargetResult;
}

export interface MinimizeRuns {
  /** A program on the finding's target at a seed (runDifferential with -jdump). */
  readonly run: (path: string, jitOptions: readonly string[], seed: PrngSeed) => Promise<TargetResult>;
  /** reduceFile on the finding's target, one job, every run at the seed. */
  readonly reduce: (
    input: string,
    output: string,
    jitOptions: readonly string[],
    ms: number,
    seed: PrngSeed,
  ) => Promise<ReduceReport>;
  /** What is left of the campaign's --time: minimizing stays within it. */
  readonly timeLeftMs: () => number;
  readonly improve: (smaller: Smaller) => void;
}

/** The shrunk case counts when shrinking took a step and its last kept candidate is the one it ended on. */
export function shrunkCase(outcome: ShrinkOutcome, last: Smaller | undefined): Smaller | undefined {
  return outcome.steps > 0 && last && last.source === outcome.best.source ? last : undefined;
}

/** How long to reduce as text: 0 when less than LEAST_REDUCE_MS is left of both budgets. */
export function reduceBudgetMs(reduceMs: number, timeLeftMs: number): number {
  const ms = Math.min(reduceMs, timeLeftMs);
  return ms < LEAST_REDUCE_MS ? 0 : ms;
}

/** The reduced text counts when it kept the signature and is smaller. */
export function keepsReduction(report: ReduceReport, base: Signature): boolean {
  return report.signature === formatSignature(base) && report.bytesAfter < report.bytesBefore;
}

/**
 * `base` is the signature the finding's run shows (triage's part cannot be
 * checked by one run), `seed` the seed it showed at (default: the case's
 * own): shrinking's and reduction's candidates all run there, so their code
 * lands where the finding's did. A finding the address sweep found fails at
 * that seed and maybe at no candidate's own, and is reduced all the same.
 */
export async function minimizeFinding(
  found: GeneratedCase,
  base: Signature,
  shrink: ShrinkOptions,
  runs: MinimizeRuns,
  seed: PrngSeed = seedOf(found.source),
): Promise<void> {
  const dir = makeScratch("shrink");
  try {
    let last: Smaller | undefined;
    const keepsSignature = async (c: GeneratedCase) => {
      const path = join(dir, "candidate.lua");
      writeFileSync(path, c.source);
      const result = await replays((at) => runs.run(path, c.jitOptions, at), seed, base);
      if (result) last = { source: c.source, jitOptions: c.jitOptions, result };
      return result !== undefined;
    };
    const outcome = await shrinkGenerated(found, shrink.candidates, keepsSignature, {
      tests: shrink.tests,
      ms: Math.min(shrink.ms, runs.timeLeftMs()),
    });
    const shrunk = shrunkCase(outcome, last);
    if (shrunk) runs.improve(shrunk);
    const best = shrunk ?? found;
    const reduceMs = reduceBudgetMs(shrink.reduceMs, runs.timeLeftMs());
    if (reduceMs === 0) return;
    const input = join(dir, "shrunk.lua");
    const output = join(dir, "reduced.lua");
    writeFileSync(input, best.source);
    if (!keepsReduction(await runs.reduce(input, output, best.jitOptions, reduceMs, seed), base)) return;
    const result = await replays((at) => runs.run(output, best.jitOptions, at), seed, base);
    if (result) runs.improve({ source: readFileSync(output, "utf8"), jitOptions: best.jitOptions, result });
  } finally {
    removeScratch(dir);
  }
}

/** New findings wait here to be minimized, one at a time. */
export class MinimizeQueue {
  readonly #one = pLimit(1);
  readonly #pending: Promise<void>[] = [];

  add(job: () => Promise<void>): void {
    this.#pending.push(this.#one(job).catch(() => {}));
  }

  async settled(): Promise<void> {
    await Promise.all(this.#pending);
  }
}
