// The oracle's reading of one run's traces: every finding, and the counts
// that tell how much of the machine code it could judge. This adapts the
// oracle's findings (oracle/trace-check) to what the harness reports and signs.
import { wordHex } from "../../oracle/a64/index.ts";
import type { TraceRecord } from "../../oracle/trace/index.ts";
import {
  type BackendOptions,
  checkTrace,
  type FindingCause,
  type FindingKind,
  formatOracleFinding,
  type OracleFinding,
} from "../../oracle/trace-check/index.ts";
import type { TargetArch } from "../targets/index.ts";
import { jitFlagEnabled } from "./jit-options.ts";

/** One wrong word, as the harness reports and signs it. */
export interface OracleFindingSummary {
  /** What is wrong: "illegal-word", "pair-mismatch". */
  readonly kind: FindingKind;
  /** Where in the backend it points (the oracle's cause, e.g. "pair-offset-smear" for PR #1028). */
  readonly where: FindingCause;
  readonly trace: number;
  readonly offset: number;
  readonly word: string;
  readonly expected: string | null;
  readonly expectedText: string | null;
  readonly message: string;
  /** The finding as the reference write-up would put it: source line, IR, code around the word. */
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
  /**
   * Whether the oracle read the machine code: it models A64 only, so a
   * target's x86-64 leg is judged by its runs alone (no finding, no "pass").
   */
  readonly applied: boolean;
  readonly findings: readonly OracleFindingSummary[];
  readonly stats: OracleStats;
}

/**
 * `jitOptions`: the run's -O options; the oracle needs the flags that change
 * what the backend fuses. `arch`: the machine code's; only arm64 is read.
 */
export function checkTraces(
  traces: readonly TraceRecord[],
  jitOptions: readonly string[],
  arch: TargetArch,
): OracleReport {
  if (arch !== "arm64") {
    return {
      applied: false,
      findings: [],
      stats: { traces: traces.length, words: 0, pairsPredicted: 0, pairsMatched: 0, unmodeled: 0 },
    };
  }
  const backend = backendOptions(jitOptions);
  const findings: OracleFindingSummary[] = [];
  let words = 0;
  let pairsPredicted = 0;
  let pairsMatched = 0;
  let unmodeled = 0;
  for (const trace of traces) {
    const check = checkTrace(trace, backend);
    words += check.stats.words;
    pairsPredicted += check.stats.pairsPredicted;
    pairsMatched += check.stats.pairsMatched;
    unmodeled += check.stats.unmodeled;
    for (const finding of check.findings) findings.push(summarize(finding, trace));
  }
  return { applied: true, findings, stats: { traces: traces.length, words, pairsPredicted, pairsMatched, unmodeled } };
}

/** The optimization flags of these -O options that change what the backend emits. */
export function backendOptions(jitOptions: readonly string[]): BackendOptions {
  return { fuse: jitFlagEnabled(jitOptions, "fuse"), dce: jitFlagEnabled(jitOptions, "dce") };
}

function summarize(finding: OracleFinding, trace: TraceRecord): OracleFindingSummary {
  return {
    kind: finding.kind,
    where: finding.cause,
    trace: finding.trace,
    offset: finding.offset,
    word: wordHex(finding.word),
    expected: finding.expected ? wordHex(finding.expected.word) : null,
    expectedText: finding.expected?.text ?? null,
    message: finding.message,
    text: formatOracleFinding(finding, trace),
  };
}
