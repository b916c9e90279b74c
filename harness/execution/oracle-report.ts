// The oracle's reading of one run's traces: every finding, and the counts
// that tell how much of the machine code it could judge.
import type { TraceRecord } from "../probe/trace.ts";

export interface OracleReport {
  readonly findings: readonly unknown[];
  readonly stats: { readonly traces: number };
}

export function checkTraces(traces: readonly TraceRecord[]): OracleReport {
  return { findings: [], stats: { traces: traces.length } };
}
