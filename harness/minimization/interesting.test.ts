import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { processesStarted } from "../execution/index.ts";
import { RULES } from "../sanitizer/index.ts";
import { parseSignature, type Signature } from "../signature/index.ts";
import { BUGGY_TARGETS, FIXED_TARGET, luaFile, target } from "../testing/fixtures.ts";
import { candidateTimeoutMs, differentialTest } from "./interesting.ts";

describe("a candidate's timeout", () => {
  const timing = (verdict: "crash" | "timeout", on: number, off: number) => ({
    verdict,
    jitOn: { durationMs: on },
    jitOff: { durationMs: off },
  });

  it("is ten times the original's slower run, at least two seconds, at most the cap", () => {
    expect(candidateTimeoutMs(timing("crash", 150, 100), 10_000)).toBe(2_000);
    expect(candidateTimeoutMs(timing("crash", 300, 700), 10_000)).toBe(7_000);
    expect(candidateTimeoutMs(timing("crash", 3_000, 100), 10_000)).toBe(10_000);
  });

  it("is the cap when the original timed out", () => {
    expect(candidateTimeoutMs(timing("timeout", 10_000, 100), 10_000)).toBe(10_000);
  });
});

describe("a candidate of a wrong result, on a real build", () => {
  // Wrong under the JIT only because a NaN goes into an int8_t: what a
  // reduction that cut `% 254` down to `% 0` would leave.
  const nan = [
    'local ffi = require("ffi")',
    'local b = ffi.new("int8_t[64]")',
    "for i = 0, 63 do b[i] = i % 0 end",
    "local h = 0",
    "for i = 0, 63 do h = h + b[i] end",
    "print(h)",
    "",
  ].join("\n");
  const mismatch: Signature = { verdict: "mismatch", signal: null, oracle: null, options: null };

  it("is refused when it breaks the rules of a valid program, and kept without the sanitizer", async () => {
    const cwd = dirname(luaFile(""));
    for (const sanitize of [true, false]) {
      // Held to every rule, or to none (as for an original whose checked run cannot finish).
      const tester = differentialTest({
        target: await target(FIXED_TARGET),
        jitOptions: ["hotloop=1"],
        timeoutMs: 30_000,
        cwd,
        expected: mismatch,
        rulesHeld: sanitize ? RULES : [],
        jobs: 1,
      });
      try {
        expect(await tester.test(nan, new AbortController().signal)).toBe(!sanitize);
      } finally {
        await tester.dispose();
      }
    }
  }, 60_000);
});

describe("a candidate of a crash, on a real build", () => {
  // PR #1028's loads, but past the start of a buffer of no elements: it still
  // dies by SIGILL, and reads LuaJIT's heap on the way (the reduction).
  const outside = (count: number): string =>
    [
      'local ffi = require("ffi")',
      `local buf = ffi.new("int32_t[?]", ${count})`,
      'local base = ffi.cast("int32_t*", buf) + 2',
      "local s = 0",
      "for i = 1, 100 do",
      "  local a = base[-2]",
      "  local b = base[-1]",
      "  s = s + a * 3 + b",
      "end",
      "print(s)",
      "",
    ].join("\n");
  const expected = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;

  it("is refused when it reads outside what it allocated, kept when it does not", async () => {
    const tester = differentialTest({
      target: await target(BUGGY_TARGETS[0]),
      jitOptions: ["hotloop=1"],
      timeoutMs: 30_000,
      cwd: dirname(luaFile("")),
      expected,
      rulesHeld: RULES,
      jobs: 1,
    });
    try {
      expect(await tester.test(outside(0), new AbortController().signal)).toBe(false);
      const before = processesStarted();
      expect(await tester.test(outside(2), new AbortController().signal)).toBe(true);
      // Each candidate crashed at its own seed (once: the build pins the run, reproduction/) before its checked run.
      expect(tester.checkedRuns()).toBe(2);
      expect(tester.runs()).toBe(2);
      // Two processes: the JIT run, then the checked run, which stands in for the JIT-off run.
      expect(processesStarted() - before).toBe(2);
      // One: a JIT run that does not die refuses the candidate by itself.
      expect(await tester.test(outside(2).replace("1, 100", "1, 1"), new AbortController().signal)).toBe(false);
      expect(processesStarted() - before).toBe(3);
      expect(tester.checkedRuns()).toBe(2);
    } finally {
      await tester.dispose();
    }
  }, 90_000);
});
