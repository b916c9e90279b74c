// The differential run: one program, one target, JIT on and JIT off, side by
// side; then the verdict, with the oracle's reading of every compiled trace.

import type { TraceRecord } from "../../oracle/trace/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import type { TraceAbort } from "../probe/index.ts";
import type { Target } from "../targets/index.ts";
import { type ModeRun, runMode, syntaxError } from "./luajit-run.ts";
import { checkTraces, type OracleReport } from "./oracle-report.ts";
import { type PrngSeed, programSeed, type RunReplay, runReplay } from "./prng-seed.ts";
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

export async function runDifferential(
  target: Target,
  file: string,
  options: DifferentialOptions,
): Promise<TargetResult> {
  const prngSeed = options.prngSeed ?? programSeed(file);
  const common = { jitOptions: options.jitOptions, timeoutMs: options.timeoutMs, cwd: options.cwd, prngSeed };
  const [on, off] = await Promise.all([
    runMode(target, file, { ...common, mode: "on", dump: options.dump }),
    runMode(target, file, { ...common, mode: "off", dump: false }),
  ]);
  // LuaJIT exits 1 when the main chunk fails, to load or to run: only then
  // can it be the file's syntax.
  if (on.outcome.exitCode === 1 || off.outcome.exitCode === 1) {
    const message = await syntaxError(target, file, options.timeoutMs);
    if (message !== null) throw new LjfuzzError(ExitCode.luaSyntax, `Lua syntax error: ${message}`);
  }

  const traces = on.probe?.traces ?? [];
  const oracle = checkTraces(traces, options.jitOptions, target.spec.arch);
  const judgement = judge(on.outcome, off.outcome);
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
    jitOn: report(on),
    jitOff: report(off),
    traces,
    aborts: on.probe?.aborts ?? [],
    oracle,
    dump: on.dump,
    prngSeed,
    replay: runReplay(target),
  };
}

function report(run: ModeRun): RunReport {
  const { command, exitCode, signal, stdout, stderr, timedOut, durationMs } = run.outcome;
  return { command, exitCode, signal, stdout, stderr, timedOut, durationMs: Math.round(durationMs) };
}
