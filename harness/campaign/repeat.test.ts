import { describe, expect, it } from "vitest";
import type { TargetResult } from "../execution/index.ts";
import { parseSignature } from "../signature/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import {
  CONFIRM_ATTEMPTS,
  confirmingRun,
  passesInARow,
  passesNeeded,
  passesToNameAFix,
  reproducedTwice,
} from "./repeat.ts";

/** Plays back recorded runs in order, counting them. */
function playback<T>(runs: readonly T[]): { next: () => Promise<T>; count: () => number } {
  let i = 0;
  return {
    next: async () => {
      const run = runs[Math.min(i, runs.length - 1)]!;
      i++;
      return run;
    },
    count: () => i,
  };
}

const pass = recordedResult("pass");
const crash = recordedResult("crash", { signal: "SIGSEGV" });
const sigill = recordedResult("crash", { signal: "SIGILL", findings: [["illegal-word", "pair-offset-smear"]] });

describe("confirmation", () => {
  it("takes the first run alone that fails, after as many passes as it takes", async () => {
    const runs = playback([pass, crash, pass]);
    expect(await confirmingRun(runs.next)).toBe(crash);
    expect(runs.count()).toBe(2);
  });

  it(`gives up after ${CONFIRM_ATTEMPTS} passes`, async () => {
    const runs = playback([pass, pass, pass, crash]);
    expect(await confirmingRun(runs.next)).toBe(pass);
    expect(runs.count()).toBe(CONFIRM_ATTEMPTS);
  });
});

describe("the fix check", () => {
  it("asks more passes in a row of a patch the fewer of the plain build's three runs failed", async () => {
    expect([passesNeeded(3), passesNeeded(2), passesNeeded(1)]).toEqual([2, 4, 6]);
    // The confirming run failed; these are the plain build's two more.
    for (const [plain, needed] of [
      [[true, true], 2],
      [[false, true], 4],
      [[false, false], 6],
    ] as const) {
      const runs = playback(plain);
      expect(await passesToNameAFix(runs.next)).toBe(needed);
      expect(runs.count()).toBe(2);
    }
  });

  it("names a patch only after that many passes in a row, and stops at the first failure", async () => {
    expect(await passesInARow(playback([false, false]).next, 2)).toBe(true);
    const failsSecond = playback([false, true, false, false]);
    expect(await passesInARow(failsSecond.next, 4)).toBe(false);
    expect(failsSecond.count()).toBe(2);
  });
});

describe("a shrinking candidate", () => {
  const expected = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;

  it("reproduces when it signs the same twice in a row; the second run comes back", async () => {
    const second: TargetResult = { ...sigill, reason: "the second" };
    expect(await reproducedTwice(playback([sigill, second]).next, expected)).toBe(second);
  });

  it("does not when either run signs otherwise", async () => {
    const firstFails = playback([crash, sigill]);
    expect(await reproducedTwice(firstFails.next, expected)).toBeUndefined();
    expect(firstFails.count()).toBe(1);
    expect(await reproducedTwice(playback([sigill, pass]).next, expected)).toBeUndefined();
  });
});
