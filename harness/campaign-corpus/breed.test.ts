import { describe, expect, it } from "vitest";
import { breed, unit } from "./breed.ts";

describe("breeding a case index", () => {
  it("is deterministic in (seed, index, share, energies)", () => {
    const energies = [0.5, 0.1, 1, 0.25];
    for (let index = 0; index < 200; index++)
      expect(breed(3, index, 0.5, energies)).toEqual(breed(3, index, 0.5, energies));
    const a = Array.from({ length: 50 }, (_, i) => JSON.stringify(breed(3, i, 0.5, energies)));
    const b = Array.from({ length: 50 }, (_, i) => JSON.stringify(breed(4, i, 0.5, energies)));
    expect(a).not.toEqual(b);
  });

  it("makes about `share` of the cases mutants, none without kept cases, and all fresh at share 0", () => {
    const energies = [1, 1];
    const mutants = (share: number) =>
      Array.from({ length: 2000 }, (_, i) => breed(9, i, share, energies)).filter((c) => c.kind === "mutant").length;
    expect(mutants(0)).toBe(0);
    expect(mutants(1)).toBe(2000);
    expect(Math.abs(mutants(0.3) - 600)).toBeLessThan(80);
    expect(breed(9, 5, 1, []).kind).toBe("fresh");
  });

  it("draws parents by energy, and a donor other than the parent", () => {
    const energies = [1, 0.01, 0.01, 0.01];
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const c = breed(1, i, 1, energies);
      if (c.kind !== "mutant") throw new Error("share 1 makes mutants");
      counts[c.parent]!++;
      expect(c.donor).not.toBe(c.parent);
      expect(c.donor).not.toBeNull();
    }
    expect(counts[0]! / 3000).toBeGreaterThan(0.9);
    const alone = breed(1, 0, 1, [1]);
    expect(alone).toMatchObject({ kind: "mutant", parent: 0, donor: null });
  });

  it("spreads its draws over [0, 1)", () => {
    const xs = Array.from({ length: 4000 }, (_, i) => unit(11, i, 7));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const buckets = [0, 0, 0, 0];
    for (const x of xs) buckets[Math.floor(x * 4)]!++;
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(120);
  });
});
