import { describe, expect, it } from "vitest";
import { HALF_LIFE, MAX_SHARE, MIN_SHARE, MutationShare } from "./share.ts";

describe("the mutation share", () => {
  it("starts even, and follows the source that finds more per case", () => {
    const share = new MutationShare({ kind: "adaptive" });
    expect(share.share).toBe(0.5);
    share.record("fresh", 100, 50);
    share.record("mutant", 100, 150);
    expect(share.share).toBeGreaterThan(0.6);
    expect(share.share).toBeLessThan(MAX_SHARE);
    // Equal finds per case bring it back to even (near it: the prior still counts a little).
    const even = new MutationShare({ kind: "adaptive" });
    even.record("fresh", 400, 80);
    even.record("mutant", 400, 80);
    expect(even.share).toBeCloseTo(0.5, 5);
    const fewer = new MutationShare({ kind: "adaptive" });
    fewer.record("fresh", 400, 80, 2800);
    fewer.record("mutant", 100, 20, 700);
    expect(fewer.share).toBeGreaterThan(0.4);
    expect(fewer.share).toBeLessThan(0.5);
  });

  it("scores a source by what it found for its work: the traces its cases compiled count too", () => {
    const share = new MutationShare({ kind: "adaptive" });
    // As many cases and finds each, but mutants compile twice the traces: they cost more.
    share.record("fresh", 400, 80, 2800);
    share.record("mutant", 400, 80, 5600);
    expect(share.share).toBeLessThan(0.4);
    expect(share.share).toBeGreaterThan(MIN_SHARE);
  });

  it("stays within its bounds however lopsided the finds", () => {
    const share = new MutationShare({ kind: "adaptive" });
    share.record("fresh", 500, 0);
    share.record("mutant", 500, 5000);
    expect(share.share).toBe(MAX_SHARE);
    share.record("fresh", 5000, 100_000);
    share.record("mutant", 5000, 0);
    expect(share.share).toBe(MIN_SHARE);
  });

  it("forgets: what a source found long ago counts for less than what it finds now", () => {
    const share = new MutationShare({ kind: "adaptive" });
    // Mutants were good once; then fresh cases are.
    share.record("mutant", HALF_LIFE, 400);
    share.record("fresh", HALF_LIFE, 40);
    const before = share.share;
    for (let i = 0; i < 10; i++) {
      share.record("mutant", HALF_LIFE, 4);
      share.record("fresh", HALF_LIFE, 40);
    }
    expect(before).toBeGreaterThan(0.8);
    expect(share.share).toBeLessThan(0.2);
  });

  it("never moves when fixed, and refuses a share outside [0, 1]", () => {
    const share = new MutationShare({ kind: "fixed", share: 0 });
    share.record("mutant", 10, 1000);
    expect(share.share).toBe(0);
    expect(() => new MutationShare({ kind: "fixed", share: 1.5 })).toThrow(/between 0 and 1/);
    expect(() => new MutationShare({ kind: "fixed", share: Number.NaN })).toThrow(/between 0 and 1/);
  });
});
