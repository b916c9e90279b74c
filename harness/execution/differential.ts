// The differential run: one program, one target, JIT on and JIT off, side by
// side; then the verdict, with the oracle's reading of every compiled trace.

import type { TraceRecord } from "../../oracle/trace/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import type { TraceAbort } from "../probe/index.ts";
import type { Target } from "../targets/index.ts";
import { type ModeRun, runMode, syntaxError } from "./luajit-run.ts";
import { checkTraces, type OracleReport } from "./oracle-report.ts";
import { type PrngSeed, programSeed, type RunReplay, runReplay } from "./prng-seed.ts";
import type { ProcessOutcome } from "./process.ts";
import { judge, type Verdict } from "./verdict.ts";

export interface DifferentialOptions {
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Keep LuaJIT's -jdump text of the JIT run. */
  readonly dump: boolean;
  readonly cwd?: string;
  /** The PRNG seed both runs are pinned to (default: the program's own, prng-seed.ts). */
  readonly prngSeed?: PrngSeed;
}

/** One run's facts, as the JSON output reports them. */
export interface RunReport {
  readonly command: readonly string[];
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface TargetResult {
  readonly target: string;
  readonly verdict: Verdict;
  readonly signal: string | null;
  /** The JIT run's exit code (null when it died by a signal). */
  readonly exitCode: number | null;
  readonly reason: string;
  readonly jitOptions: readonly string[];
  readonly jitOn: RunReport;
  readonly jitOff: RunReport;
  readonly traces: readonly TraceRecord[];
  readonly aborts: readonly TraceAbort[];
  readonly oracle: OracleReport;
  /** LuaJIT's own -jdump text of the JIT run, for people. */
  readonly dump: string | null;
  /** The PRNG seed the runs were given, and how far that pins them (prng-seed.ts). */
  readonly prngSeed: PrngSeed;
  readonly replay: RunReplay;
}

/** The JIT-on run alone, with the oracle's reading of its traces. */
export interface JitRun {
  readonly run: ModeRun;
  readonly oracle: OracleReport;
}

export async function runDifferential(
  target: Target,
  file: string,
  options: DifferentialOptions,
): Promise<TargetResult> {
  const prngSeed = options.prngSeed ?? programSeed(file);
  const [jit, off] = await Promise.all([
    runJit(target, file, { ...options, prngSeed }),
    runMode(target, file, { ...options, prngSeed, mode: "off", dump: false }),
  ]);
  if (mayNotParse(jit.run.outcome, off.outcome)) {
    const message = await syntaxError(target, file, options.timeoutMs);
    if (message !== null) throw new LjfuzzError(ExitCode.luaSyntax, `Lua syntax error: ${message}`);
  }
  return differentialResult(target, jit, off.outcome, { ...options, prngSeed });
}

/** The JIT-on run of a differential run, by itself (the reducer's first, cheapest look at a candidate). */
export async function runJit(target: Target, file: string, options: DifferentialOptions): Promise<JitRun> {
  const run = await runMode(target, file, { ...options, mode: "on" });
  return { run, oracle: checkTraces(run.probe?.traces ?? [], options.jitOptions, target.spec.arch) };
}

/**
 * LuaJIT exits 1 when the main chunk fails, to load or to run; a failure to
 * run prints a traceback, and a failure to load (a syntax error) does not,
 * and is the same in both modes. Only then is the target's parser asked
 * (one more process): a candidate the reducer made that stops at a nil is
 * not a syntax error.
 */
export function mayNotParse(on: ProcessOutcome, off: ProcessOutcome): boolean {
  const traced = (run: ProcessOutcome): boolean => run.stderr.includes("stack traceback:");
  return on.exitCode === 1 && off.exitCode === 1 && !traced(on) && !traced(off);
}

/**
 * The verdict on a JIT run against an interpreted run of the program: the
 * plain JIT-off run, or (the reducer's, for a crash) the sanitizer's
 * checked run, which is the program interpreted too.
 */
export function differentialResult(
  target: Target,
  jit: JitRun,
  interpreted: ProcessOutcome,
  options: Pick<DifferentialOptions, "jitOptions"> & { readonly prngSeed: PrngSeed },
): TargetResult {
  const on = jit.run;
  const traces = on.probe?.traces ?? [];
  const oracle = jit.oracle;
  const judgement = judge(on.outcome, interpreted);
  const verdict: Verdict = judgement.verdict === "pass" && oracle.findings.length > 0 ? "oracle" : judgement.verdict;
  const reason =
    verdict === "oracle"
      ? `JIT on and off agree, but the oracle found ${oracle.findings.length} wrong word(s)`
      : judgement.reason;
  return {
    target: target.name,
    verdict,
    signal: judgement.signal,
    exitCode: on.outcome.exitCode,
    reason,
    jitOptions: options.jitOptions,
    jitOn: report(on.outcome),
    jitOff: report(interpreted),
    traces,
    aborts: on.probe?.aborts ?? [],
    oracle,
    dump: on.dump,
    prngSeed: options.prngSeed,
    replay: runReplay(target),
  };
}

function report(outcome: ProcessOutcome): RunReport {
  const { command, exitCode, signal, stdout, stderr, timedOut, durationMs } = outcome;
  return { command, exitCode, signal, stdout, stderr, timedOut, durationMs: Math.round(durationMs) };
}
