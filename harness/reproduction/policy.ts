// How sure ljfuzz must be before it believes a run, in one place. A build
// ljfuzz makes pins LuaJIT's PRNG (execution/prng-seed.ts), so one run at a
// seed says what that seed does, every time; what differs from seed to seed
// is where the machine code lands, and some bugs show only at some
// addresses. So a program is run at the seed it was recorded with, and when
// it does not fail there, at more seeds: a rate over seeds, not a retry
// count. Every stage that runs a program again asks reproduce.ts, which reads
// its numbers here.
import type { RunReplay } from "../execution/index.ts";

/** Seeds a suspect that passes alone at its own seed is tried at (`fuzz --seeds N`). */
export const DEFAULT_SWEEP_SEEDS = 4;

/** The most seeds `--seeds` takes. */
export const MAX_SWEEP_SEEDS = 1000;

/**
 * The fix check: the plain build runs the failure at this many seeds (the
 * one it failed at and more), and how many of them fail says how many seeds
 * a one-patch binary must pass at before its patch is the fix.
 */
export const FIX_CHECK_PLAIN_SEEDS = 3;

/**
 * Passes a patch needs, by how many of the plain build's FIX_CHECK_PLAIN_SEEDS
 * seeds failed: two when all did, four when two did, six when one did, so
 * that a patch that only moved the code is not taken for the fix.
 */
export function passesNeeded(plainFailures: number): number {
  return plainFailures >= FIX_CHECK_PLAIN_SEEDS ? 2 : plainFailures === 2 ? 4 : 6;
}

/**
 * Triage: a failure still shows with a set of options when it does at the
 * seed it failed at or at this many seeds in all. Other options compile
 * other code, which lands elsewhere; one more seed keeps an address-dependent
 * failure from looking like it needs an option.
 */
export const TRIAGE_SEEDS = 2;

/**
 * Shrinking and reduction: how many runs in a row at the pinned seed a
 * smaller program must show the signature in. Once, where the seed pins the
 * run; twice where it cannot (a build that does not read the seed, or a
 * native run whose heap addresses move): one success by luck is no reproducer.
 */
export function replayRuns(replay: RunReplay): number {
  return replay === "pinned" ? 1 : 2;
}
