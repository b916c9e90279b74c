// Replays corpus entries and compares each verdict with its expectation:
// what keeps fixed bugs fixed, and known bugs known.
import { type DifferentialOptions, runDifferential, type TargetResult } from "../execution/index.ts";
import type { Target } from "../targets/index.ts";
import { acceptedOutcomes, type CorpusEntry, type Expectation } from "./entry.ts";

export interface RegressionOutcome {
  readonly entry: string;
  readonly target: string;
  /** null: the entry says nothing about this target, so its verdict was not checked. */
  readonly expected: Expectation | null;
  readonly actual: Expectation;
  /** null when there was nothing to check against. */
  readonly ok: boolean | null;
  readonly result: TargetResult;
}

export function matches(expected: Expectation, result: TargetResult): boolean {
  const one = (e: Expectation) => e.verdict === result.verdict && (e.signal ?? null) === (result.signal ?? null);
  return acceptedOutcomes(expected).some(one);
}

export async function replay(
  entry: CorpusEntry,
  target: Target,
  options: Omit<DifferentialOptions, "jitOptions">,
): Promise<RegressionOutcome> {
  const expected = entry.expect[target.name] ?? null;
  const result = await runDifferential(target, entry.program, {
    ...options,
    jitOptions: entry.jitOptions,
    prngSeed: entry.prngSeed,
  });
  return {
    entry: entry.id,
    target: target.name,
    expected,
    actual: { verdict: result.verdict, signal: result.signal },
    ok: expected === null ? null : matches(expected, result),
    result,
  };
}
