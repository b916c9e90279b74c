import { describe, expect, it } from "vitest";
import type { TargetResult } from "../execution/index.ts";
import { parseSignature } from "../signature/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { type JitFacts, ruledOutByJitRun } from "./first-look.ts";

/** The JIT run of a recorded result, as first-look sees it. */
function jitOf(result: TargetResult, outcome: Partial<JitFacts["run"]["outcome"]> = {}): JitFacts {
  return {
    run: { outcome: { signal: result.signal, stderr: "", timedOut: false, ...outcome } },
    oracle: result.oracle,
  };
}

const smear = ["illegal-word", "pair-offset-smear"] as const;
const sigill = recordedResult("crash", { signal: "SIGILL", findings: [smear] });

describe("the JIT run alone", () => {
  it("rules out a crash whose JIT run does not die, dies by another signal, or lost its wrong word", () => {
    const expected = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;
    expect(ruledOutByJitRun(expected, jitOf(sigill))).toBe(false);
    expect(ruledOutByJitRun(expected, jitOf(recordedResult("pass", { findings: [smear] })))).toBe(true);
    expect(ruledOutByJitRun(expected, jitOf(recordedResult("crash", { signal: "SIGSEGV", findings: [smear] })))).toBe(
      true,
    );
    expect(ruledOutByJitRun(expected, jitOf(recordedResult("crash", { signal: "SIGILL" })))).toBe(true);
    expect(ruledOutByJitRun(expected, jitOf(sigill, { timedOut: true }))).toBe(true);
  });

  it("keeps a LuaJIT assertion a crash without a signal", () => {
    const expected = parseSignature("crash:-:-:-")!;
    const alarm = "luajit: lj_asm.c:100: asm_foo: Assertion `0' failed.";
    expect(ruledOutByJitRun(expected, jitOf(recordedResult("pass"), { stderr: alarm }))).toBe(false);
    expect(ruledOutByJitRun(expected, jitOf(recordedResult("pass")))).toBe(true);
  });

  it("leaves a wrong result to the interpreter's run, unless the wrong word moved or appeared", () => {
    const mismatch = parseSignature("mismatch:-:-:-")!;
    expect(ruledOutByJitRun(mismatch, jitOf(recordedResult("pass")))).toBe(false);
    expect(ruledOutByJitRun(mismatch, jitOf(recordedResult("pass", { findings: [smear] })))).toBe(true);
    const oracle = parseSignature("oracle:-:illegal-word:pair-offset-smear")!;
    expect(ruledOutByJitRun(oracle, jitOf(recordedResult("pass", { findings: [smear] })))).toBe(false);
    expect(ruledOutByJitRun(oracle, jitOf(recordedResult("pass")))).toBe(true);
    expect(ruledOutByJitRun(parseSignature("timeout:-:-:-")!, jitOf(recordedResult("pass"), { timedOut: true }))).toBe(
      false,
    );
  });
});
