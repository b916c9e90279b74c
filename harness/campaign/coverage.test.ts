// The campaign's union of what its cases reached, on real probe recordings
// (oracle/fixtures) dealt out to the cases of a made-up batch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BatchRun } from "../execution/index.ts";
import { parseProbeLog } from "../probe/index.ts";
import { REPO } from "../testing/fixtures.ts";
import { recordedBatch } from "../testing/recorded.ts";
import { CampaignCoverage } from "./coverage.ts";

const recording = (name: string) =>
  parseProbeLog(readFileSync(join(REPO, "oracle", "fixtures", `${name}.luajit-2022.probe.jsonl`), "latin1"));

function batch(programs: string[], edges?: Uint8Array[]): BatchRun {
  const logs = programs.map(recording);
  return {
    ...recordedBatch("on", []),
    probe: {
      version: null,
      traces: logs.flatMap((l, caseIndex) => l.traces.map((t) => ({ ...t, caseIndex }))),
      aborts: logs.flatMap((l, caseIndex) => l.aborts.map((a) => ({ ...a, caseIndex }))),
      flushes: 0,
      unreadable: 0,
    },
    ...(edges ? { edges: new Map(edges.map((m, i) => [i, m] as const)) } : {}),
  };
}
const cases = (n: number) => Array.from({ length: n }, (_, index) => ({ index, path: "", jitOptions: ["hotloop=1"] }));

describe("CampaignCoverage", () => {
  it("keeps the union of the cases' features, and says what each case added", () => {
    const coverage = new CampaignCoverage();
    const first = coverage.addBatch("luajit-2022", cases(2), batch(["ffi-structs", "tables"]));
    expect(first.get(0)!.features).toBeGreaterThan(100);
    expect(first.get(1)!.features).toBeGreaterThan(100);
    const total = coverage.summary().features;
    expect(total).toBe(first.get(0)!.features + first.get(1)!.features);
    // The same programs again add nothing; a new one adds what it has of its own.
    const again = coverage.addBatch("luajit-2022", cases(2), batch(["tables", "ffi-structs"]));
    expect([...again.values()].every((g) => g.features === 0)).toBe(true);
    const nbody = coverage.addBatch("luajit-2022", cases(1), batch(["bench-nbody"]));
    expect(nbody.get(0)!.features).toBeGreaterThan(0);
    expect(coverage.summary()).toEqual({ features: total + nbody.get(0)!.features });
  });

  it("takes no features from an x86-64 leg's batch: they read A64 machine code", () => {
    const coverage = new CampaignCoverage();
    const gains = coverage.addBatch("luajit-2026+x64", cases(1), { ...batch(["bench-nbody"]), arch: "x64" });
    expect(gains.get(0)).toEqual({ features: 0, edges: 0 });
    expect(coverage.summary()).toEqual({ features: 0 });
  });

  it("keeps edges per +cov target: edge hashes name code addresses, which differ between builds", () => {
    const coverage = new CampaignCoverage();
    const map = (...set: number[]) => {
      const m = new Uint8Array(65536);
      for (const i of set) m[i] = 1;
      return m;
    };
    const gains = coverage.addBatch("a+cov", cases(2), batch(["pr1028", "doubles"], [map(1, 2, 3), map(3, 4)]));
    expect([gains.get(0)!.edges, gains.get(1)!.edges]).toEqual([3, 1]);
    coverage.addBatch("b+cov", cases(1), batch(["pr1028"], [map(1, 9)]));
    expect(coverage.summary().edges).toEqual({ "a+cov": 4, "b+cov": 2 });
  });
});
