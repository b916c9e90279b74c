// The oracle's reading of one run's traces: every finding, and the counts
// that tell how much of the machine code it could judge.
import type { TraceRecord } from "../probe/trace.ts";

/** One wrong word, as the harness reports and signs it. */
export interface OracleFindingSummary {
  /** What is wrong: "illegal-word", "pair-mismatch", … */
  readonly kind: string;
  /** Where in the backend it points, e.g. the instruction expected ("ldp"). */
  readonly where: string;
  readonly trace: number;
  readonly offset: number;
  readonly word: string;
  readonly expected: string | null;
  readonly expectedText: string | null;
  /** The finding in words, as the reference write-up would put it. */
  readonly text: string;
}

export interface OracleStats {
  readonly traces: number;
  readonly words: number;
  readonly pairsPredicted: number;
  readonly pairsMatched: number;
  readonly unmodeled: number;
}

export interface OracleReport {
  readonly findings: readonly OracleFindingSummary[];
  readonly stats: OracleStats;
}

export function checkTraces(traces: readonly TraceRecord[]): OracleReport {
  return { findings: [], stats: { traces: traces.length, words: 0, pairsPredicted: 0, pairsMatched: 0, unmodeled: 0 } };
}
