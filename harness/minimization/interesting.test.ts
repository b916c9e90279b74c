import { describe, expect, it } from "vitest";
import { candidateTimeoutMs, sameSignature } from "./interesting.ts";

const crash = { verdict: "crash", signal: "SIGILL", oracleKind: null, where: null };

describe("interesting", () => {
  it("means the same signature: verdict, signal, oracle kind and where", () => {
    expect(sameSignature(crash, { ...crash })).toBe(true);
    expect(sameSignature(crash, { ...crash, signal: "SIGSEGV" })).toBe(false);
    expect(sameSignature(crash, { ...crash, verdict: "mismatch", signal: null })).toBe(false);
    const oracle = { verdict: "oracle", signal: null, oracleKind: "illegal-word", where: "ldp" };
    expect(sameSignature(oracle, { ...oracle, oracleKind: "pair-mismatch" })).toBe(false);
    expect(sameSignature(oracle, { ...oracle, where: "stp" })).toBe(false);
  });
});

describe("a candidate's timeout", () => {
  const timing = (verdict: "crash" | "timeout", on: number, off: number) => ({ verdict, jitOn: { durationMs: on }, jitOff: { durationMs: off } });

  it("is ten times the original's slower run, at least two seconds, at most the cap", () => {
    expect(candidateTimeoutMs(timing("crash", 150, 100), 10_000)).toBe(2_000);
    expect(candidateTimeoutMs(timing("crash", 300, 700), 10_000)).toBe(7_000);
    expect(candidateTimeoutMs(timing("crash", 3_000, 100), 10_000)).toBe(10_000);
  });

  it("is the cap when the original timed out", () => {
    expect(candidateTimeoutMs(timing("timeout", 10_000, 100), 10_000)).toBe(10_000);
  });
});
