import { describe, expect, it } from "vitest";
import type { ProcessOutcome } from "./process.ts";
import { judge } from "./verdict.ts";

function outcome(overrides: Partial<ProcessOutcome>): ProcessOutcome {
  return {
    command: ["luajit"],
    exitCode: 0,
    signal: null,
    stdout: "",
    stderr: "",
    timedOut: false,
    durationMs: 1,
    spawnError: null,
    ...overrides,
  };
}

describe("judge", () => {
  it("passes when both runs agree", () => {
    expect(judge(outcome({ stdout: "1\n" }), outcome({ stdout: "1\n" })).verdict).toBe("pass");
  });

  it("ignores heap addresses and qemu's note", () => {
    const jit = outcome({ stdout: "table: 0x7f01a0b0c0d8\n", stderr: "" });
    const interp = outcome({ stdout: "table: 0x40001234abcd\n" });
    expect(judge(jit, interp).verdict).toBe("pass");
  });

  it("calls a signal in the JIT run only a crash, with its name", () => {
    const j = judge(
      outcome({
        exitCode: null,
        signal: "SIGILL",
        stderr: "qemu: uncaught target signal 4 (Illegal instruction) - core dumped\n",
      }),
      outcome({ stdout: "2500\n" }),
    );
    expect(j).toMatchObject({ verdict: "crash", signal: "SIGILL" });
  });

  it("calls a LuaJIT assertion a crash even without a signal", () => {
    const j = judge(outcome({ exitCode: 1, stderr: "LuaJIT ASSERT lj_asm.c:123: ra_alloc: bad reg\n" }), outcome({}));
    expect(j.verdict).toBe("crash");
    expect(j.reason).toContain("LuaJIT ASSERT");
  });

  it("passes when both runs die the same way", () => {
    expect(
      judge(outcome({ exitCode: null, signal: "SIGSEGV" }), outcome({ exitCode: null, signal: "SIGSEGV" })).verdict,
    ).toBe("pass");
  });

  it("reports differing output as a mismatch", () => {
    const j = judge(outcome({ stdout: "1\n" }), outcome({ stdout: "2\n" }));
    expect(j).toMatchObject({ verdict: "mismatch", signal: null });
    expect(j.reason).toContain("stdout");
  });

  it("reports a timeout and which run it was", () => {
    const j = judge(outcome({ timedOut: true, exitCode: null }), outcome({}));
    expect(j.verdict).toBe("timeout");
    expect(j.reason).toContain("JIT run");
  });

  it("reports a run that could not start as our error", () => {
    expect(judge(outcome({ spawnError: "ENOENT", exitCode: null }), outcome({})).verdict).toBe("error");
  });
});
