// A guided campaign on a real build: the cases that reached something new
// are kept and mutated, and the same seed with the same runs gives the same
// cases, kept cases and verdicts. "With the same runs": LuaJIT itself does
// not always compile the same traces when one batch is run again (on
// openresty-2025, 2 runs in 5 of one batch of 10 cases compiled 107 and 93
// traces instead of 109, with other aborts), so what a case reaches, and
// with it what is kept, can differ between two campaigns of one seed. The
// second campaign here replays the runs the first one recorded, and must
// ask for no other batch.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCase, mutateCase } from "../../generators/index.ts";
import { type BatchRun, runBatch } from "../execution/index.ts";
import { target } from "../testing/fixtures.ts";
import { runCampaign } from "./campaign.ts";
import type { CaseFile } from "./cases.ts";
import type { BatchRunner } from "./screen.ts";

const recorded = new Map<string, BatchRun>();
let replayed = 0;
let ran = 0;
/** Runs a batch for real the first time, and replays that run when the same batch comes again. */
const replaying: BatchRunner<CaseFile> = async (t, files, mode, timeoutMs) => {
  const key = [t.name, mode, ...files.map((f) => `${f.index}:${createHash("sha256").update(f.source).digest("hex")}`)];
  const known = recorded.get(key.join(" "));
  if (known) {
    replayed++;
    return known;
  }
  ran++;
  const run = await runBatch(t, files, mode, timeoutMs);
  recorded.set(key.join(" "), run);
  return run;
};

async function guided() {
  const made: string[] = [];
  const outDir = mkdtempSync(join(tmpdir(), "ljfuzz-guided-"));
  const corpusDir = join(outDir, "campaign-corpus");
  try {
    const result = await runCampaign({
      targets: [await target("luajit-2022")],
      seed: 6,
      makeCase: (seed, index) => {
        const c = generateCase(seed, index);
        made.push(`${index} fresh ${c.source}`);
        return c;
      },
      corpus: {
        dir: corpusDir,
        share: { kind: "fixed", share: 0.5 },
        mutate: (parent, seed, donor) => {
          const m = mutateCase(parent.plan, seed, { donor, parentSource: parent.source });
          made.push(`${m.mutator} ${m.source}`);
          return m;
        },
      },
      outDir,
      caseLimit: 40,
      jobs: 1,
      shard: { index: 0, count: 1 },
      batchSize: 100,
      caseTimeoutMs: 30_000,
      runBatch: replaying,
    });
    return { made, result, files: readdirSync(corpusDir).sort() };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

describe("a guided campaign, on a real build", () => {
  it("mutates the cases it kept, and makes the same cases, keeps the same ones and finds the same for the same seed", async () => {
    const a = await guided();
    expect(a.result.progress.cases).toBe(40);
    expect(a.result.corpus.kept).toBeGreaterThan(3);
    expect(a.files).toHaveLength(2 * a.result.corpus.kept);
    // The first batch (10 cases) is fresh: nothing is kept yet; about half the other 30 are mutants.
    expect(a.result.mutation.mutants).toBeGreaterThan(5);
    expect(a.made.filter((m) => !/^\d+ fresh /.test(m))).toHaveLength(a.result.mutation.mutants);
    // PR #1028's SIGILL (luajit-2022 has it): a verdict to compare.
    expect(a.result.findings.length).toBeGreaterThan(0);
    const ranFirst = ran;
    const b = await guided();
    expect(ran).toBe(ranFirst);
    expect(replayed).toBeGreaterThanOrEqual(6);
    expect(b.made).toEqual(a.made);
    expect(b.files).toEqual(a.files);
    expect(b.result.mutation).toEqual(a.result.mutation);
    expect(b.result.coverage).toEqual(a.result.coverage);
    const essence = (r: typeof a.result) => r.findings.map((f) => [f.signature, f.firstCase, f.verdict]);
    expect(essence(b.result)).toEqual(essence(a.result));
  }, 600_000);
});
