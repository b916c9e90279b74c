// Runs as a campaign records them, built for tests of its policies: what a
// differential run or a batch gave, without running LuaJIT.
import type { FindingCause, FindingKind } from "../../oracle/trace-check/index.ts";
import type { BatchRun, ProcessOutcome, TargetResult, Verdict } from "../execution/index.ts";

const outcome: ProcessOutcome = {
  command: [],
  exitCode: 0,
  signal: null,
  stdout: "",
  stderr: "",
  timedOut: false,
  durationMs: 1,
  spawnError: null,
};

/** The same run, as a result reports it. */
const { spawnError: _none, ...run }: ProcessOutcome = outcome;

/** A differential run's result: its verdict and signal, and the oracle's findings (kind and cause) if any. */
export function recordedResult(
  verdict: Verdict,
  options: {
    signal?: string;
    findings?: ReadonlyArray<readonly [FindingKind, FindingCause]>;
    target?: string;
    jitOptions?: readonly string[];
  } = {},
): TargetResult {
  return {
    target: options.target ?? "openresty-2023",
    verdict,
    signal: options.signal ?? null,
    exitCode: options.signal ? null : 0,
    reason: verdict,
    jitOptions: options.jitOptions ?? ["hotloop=1"],
    jitOn: run,
    jitOff: run,
    traces: [],
    aborts: [],
    oracle: {
      applied: true,
      findings: (options.findings ?? []).map(([kind, where]) => ({
        kind,
        where,
        trace: 1,
        offset: 0,
        word: "0x00000000",
        expected: null,
        expectedText: null,
        message: "",
        text: "",
      })),
      stats: { traces: 1, words: 10, pairsPredicted: 0, pairsMatched: 0, unmodeled: 0 },
    },
    dump: null,
    // A run pinned to a seed, as every run on a build ljfuzz made is.
    prngSeed: 12345,
    replay: "pinned",
  };
}

/** A batch in one mode: each case's output, and the case it died in, if one did. */
export function recordedBatch(
  mode: "on" | "off",
  outputs: Array<[number, string]>,
  unfinished: number | null = null,
  died: Partial<ProcessOutcome> = {},
): BatchRun {
  return {
    mode,
    arch: "arm64",
    outcome: { ...outcome, ...died },
    outputs: new Map(outputs.map(([i, out]) => [i, { ok: true, output: out, error: "" }])),
    unfinished,
    probe: mode === "on" ? { version: null, traces: [], aborts: [], flushes: 0, unreadable: 0 } : null,
  };
}
