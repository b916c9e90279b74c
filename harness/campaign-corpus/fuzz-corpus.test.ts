// The campaign corpus as a user meets it, through `ljfuzz fuzz` and `ljfuzz
// merge` on a real build: kept as the campaign runs, resumed with --corpus (a corrupt entry named, the rest loaded), kept
// through Ctrl-C, merged from shards.
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { REPO } from "../testing/fixtures.ts";
import { CAMPAIGN_CORPUS_FOLDER, readCampaignCorpus } from "./folder.ts";

const BIN = join(REPO, "bin", "ljfuzz.js");
const TARGET = "openresty-2025";

interface Summary {
  cases: number;
  traces: number;
  coverage: { features: number; corpus: number };
  corpus: { kept: number; loaded: number; dir: string; corrupt: number };
  mutation: { share: number; mutants: number; newFromMutants: number; newFromFresh: number };
  findings: Array<{ signature: string; firstCase: number }>;
}

const temp = () => mkdtempSync(join(tmpdir(), "ljfuzz-fuzz-corpus-"));
const ljfuzz = (args: string[]) => execa("node", [BIN, ...args], { reject: false, cwd: REPO });
const campaign = (out: string, more: string[]) =>
  ljfuzz(["fuzz", "-t", TARGET, "--out", out, "--json", "--jobs", "1", "--shrink", "0", "--no-known", ...more]);

/** A kept case's file name, its parent and its mutator: what the corpus says of how each case was made. */
const corpusText = (dir: string) =>
  readCampaignCorpus(dir).entries.map((e) => `${e.id} ${JSON.stringify(e.origin)} ${e.features.length}`);

describe("the campaign corpus of ljfuzz fuzz", () => {
  it("keeps the cases that reached something new as they run, mutates them, resumes from them, merges them", async () => {
    const args = ["--cases", "40", "--seed", "3", "--mutation-share", "0.5"];
    const outA = temp();
    const a = await campaign(outA, args);
    expect([ExitCode.ok, ExitCode.finding], a.stderr).toContain(a.exitCode);
    const sa = JSON.parse(a.stdout) as Summary;
    expect(sa.cases).toBe(40);
    expect(sa.corpus).toMatchObject({ loaded: 0, dir: join(outA, CAMPAIGN_CORPUS_FOLDER), corrupt: 0 });
    expect(sa.corpus.kept).toBeGreaterThan(3);
    expect(sa.coverage.corpus).toBe(sa.corpus.kept);
    // The first batch (10 cases) is fresh; of the next 30, about half are mutants.
    expect(sa.mutation.mutants).toBeGreaterThan(5);
    expect(sa.mutation.newFromMutants + sa.mutation.newFromFresh).toBe(sa.corpus.kept);
    const kept = readCampaignCorpus(join(outA, CAMPAIGN_CORPUS_FOLDER));
    expect(kept.errors).toEqual([]);
    expect(kept.entries).toHaveLength(sa.corpus.kept);
    for (const e of kept.entries) expect(e.added.length + Object.values(e.edges).length).toBeGreaterThan(0);
    expect(kept.entries.filter((e) => e.origin.kind === "mutant")).toHaveLength(sa.mutation.newFromMutants);
    // (That the same seed makes the same cases is harness/campaign/guided.test.ts's: LuaJIT's runs vary a little.)

    // Resumed with --corpus: its cases are parents at once, and what they reached is in the union from the start.
    const resumed = join(temp(), "kept");
    cpSync(join(outA, CAMPAIGN_CORPUS_FOLDER), resumed, { recursive: true });
    const broken = kept.entries[0]!.id;
    writeFileSync(join(resumed, `${broken}.json`), '{"format": "ljfuzz-campaign-case/1", "plan": ');
    const r = await campaign(temp(), ["--cases", "10", "--seed", "4", "--mutation-share", "1", "--corpus", resumed]);
    expect(r.exitCode, r.stderr).toBe(ExitCode.corruptCorpus);
    const errors = r.stderr.split("\n").filter((l) => /corrupt campaign corpus entry \//.test(l));
    expect(errors).toEqual([expect.stringContaining(join(resumed, `${broken}.json`))]);
    const sr = JSON.parse(r.stdout) as Summary;
    expect(sr.corpus).toMatchObject({ loaded: sa.corpus.kept - 1, corrupt: 1, dir: resumed });
    expect(sr.mutation.mutants).toBe(10);
    // What the loaded cases reached counts from the start (all but the corrupt one's).
    expect(sr.coverage.features).toBeGreaterThanOrEqual(sa.coverage.features - kept.entries[0]!.features.length);
    // What it kept went into the same folder.
    expect(readdirSync(resumed).filter((n) => n.endsWith(".json"))).toHaveLength(sr.corpus.kept + 1);

    // merge takes the shards' corpora too, one entry per program.
    const outB = temp();
    cpSync(outA, outB, { recursive: true });
    const merged = join(temp(), "merged");
    const m = await ljfuzz([
      "merge",
      outA,
      outB,
      "--corpus",
      join(temp(), "bugs"),
      "--campaign-corpus",
      merged,
      "--json",
    ]);
    expect(m.exitCode, m.stderr).toBe(ExitCode.ok);
    const counts = { folders: 2, added: sa.corpus.kept, present: sa.corpus.kept, corrupt: 0 };
    expect(JSON.parse(m.stdout).campaignCorpus).toMatchObject(counts);
    expect(corpusText(merged)).toEqual(corpusText(join(outA, CAMPAIGN_CORPUS_FOLDER)));
  }, 600_000);

  it("refuses a mutation share that is no share, in one line (exit 2)", async () => {
    for (const share of ["2", "-0.1", "half", ""]) {
      const r = await ljfuzz(["fuzz", "--cases", "1", "--mutation-share", share]);
      expect(r.exitCode).toBe(ExitCode.usage);
      expect(r.stderr.trim()).toBe(`ljfuzz: --mutation-share takes a number from 0 to 1 or adaptive, not '${share}'`);
    }
  });

  it("loses no kept case to Ctrl-C", async () => {
    const out = temp();
    const dir = join(out, CAMPAIGN_CORPUS_FOLDER);
    const child = execa(
      "node",
      [BIN, "fuzz", "-t", TARGET, "--time", "300", "--seed", "5", "--no-known", "--out", out],
      {
        reject: false,
        cwd: REPO,
      },
    );
    const entries = () => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")).length : 0);
    for (let i = 0; i < 2400 && entries() === 0; i++) await sleep(100);
    const before = entries();
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode).toBe(ExitCode.interrupted);
    expect(before).toBeGreaterThan(0);
    const kept = readCampaignCorpus(dir);
    expect(kept.errors).toEqual([]);
    expect(kept.entries.length).toBeGreaterThanOrEqual(before);
  }, 300_000);
});
