// Whether a program reproduces, and at which seeds: the one policy every
// stage that runs a program again calls (confirmation, the fix check,
// triage, shrinking, reduction, `run --seeds`). Each function takes a way to
// run the program at a seed and runs nothing else; the numbers are policy.ts's.
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import { type Signature, sameSignature, signatureOf } from "../signature/index.ts";
import { FIX_CHECK_PLAIN_SEEDS, passesNeeded, replayRuns, TRIAGE_SEEDS } from "./policy.ts";
import { seedsFrom, sweepSeeds } from "./seeds.ts";

/** Runs the program once at a seed. */
export type RunAt<R> = (seed: PrngSeed) => Promise<R>;

/** Whether it failed at a seed, by one run there. */
export type FailsAt = RunAt<boolean>;

export interface SeedRun<R> {
  readonly seed: PrngSeed;
  readonly result: R;
  readonly fails: boolean;
}

/** What runs at seeds said. */
export interface Reproduction<R> {
  /** Every run, in the order run: the recorded seed first. */
  readonly runs: readonly SeedRun<R>[];
  /** The seeds it failed at, in that order. */
  readonly failingSeeds: readonly PrngSeed[];
  /** The run that speaks for the program: the first that failed, else the first (a pass). */
  readonly decisive: SeedRun<R>;
}

export function reproduces<R>(reproduction: Reproduction<R>): boolean {
  return reproduction.failingSeeds.length > 0;
}

/** Runs at every seed given, one after another, and says which failed. */
export async function atSeeds<R>(
  runAt: RunAt<R>,
  seeds: readonly PrngSeed[],
  fails: (result: R) => boolean,
): Promise<Reproduction<R>> {
  if (seeds.length === 0) throw new RangeError("no seed to run at");
  const runs: SeedRun<R>[] = [];
  for (const seed of seeds) {
    const result = await runAt(seed);
    runs.push({ seed, result, fails: fails(result) });
  }
  return reproduction(runs);
}

function reproduction<R>(runs: readonly SeedRun<R>[]): Reproduction<R> {
  const failing = runs.filter((r) => r.fails);
  return { runs, failingSeeds: failing.map((r) => r.seed), decisive: failing[0] ?? runs[0]! };
}

/**
 * Confirmation (a suspect alone) and `run --seeds`: the recorded seed first;
 * when the program does not fail there, `sweep` seeds derived from it, all of
 * them, so that the seeds where it fails are known.
 */
export async function reproduceAt<R>(
  runAt: RunAt<R>,
  seed: PrngSeed,
  fails: (result: R) => boolean,
  sweep: number,
): Promise<Reproduction<R>> {
  const own = await atSeeds(runAt, [seed], fails);
  if (reproduces(own) || sweep <= 0) return own;
  const swept = await atSeeds(runAt, sweepSeeds(seed, sweep), fails);
  return reproduction([...own.runs, ...swept.runs]);
}

/** A differential run fails when its verdict is not a pass. */
export function failed(result: Pick<TargetResult, "verdict">): boolean {
  return result.verdict !== "pass";
}

/** `run --seeds N`: every one of the N seeds from `seed` (seeds.ts), however many fail. */
export function sweepFile(
  runAt: RunAt<TargetResult>,
  seed: PrngSeed,
  count: number,
): Promise<Reproduction<TargetResult>> {
  return atSeeds(runAt, seedsFrom(seed, count), failed);
}

/**
 * The fix check, on the plain build: the failure ran there at `failedAt` and
 * failed; it runs at FIX_CHECK_PLAIN_SEEDS - 1 more seeds. The seeds a
 * one-patch binary must then pass at, as many as passesNeeded says: first
 * those where the plain build failed (a patch proves nothing where the plain
 * build passes too), then more of the sweep.
 */
export async function fixCheckSeeds(failsPlain: FailsAt, failedAt: PrngSeed): Promise<PrngSeed[]> {
  const failing = [failedAt];
  for (const seed of sweepSeeds(failedAt, FIX_CHECK_PLAIN_SEEDS - 1)) if (await failsPlain(seed)) failing.push(seed);
  const needed = passesNeeded(failing.length);
  const rest = sweepSeeds(failedAt, needed).filter((s) => !failing.includes(s));
  return [...failing, ...rest].slice(0, needed);
}

/** Whether a one-patch binary passes at every one of these seeds (it stops at the first failure). */
export async function passesAtEverySeed(failsPatched: FailsAt, seeds: readonly PrngSeed[]): Promise<boolean> {
  for (const seed of seeds) if (await failsPatched(seed)) return false;
  return true;
}

/**
 * Triage: whether the failure still shows with other options, at the seed it
 * failed at or at the next of TRIAGE_SEEDS (it stops at the first failure).
 * Hidden means it shows at none of them.
 */
export async function showsAtAnySeed(failsAt: FailsAt, failedAt: PrngSeed): Promise<boolean> {
  for (const seed of seedsFrom(failedAt, TRIAGE_SEEDS)) if (await failsAt(seed)) return true;
  return false;
}

/**
 * Shrinking and reduction: a smaller program reproduces a finding when, at
 * the pinned seed, it shows the expected signature as many runs in a row as
 * replayRuns says for how far its build pins a run. The last run comes back,
 * or undefined at the first that signs otherwise, or that `runAt` ended
 * early (undefined: its first run showed the signature cannot be it).
 */
export async function replays(
  runAt: RunAt<TargetResult | undefined>,
  seed: PrngSeed,
  expected: Signature,
): Promise<TargetResult | undefined> {
  let result: TargetResult | undefined;
  for (let run = 0; run < (result ? replayRuns(result.replay) : 1); run++) {
    result = await runAt(seed);
    if (result === undefined || !sameSignature(signatureOf(result), expected)) return undefined;
  }
  return result;
}
