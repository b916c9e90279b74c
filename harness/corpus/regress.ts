// Replays corpus entries and compares each verdict with its expectation:
// what keeps fixed bugs fixed, and known bugs known.
import { type DifferentialOptions, runDifferential, type TargetResult } from "../execution/index.ts";
import type { Target } from "../targets/index.ts";
import { acceptedOutcomes, type CorpusEntry, type Expectation } from "./entry.ts";

export interface RegressionOutcome {
  readonly entry: string;
  readonly target: string;
  readonly expected: Expectation;
  readonly actual: Expectation;
  readonly ok: boolean;
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
): Promise<RegressionOutcome | undefined> {
  const expected = entry.expect[target.name];
  if (!expected) return undefined;
  const result = await runDifferential(target, entry.program, { ...options, jitOptions: entry.jitOptions });
  return {
    entry: entry.id,
    target: target.name,
    expected,
    actual: { verdict: result.verdict, signal: result.signal },
    ok: matches(expected, result),
    result,
  };
}
