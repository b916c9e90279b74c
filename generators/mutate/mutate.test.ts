import { describe, expect, it } from "vitest";
import { generateCase, MUTATOR_NAMES, type MutatorName, mutateCase } from "../index.ts";
import { aliasConflicts } from "../program/aliasing.ts";
import { checkBounds } from "../program/bounds.ts";
import { checkClean } from "../program/clean-stores.ts";
import { mutatePlan } from "./mutate.ts";

const parents = Array.from({ length: 30 }, (_, i) => generateCase(21, i));

describe("mutateCase", () => {
  it("is deterministic in parent, donor and seed, and never gives the parent's program", () => {
    for (let i = 0; i < 20; i++) {
      const parent = parents[i]!;
      const donor = parents[(i + 1) % parents.length]!.plan;
      const a = mutateCase(parent.plan, i, { donor });
      const b = mutateCase(parent.plan, i, { donor });
      expect(a.source).toBe(b.source);
      expect(a.mutator).toBe(b.mutator);
      expect(a.source).not.toBe(parent.source);
      // Given the parent's program (a campaign has it), the same mutant, without printing the parent again.
      expect(mutateCase(parent.plan, i, { donor, parentSource: parent.source })).toEqual(a);
    }
    const many = new Set(Array.from({ length: 20 }, (_, seed) => mutateCase(parents[0]!.plan, seed).source));
    expect(many.size).toBeGreaterThan(15);
  });

  it("gives mutants that are in bounds, keep strict aliasing and store only clean values, from every mutator", () => {
    const made = new Map<MutatorName, number>();
    for (const [i, parent] of parents.entries()) {
      for (let seed = 0; seed < 20; seed++) {
        const donor = parents[(i + seed + 1) % parents.length]!.plan;
        // Mutants of mutants too: what a campaign's corpus holds after a while.
        const first = mutateCase(parent.plan, seed, { donor });
        const m = seed % 2 === 0 ? first : mutateCase(first.plan, seed, { donor });
        made.set(m.mutator, (made.get(m.mutator) ?? 0) + 1);
        const where = `parent ${i}, seed ${seed}, ${m.mutator}`;
        expect(checkBounds(m.program).errors, where).toEqual([]);
        expect(aliasConflicts(m.program), where).toEqual([]);
        expect(checkClean(m.program), where).toEqual([]);
      }
    }
    for (const name of MUTATOR_NAMES) expect(made.get(name) ?? 0, name).toBeGreaterThan(0);
  }, 120_000);

  it("stacks mutations as AFL's havoc does: one more with probability 1/2, at most 4", () => {
    const stacks = parents.flatMap((parent, i) =>
      Array.from({ length: 8 }, (_, seed) => mutatePlan(parent.plan, seed, { donor: parents[(i + 1) % 30]!.plan })),
    );
    const depths = stacks.map((m) => m.mutations);
    expect(Math.min(...depths)).toBe(1);
    expect(Math.max(...depths)).toBeLessThanOrEqual(4);
    expect(depths.filter((d) => d >= 3).length).toBeGreaterThan(0);
    const mean = depths.reduce((a, b) => a + b, 0) / depths.length;
    expect(mean).toBeGreaterThan(1.4);
    expect(mean).toBeLessThan(2.1);
    // A stack is still a valid program, and never the parent.
    for (const m of stacks.filter((x) => x.mutations > 1)) {
      expect(checkBounds(m.program).errors).toEqual([]);
      expect(aliasConflicts(m.program)).toEqual([]);
    }
  }, 120_000);

  it("follows the weights: a mutator with weight 0 is never used", () => {
    for (let seed = 0; seed < 40; seed++) {
      const m = mutateCase(parents[seed % parents.length]!.plan, seed, { weights: { offset: 5, splice: 0, type: 0 } });
      expect(["splice", "type"]).not.toContain(m.mutator);
    }
  });
});
