// The differential runner on real arm64 LuaJIT builds (under qemu on x86-64).
import { describe, expect, it } from "vitest";
import { traceWords } from "../../oracle/trace/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { BUGGY_TARGETS, FIXED_TARGET, luaFile, PR1028_CASE, PR1028_IDLE_CASE, target } from "../testing/fixtures.ts";
import { runDifferential } from "./differential.ts";
import { processesStarted } from "./process.ts";

const options = { jitOptions: ["hotloop=1"], timeoutMs: 20_000, dump: true };

// The PR #1028 word: an LDP whose opcode bits (31..22) were overwritten by
// the sign of a negative offset, so they are all ones.
const smearedPair = (word: number) => word >>> 22 === 0x3ff;

describe("PR #1028 reproducer", () => {
  for (const name of BUGGY_TARGETS) {
    it(`crashes ${name} by SIGILL, with the faulty trace on record`, async () => {
      const result = await runDifferential(await target(name), PR1028_CASE, options);
      expect(result).toMatchObject({ verdict: "crash", signal: "SIGILL", exitCode: null });
      expect(result.jitOff.stdout).toBe("2500\n");
      // The process died, but the probe had already written the trace.
      const faulty = result.traces.filter((t) => traceWords(t).some(smearedPair));
      expect(faulty).toHaveLength(1);
      expect(faulty[0]!.ir.some((ins) => ins.op === "XLOAD")).toBe(true);
      expect(result.dump).toContain(".long 0xffff");
      // The oracle reads the same word in the recorded trace, and knows what it should have been.
      expect(result.oracle.findings).toHaveLength(1);
      expect(result.oracle.findings[0]).toMatchObject({
        kind: "illegal-word",
        trace: faulty[0]!.trace,
        where: "pair-offset-smear",
        expectedText: "ldp w3, w0, [x5, #-8]",
      });
    });
  }

  it(`passes on ${FIXED_TARGET}, which pairs the loads correctly`, async () => {
    const result = await runDifferential(await target(FIXED_TARGET), PR1028_CASE, options);
    expect(result).toMatchObject({ verdict: "pass", signal: null, exitCode: 0 });
    expect(result.jitOn.stdout).toBe("2500\n");
    expect(result.traces.length).toBeGreaterThan(0);
    expect(result.traces.flatMap(traceWords).some(smearedPair)).toBe(false);
    expect(result.oracle.findings).toEqual([]);
    expect(result.oracle.stats).toMatchObject({ unmodeled: 0 });
    expect(result.oracle.stats.pairsMatched).toBeGreaterThan(0);
  });

  for (const name of BUGGY_TARGETS) {
    it(`is seen by the oracle on ${name} even when the bad trace never runs`, async () => {
      const result = await runDifferential(await target(name), PR1028_IDLE_CASE, {
        ...options,
        jitOptions: ["hotloop=1", "hotexit=1"],
      });
      // Nothing crashed: execution alone would call this a pass.
      expect(result.jitOn.signal).toBeNull();
      expect(result.jitOn.stdout).toBe(result.jitOff.stdout);
      expect(result.verdict).toBe("oracle");
      expect(result.oracle.findings[0]).toMatchObject({
        kind: "illegal-word",
        where: "pair-offset-smear",
        expected: expect.stringMatching(/^0x297f/),
      });
    });
  }
});

describe("verdicts on ordinary programs", () => {
  it("passes a program whose output differs only by addresses", async () => {
    const file = luaFile(
      `local t = {} for i = 1, 20 do t[i] = {} end print(t[3], print, coroutine.create(print)) print(#t)\n`,
    );
    const result = await runDifferential(await target(FIXED_TARGET), file, options);
    expect(result.verdict).toBe("pass");
    expect(result.jitOn.stdout).toMatch(/^table: 0x[0-9a-f]+\tfunction: builtin#29\tthread: 0x[0-9a-f]+\n20\n$/);
  });

  it("passes a program that errors the same way in both modes", async () => {
    const file = luaFile(`local s = 0 for i = 1, 50 do s = s + i end error("boom " .. s)\n`);
    const result = await runDifferential(await target(FIXED_TARGET), file, options);
    expect(result).toMatchObject({ verdict: "pass", exitCode: 1 });
    expect(result.jitOn.stderr).toContain("boom 1275");
  });

  it("reports a syntax error as the user's error, not a finding", async () => {
    const file = luaFile(`local x = = 1\n`);
    const error = await runDifferential(await target(FIXED_TARGET), file, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LjfuzzError);
    expect((error as LjfuzzError).exitCode).toBe(ExitCode.luaSyntax);
    expect((error as LjfuzzError).message).toMatch(/syntax error: .*case\.lua:1: unexpected symbol near '='/);
  });

  it("asks the parser only when both runs end without a traceback: an error at run time costs no third process", async () => {
    const fixed = await target(FIXED_TARGET);
    const file = luaFile(`local t = nil\nprint(t.x)\n`);
    const before = processesStarted();
    const result = await runDifferential(fixed, file, options);
    expect(processesStarted() - before).toBe(2);
    expect(result.verdict).toBe("pass");
    expect(result.jitOff).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("stack traceback:") });
    const syntax = luaFile(`local x = = 1\n`);
    const beforeSyntax = processesStarted();
    await expect(runDifferential(fixed, syntax, options)).rejects.toMatchObject({ exitCode: ExitCode.luaSyntax });
    expect(processesStarted() - beforeSyntax).toBe(3);
  });

  it("kills a run that hangs and calls it a timeout", async () => {
    const file = luaFile(`while true do end\n`);
    const started = Date.now();
    const result = await runDifferential(await target(FIXED_TARGET), file, { ...options, timeoutMs: 1500 });
    expect(result.verdict).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
