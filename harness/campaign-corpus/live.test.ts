// The live corpus's bookkeeping, with stand-in cases: what is kept, what
// the next cases are made of, what is counted. (Real cases, real runs: the
// campaign's tests.)
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CasePlan, GeneratedCase, Mutant, Program } from "../../generators/index.ts";
import { caseId, type KeptCase } from "./entry.ts";
import { CorpusFolder } from "./folder.ts";
import { type CaseMutator, LiveCorpus, type ReachedOnTarget } from "./live.ts";
import type { SharePolicy } from "./share.ts";

/** A stand-in case: its plan names it, its source is its name. */
const standIn = (name: string): GeneratedCase => ({
  program: {} as Program,
  source: name,
  jitOptions: ["hotloop=1"],
  plan: { name } as unknown as CasePlan,
});
const nameOf = (plan: CasePlan) => (plan as unknown as { name: string }).name;
const mutate: CaseMutator = (parent, seed, donor): Mutant => ({
  ...standIn(`${nameOf(parent.plan)}>${seed}${donor ? `+${nameOf(donor)}` : ""}`),
  mutator: "offset",
});
const live = (share: SharePolicy, extra: { folder?: CorpusFolder; loaded?: KeptCase[] } = {}) =>
  new LiveCorpus({ seed: 2, fresh: (i) => standIn(`fresh${i}`), mutate, share, ...extra });
const reached = (features: number[], added: number[] = features, traces = 0): ReachedOnTarget => ({
  reached: features,
  added,
  reachedEdges: [],
  edges: 0,
  traces,
});

describe("the live corpus", () => {
  it("keeps the cases that reached something new and were no suspect, writes them, and mutates them next", () => {
    const folder = new CorpusFolder(join(mkdtempSync(join(tmpdir(), "ljfuzz-live-")), "corpus"));
    const corpus = live({ kind: "fixed", share: 1 }, { folder });
    // With nothing kept, every case is fresh, whatever the share.
    expect([0, 1, 2, 3].map((i) => corpus.make(i).source)).toEqual(["fresh0", "fresh1", "fresh2", "fresh3"]);
    corpus.screened(
      "t",
      new Map([
        [0, reached([1, 2])],
        [1, reached([1, 2], [])],
        [2, reached([3])],
        [3, { reached: [4], added: [], reachedEdges: [7, 8], edges: 2, traces: 0 }],
      ]),
    );
    corpus.suspect(2);
    const kept = corpus.batchDone([0, 1, 2, 3]);
    // 0 added features, 3 added edges; 1 added nothing, 2 was a suspect.
    expect(kept.map((k) => k.source)).toEqual(["fresh0", "fresh3"]);
    expect(kept[1]).toMatchObject({
      features: [4],
      added: [],
      edges: { t: [7, 8] },
      origin: { kind: "fresh", index: 3 },
    });
    // Written at once, as ID.lua and ID.json (folder.test.ts reads real ones back).
    const files = kept.flatMap((k) => [`${k.id}.json`, `${k.id}.lua`]);
    expect(readdirSync(folder.dir).sort()).toEqual(files.sort());
    expect(corpus.size).toBe(2);
    const next = [4, 5, 6, 7].map((i) => corpus.make(i).source);
    expect(next.every((s) => /^fresh[03]>\d+\+fresh[03]$/.test(s))).toBe(true);
    corpus.screened("t", new Map([[4, reached([9])]]));
    const more = corpus.batchDone([4, 5, 6, 7]);
    expect(more).toHaveLength(1);
    expect(more[0]!.origin).toMatchObject({ kind: "mutant", index: 4, mutator: "offset" });
    expect(corpus.mutation()).toEqual({ share: 1, mutants: 4, newFromMutants: 1, newFromFresh: 2 });
  });

  it("is deterministic: the same seed and the same screening make the same cases", () => {
    const run = () => {
      const corpus = live({ kind: "adaptive" });
      const made: string[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const indices = Array.from({ length: 10 }, (_, i) => batch * 10 + i);
        for (const i of indices) made.push(corpus.make(i).source);
        corpus.screened("t", new Map(indices.map((i) => [i, reached([i % 7, 100 + i], i % 3 === 0 ? [100 + i] : [])])));
        corpus.batchDone(indices);
      }
      return { made, mutation: corpus.mutation() };
    };
    const a = run();
    expect(a.made.some((s) => s.includes(">"))).toBe(true);
    expect(run()).toEqual(a);
  });

  it("gives mutants a smaller share when they find as much per case but compile more traces for it", () => {
    const share = (mutantTraces: number) => {
      const corpus = live({ kind: "adaptive" });
      let next = 0;
      for (let batch = 0; batch < 20; batch++) {
        const indices = Array.from({ length: 20 }, () => next++);
        const made = new Map(indices.map((i) => [i, corpus.make(i).source.includes(">") ? "mutant" : "fresh"]));
        // Every case finds one feature of its own; mutants compile `mutantTraces` traces, fresh cases 4.
        const gains = indices.map((i) => [i, reached([i], [i], made.get(i) === "fresh" ? 4 : mutantTraces)] as const);
        corpus.screened("t", new Map(gains));
        corpus.batchDone(indices);
      }
      return corpus.mutation().share;
    };
    expect(share(4)).toBeCloseTo(0.5, 1);
    expect(share(12)).toBeLessThan(share(4) - 0.1);
  });

  it("mutates the cases with rare features most", () => {
    const corpus = live({ kind: "fixed", share: 1 });
    const indices = Array.from({ length: 10 }, (_, i) => i);
    for (const i of indices) corpus.make(i);
    // Case 0 alone reached feature 50; the others share what they reached.
    corpus.screened(
      "t",
      new Map(indices.map((i) => [i, reached(i === 0 ? [1, 50] : [1, 2], i === 0 ? [1, 50] : [2])])),
    );
    // Many other cases reached 1 and 2 as well.
    corpus.screened("t", new Map(Array.from({ length: 200 }, (_, i) => [1000 + i, reached([1, 2], [])])));
    corpus.batchDone(indices);
    expect(corpus.size).toBe(10);
    const parents = Array.from({ length: 400 }, (_, i) => corpus.make(100 + i).source.split(">")[0]);
    const share0 = parents.filter((p) => p === "fresh0").length / parents.length;
    // Energy 1 against 1/201 for each of the 9 others: case 0 is the parent almost always.
    expect(share0).toBeGreaterThan(0.9);
  });

  it("starts from a loaded corpus: its cases are parents from the first case on", () => {
    const loaded: KeptCase[] = ["old1", "old2"].map((name) => ({
      id: caseId(name),
      plan: standIn(name).plan,
      source: name,
      features: [5],
      added: [5],
      edges: {},
      origin: { kind: "fresh", seed: 1, index: 0 },
    }));
    const corpus = live({ kind: "fixed", share: 1 }, { loaded });
    expect(corpus.size).toBe(2);
    expect(corpus.make(0).source).toMatch(/^old[12]>/);
    // A case already kept (by its program's hash) is not kept twice.
    const again = live({ kind: "fixed", share: 0 }, { loaded });
    const fresh = again.make(0);
    expect(fresh.source).toBe("fresh0");
    again.screened("t", new Map([[0, reached([6])]]));
    expect(again.batchDone([0])).toHaveLength(1);
    expect(again.size).toBe(3);
  });
});
