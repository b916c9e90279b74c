// The verdict on one program and one target, from its two runs. Pure: the
// same two outcomes always give the same verdict.
import { normalizeOutput } from "./normalize.ts";
import type { ProcessOutcome } from "./process.ts";

/**
 * pass      both runs agree
 * crash     the JIT run died (signal, LuaJIT assertion or panic), the interpreter did not
 * mismatch  both finished and their results differ
 * timeout   a run did not finish in time
 * error     ours: a run could not be started or judged
 * oracle    the runs agree, but the machine code checker found a wrong word
 */
export type Verdict = "pass" | "crash" | "mismatch" | "timeout" | "error" | "oracle";

export const VERDICTS: readonly Verdict[] = ["pass", "crash", "mismatch", "timeout", "error", "oracle"];

export interface Judgement {
  readonly verdict: Verdict;
  /** The JIT run's fatal signal ("SIGILL", …), or null. */
  readonly signal: string | null;
  /** A short why, for people. */
  readonly reason: string;
}

// LuaJIT's own alarms: lj_assert_fail (built with LUA_USE_ASSERT) and the
// panic handler of the standalone interpreter.
const LUAJIT_ALARM = /LuaJIT ASSERT|Assertion `?.*'? failed|^PANIC: /m;

/** How a run died: its signal, "assertion" (LuaJIT's own alarm), or null when it did not. */
export function died(run: Pick<ProcessOutcome, "signal" | "stderr">): string | null {
  if (run.signal) return run.signal;
  if (LUAJIT_ALARM.test(run.stderr)) return "assertion";
  return null;
}

export function judge(jit: ProcessOutcome, interp: ProcessOutcome): Judgement {
  if (jit.spawnError || interp.spawnError) {
    return { verdict: "error", signal: null, reason: `could not run: ${jit.spawnError ?? interp.spawnError}` };
  }
  if (jit.timedOut || interp.timedOut) {
    const which =
      jit.timedOut && interp.timedOut
        ? "both runs"
        : jit.timedOut
          ? "the JIT run (the interpreter finished)"
          : "the interpreter run (the JIT run finished)";
    return { verdict: "timeout", signal: null, reason: `${which} timed out` };
  }
  const jitDeath = died(jit);
  const interpDeath = died(interp);
  if (jitDeath && !interpDeath) {
    return {
      verdict: "crash",
      signal: jit.signal,
      reason:
        jitDeath === "assertion"
          ? `LuaJIT assertion: ${firstAlarmLine(jit.stderr)}`
          : `the JIT run died by ${jitDeath}`,
    };
  }
  const differences: string[] = [];
  if (jit.signal !== interp.signal) differences.push(`signal ${jit.signal} vs ${interp.signal}`);
  if (jit.exitCode !== interp.exitCode) differences.push(`exit ${jit.exitCode} vs ${interp.exitCode}`);
  if (normalizeOutput(jit.stdout) !== normalizeOutput(interp.stdout)) differences.push("stdout differs");
  if (normalizeOutput(jit.stderr) !== normalizeOutput(interp.stderr)) differences.push("stderr differs");
  if (differences.length > 0) {
    return { verdict: "mismatch", signal: jit.signal, reason: `JIT on vs off: ${differences.join(", ")}` };
  }
  return {
    verdict: "pass",
    signal: null,
    reason: interpDeath ? `both runs died the same way (${interpDeath})` : "JIT on and off agree",
  };
}

function firstAlarmLine(stderr: string): string {
  return (
    stderr
      .split("\n")
      .find((line) => LUAJIT_ALARM.test(line))
      ?.trim() ?? ""
  );
}
