// Screening: a batch of cases on one target, many per LuaJIT process, JIT on
// (with the probe) and JIT off, compared case by case, with the oracle
// reading every trace. What differs, dies or holds a wrong word is a suspect,
// with the signature the batch suggests (confirmation decides). The cases
// after a crash are run again in a new process.
import type { TraceRecord } from "../../oracle/trace/index.ts";
import {
  type BatchCase,
  type BatchRun,
  checkTraces,
  type JitMode,
  normalizeOutput,
  type OracleReport,
  runBatch,
} from "../execution/index.ts";
import { type Signature, signatureOf } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import type { ScreenTally } from "./progress.ts";
import type { BatchOutputs } from "./unconfirmed.ts";

export interface Suspect<F> {
  readonly file: F;
  readonly signature: Signature;
  /** What the batch gave, to set beside its run alone when that passes. */
  readonly batch: BatchOutputs;
}

/** A case both runs finished: what the JIT compiled for it, and the oracle's reading. */
export interface ScreenedCase<F> {
  readonly file: F;
  readonly traces: readonly TraceRecord[];
  readonly oracle: OracleReport;
}

export interface BatchComparison<F> {
  readonly suspects: Suspect<F>[];
  /** Every case that needs no rerun. */
  readonly done: Set<number>;
  readonly screened: ScreenedCase<F>[];
  /** Traces the batch's JIT-on process compiled, pairs fused and words checked in the finished cases. */
  readonly tally: ScreenTally;
}

/**
 * Which cases of a batch need a closer look: those whose JIT-on and JIT-off
 * runs differ, that did not finish, or whose traces the oracle objects to;
 * each with the signature the batch suggests. Pure.
 */
export function compareBatch<F extends BatchCase>(
  files: readonly F[],
  on: BatchRun,
  off: BatchRun,
): BatchComparison<F> {
  const suspects: Suspect<F>[] = [];
  const done = new Set<number>();
  const screened: ScreenedCase<F>[] = [];
  const traces = on.probe?.traces ?? [];
  const tally = { traces: traces.length, pairs: 0, words: 0, unmodeled: 0 };
  for (const file of files) {
    const a = on.outputs.get(file.index);
    const b = off.outputs.get(file.index);
    const own = traces.filter((t) => t.caseIndex === file.index);
    const oracle = checkTraces(own, file.jitOptions, on.arch);
    const sign = (verdict: Signature["verdict"], signal: string | null) => signatureOf({ verdict, signal, oracle });
    const ended = on.unfinished === file.index ? endedBy(on) : null;
    const batch: BatchOutputs = { jitOn: a ?? null, jitOff: b ?? null, jitOnEnded: ended };
    if (!a || !b) {
      if (on.unfinished === file.index || off.unfinished === file.index) {
        const jitStopped = on.unfinished === file.index && off.unfinished !== file.index;
        const verdict = !jitStopped ? "error" : on.outcome.timedOut ? "timeout" : "crash";
        suspects.push({ file, signature: sign(verdict, verdict === "crash" ? on.outcome.signal : null), batch });
        done.add(file.index);
      }
      continue;
    }
    done.add(file.index);
    screened.push({ file, traces: own, oracle });
    tally.pairs += oracle.stats.pairsMatched;
    tally.words += oracle.stats.words;
    tally.unmodeled += oracle.stats.unmodeled;
    const differs =
      a.ok !== b.ok ||
      normalizeOutput(a.output) !== normalizeOutput(b.output) ||
      normalizeOutput(a.error) !== normalizeOutput(b.error);
    if (differs) suspects.push({ file, signature: sign("mismatch", null), batch });
    else if (oracle.findings.length > 0) suspects.push({ file, signature: sign("oracle", null), batch });
  }
  return { suspects, done, screened, tally };
}

/** How a batch process that stopped in a case ended: a signal, a timeout, or an exit code. */
function endedBy(run: BatchRun): string {
  const { signal, timedOut, exitCode } = run.outcome;
  return timedOut ? "timed out" : signal ? `died by ${signal}` : `exit ${exitCode}`;
}

/** Runs a batch in one mode (runBatch, unless a test gives recorded runs). */
export type BatchRunner<F> = (
  target: Target,
  files: readonly F[],
  mode: JitMode,
  timeoutMs: number,
) => Promise<BatchRun>;

export interface ScreenHooks<F> {
  readonly signal?: AbortSignal;
  readonly runBatch?: BatchRunner<F>;
  /** Each batch's JIT-on run, before it is compared: what its cases reached (coverage.ts). */
  readonly ran?: (cases: readonly F[], on: BatchRun) => void;
  /** Each comparison, before its suspects are confirmed: what the batch read. */
  readonly compared: (comparison: BatchComparison<F>) => void;
  /** Each suspect in turn, in case order. */
  readonly suspect: (suspect: Suspect<F>) => Promise<void>;
}

/** Screens files on a target; returns how many times a batch process died before its end (and was rerun). */
export async function screen<F extends BatchCase>(
  target: Target,
  files: readonly F[],
  hooks: ScreenHooks<F>,
): Promise<number> {
  const run = hooks.runBatch ?? runBatch;
  let pending = files;
  let restarts = 0;
  while (pending.length > 0 && !hooks.signal?.aborted) {
    const timeoutMs = 10_000 + pending.length * 2_000;
    const [on, off] = await Promise.all([
      run(target, pending, "on", timeoutMs),
      run(target, pending, "off", timeoutMs),
    ]);
    hooks.ran?.(pending, on);
    const comparison = compareBatch(pending, on, off);
    hooks.compared(comparison);
    for (const suspect of comparison.suspects) await hooks.suspect(suspect);
    const rest = pending.filter((f) => !comparison.done.has(f.index));
    // Only the cases after a crash are left; without progress, stop.
    if (rest.length === pending.length) break;
    if (rest.length > 0) restarts++;
    pending = rest;
  }
  return restarts;
}
