import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import type { Signature } from "../signature/index.ts";
import { FIXED_TARGET, luaFile, target } from "../testing/fixtures.ts";
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
      const tester = differentialTest({
        target: await target(FIXED_TARGET),
        jitOptions: ["hotloop=1"],
        timeoutMs: 30_000,
        cwd,
        expected: mismatch,
        sanitize,
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
