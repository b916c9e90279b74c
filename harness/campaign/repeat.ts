// Where the campaign runs a program again before it believes a run. LuaJIT
// places code and data at random addresses in every run, and some bugs show
// only at some of them, so one run says little. Each policy is one function,
// named for what it decides; the stages call nothing else to repeat a run.
import type { TargetResult } from "../execution/index.ts";

/** Runs of a suspect alone before it counts as unconfirmed. */
export const CONFIRM_ATTEMPTS = 3;

/**
 * Confirmation: does the suspect fail alone? It runs up to CONFIRM_ATTEMPTS
 * times, and the first run that does not pass decides; the last run comes
 * back either way (a pass: unconfirmed).
 */
export async function confirmingRun(run: () => Promise<TargetResult>): Promise<TargetResult> {
  let result = await run();
  for (let attempt = 1; attempt < CONFIRM_ATTEMPTS && result.verdict === "pass"; attempt++) result = await run();
  return result;
}

/**
 * The fix check: how many passes in a row a one-patch binary needs before
 * its patch counts as the fix. The plain build's three runs (the confirming
 * one, which failed, and two more, run here) say how often the case fails:
 * two passes when all three failed, four when two did, six when one did, so
 * that luck does not name a patch.
 */
export async function passesToNameAFix(failsOnPlainBuild: () => Promise<boolean>): Promise<number> {
  let failures = 1;
  for (let run = 1; run < 3; run++) if (await failsOnPlainBuild()) failures++;
  return passesNeeded(failures);
}

export function passesNeeded(failuresOfThree: number): number {
  return failuresOfThree === 3 ? 2 : failuresOfThree === 2 ? 4 : 6;
}

/** Whether a one-patch binary passes `needed` times in a row. */
export async function passesInARow(failsPatched: () => Promise<boolean>, needed: number): Promise<boolean> {
  let passes = 0;
  while (passes < needed && !(await failsPatched())) passes++;
  return passes === needed;
}

/**
 * Shrinking: does a smaller program reproduce the finding? Twice in a row,
 * with the signature the finding's own run showed; the policy is shared with
 * the standalone reducer (signature/reproduced.ts).
 */
export { reproducedTwice } from "../signature/index.ts";
