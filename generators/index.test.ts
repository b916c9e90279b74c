import { describe, expect, it } from "vitest";
import { checkBounds, generateCase, shrinkCase } from "./index.ts";

describe("generateCase", () => {
  it("is deterministic in (seed, index)", () => {
    for (const [seed, index] of [
      [1, 0],
      [1, 17],
      [42, 3],
      [2 ** 31 - 1, 199],
    ] as const) {
      expect(generateCase(seed, index).source).toBe(generateCase(seed, index).source);
    }
  });

  it("gives different cases for different indexes and seeds", () => {
    const sources = new Set<string>();
    for (let i = 0; i < 30; i++) sources.add(generateCase(7, i).source);
    sources.add(generateCase(8, 0).source);
    expect(sources.size).toBe(31);
  });

  it("mostly contains an adjacent access pair below a pointer (the PR #1028 shape)", () => {
    // p[-2]/p[-1] style: a negative constant index, then the next one.
    let hits = 0;
    for (let i = 0; i < 100; i++) if (/\[-\d+\]\n.*\[-?\d+\]/.test(generateCase(11, i).source)) hits++;
    expect(hits).toBeGreaterThan(30);
  });
});

describe("shrinkCase", () => {
  it("yields valid, mostly smaller cases, and can go on shrinking them", () => {
    const c = generateCase(5, 2);
    const candidates = [...take(shrinkCase(c), 40)];
    expect(candidates.length).toBeGreaterThan(0);
    for (const s of candidates) expect(checkBounds(s.program).errors).toEqual([]);
    const smaller = candidates.filter((s) => s.source.length < c.source.length);
    expect(smaller.length).toBeGreaterThan(candidates.length / 2);
    const next = [...take(shrinkCase(smaller[0]!), 5)];
    expect(next.length).toBeGreaterThan(0);
  });

  it("reaches a small case by greedy shrinking", () => {
    let c = generateCase(9, 1);
    for (let step = 0; step < 200; step++) {
      const s = [...take(shrinkCase(c), 50)].find((x) => x.source.length < c.source.length);
      if (!s) break;
      c = s;
    }
    expect(c.source.split("\n").length).toBeLessThan(60);
  });
});

function* take<T>(xs: Iterable<T>, n: number): Iterable<T> {
  if (n <= 0) return;
  for (const x of xs) {
    yield x;
    if (--n <= 0) return;
  }
}
