// The nightly, run for real before it reaches GitHub: nightly:local runs every
// job of .github/workflows/nightly.yml on a 1-minute budget with the catalog
// targets, in a fresh repository whose corpus lacks PR #1028's entries (so the
// night has something new to file), and the test looks at what a user looks at
// in the morning. Today's workflow of before (fixtures/nightly-before.yml)
// must fail the same look.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../../harness/testing/fixtures.ts";
import { freshRepository } from "./fresh-repository.ts";

const CLI = join(REPO, "scripts", "nightly-local", "cli.ts");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
// Both of PR #1028's entries: with either, the campaign knows the bug.
const REMOVED = ["corpus/pr1028-ldp-negative-offset", "corpus/pr1028-ldp-never-executed"];
const REMOVED_SIGNATURE = "crash:SIGILL:illegal-word:pair-offset-smear";

interface RunJson {
  jobs: { key: string; result: string }[];
  legs: { key: string; name: string; result: string; log: string }[];
}
interface ShardSummary {
  cases: number;
  findings: { signature: string; known: string | null }[];
}

const scratch = mkdtempSync(join(tmpdir(), "ljfuzz-nightly-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function night(name: string, args: string[]) {
  const repo = freshRepository(REPO, join(scratch, name, "repo"), REMOVED);
  const out = join(scratch, name, "out");
  const run = await execa(
    TSX,
    [CLI, "--minutes", "1", "--run-id", "12", "--out", out, "--cache", join(scratch, name, "cache"), ...args],
    {
      cwd: repo,
      reject: false,
    },
  );
  return { run, out, repo };
}

const read = (path: string) => readFileSync(path, "utf8");
const json = <T>(path: string) => JSON.parse(read(path)) as T;

/** What a user looks at in the morning, and what is wrong with it. */
function morningProblems(out: string): string[] {
  const problems: string[] = [];
  const runJson = json<RunJson>(join(out, "run.json"));
  const artifacts = join(out, "artifacts");
  const rows: string[] = [];
  for (const leg of runJson.legs) {
    const shard = /shard (\d+)/.exec(leg.name)?.[1];
    if (shard === undefined) continue;
    const summary = join(artifacts, `findings-shard-${shard}`, "summary.json");
    if (!existsSync(summary) || read(summary).trim() === "") {
      problems.push(`shard ${shard} wrote no summary`);
      continue;
    }
    const s = json<ShardSummary>(summary);
    if (!(s.cases > 0)) problems.push(`shard ${shard} ran ${s.cases} cases`);
    rows.push(...(s.findings.length === 0 ? ["none"] : s.findings.map((f) => f.signature)));
  }
  const entries = join(artifacts, "corpus-new-entries");
  const created = existsSync(entries) ? readdirSync(entries) : [];
  if (created.length === 0) problems.push("the merge job created no corpus entry");
  const merge = runJson.legs.find((l) => l.key === "fuzz / merge");
  const mergeLog = merge ? read(join(out, merge.log)) : "";
  for (const id of created) {
    if (!mergeLog.includes(`reducing ${id} on `)) problems.push(`${id} was not reduced`);
    const report = join(entries, id, "report.md");
    if (!existsSync(report) || !read(report).startsWith("# ljfuzz finding ")) problems.push(`${id} has no report.md`);
  }
  const summary = existsSync(join(out, "step-summary.md")) ? read(join(out, "step-summary.md")) : "";
  const tableRows = summary.split("\n").filter((l) => /^\| \d+ \|/.test(l));
  if (tableRows.length !== rows.length || rows.length === 0)
    problems.push(`the job summary has ${tableRows.length} rows for ${rows.length} findings`);
  const regress = runJson.jobs.find((j) => j.key === "regress");
  if (regress?.result !== "success") problems.push(`the regress job: ${regress?.result ?? "did not run"}`);
  return problems;
}

describe("the nightly, run by nightly:local on a 1-minute budget", () => {
  let today: Awaited<ReturnType<typeof night>>;
  let before: Awaited<ReturnType<typeof night>>;

  beforeAll(async () => {
    today = await night("today", []);
    // Today's workflow of before: one shard is enough to show it (its five are the same),
    // with whole minutes, all its fuzz step's arithmetic takes.
    const fixture = join(REPO, "scripts/nightly-local/fixtures/nightly-before.yml");
    before = await night("before", [
      "--workflow",
      fixture,
      "--job",
      "fuzz",
      "--matrix",
      "shard=0",
      "--input",
      "minutes=1",
    ]);
  }, 1_800_000);

  it("runs every job of nightly.yml and of the fuzz.yml it calls, each successfully", () => {
    expect(today.run.exitCode, today.run.stderr).toBe(0);
    const runJson = json<RunJson>(join(today.out, "run.json"));
    expect(Object.fromEntries(runJson.jobs.map((j) => [j.key, j.result]))).toEqual({
      fuzz: "success",
      "fuzz / fuzz": "success",
      "fuzz / merge": "success",
      "pull-request": "success",
      regress: "success",
    });
    expect(runJson.legs.filter((l) => l.key.startsWith("fuzz / fuzz")).map((l) => l.name)).toEqual([
      "fuzz / fuzz shard 0 (ubuntu-24.04-arm)",
      "fuzz / fuzz shard 1 (ubuntu-24.04-arm)",
      "fuzz / fuzz shard 2 (ubuntu-24.04-arm)",
      "fuzz / fuzz shard 3 (ubuntu-24.04-arm)",
      "fuzz / fuzz shard 4 (ubuntu-24.04)",
    ]);
  });

  it("leaves a morning with nothing wrong: shard summaries, new entries reduced and reported, a row per finding, regress green", () => {
    expect(morningProblems(today.out)).toEqual([]);
    const created = readdirSync(join(today.out, "artifacts", "corpus-new-entries"));
    const signatures = created.map(
      (id) =>
        json<{ signature: string }>(join(today.out, "artifacts", "corpus-new-entries", id, "case.json")).signature,
    );
    expect(signatures).toContain(REMOVED_SIGNATURE);
    expect(
      read(join(today.out, json<RunJson>(join(today.out, "run.json")).legs.find((l) => l.key === "regress")!.log)),
    ).toMatch(/\d+ passed, 0 failed/);
  });

  it("saves the union of the shards' campaign corpora, for the next night's shards to start from", () => {
    const artifacts = join(today.out, "artifacts");
    const kept = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")) : []);
    const union = new Set(
      readdirSync(artifacts)
        .filter((n) => n.startsWith("findings-shard-"))
        .flatMap((n) => kept(join(artifacts, n, "campaign-corpus"))),
    );
    expect(union.size).toBeGreaterThan(0);
    const store = join(scratch, "today", "cache");
    const saved = readdirSync(store)
      .map((d) => ({ dir: join(store, d), ...json<{ key: string }>(join(store, d, "entry.json")) }))
      .find((e) => e.key === "ljfuzz-campaign-merged-12");
    expect(saved, "no cache entry ljfuzz-campaign-merged-12").toBeDefined();
    expect(kept(join(saved!.dir, "files", "0")).sort()).toEqual([...union].sort());
    expect(read(join(today.out, "step-summary.md"))).toMatch(
      new RegExp(`Campaign corpus merged: ${union.size} kept cases from 5 shards`),
    );
  });

  it("opens one pull request, a section per new signature, from a branch with the entries committed", async () => {
    const calls = read(join(today.out, "github-calls.txt"));
    expect(calls.match(/^gh pr create /gm)).toHaveLength(1);
    expect(calls).not.toMatch(/^gh pr edit /m);
    const created = readdirSync(join(today.out, "artifacts", "corpus-new-entries"));
    for (const id of created) expect(calls).toContain(`## \`${id}\`\n\n# ljfuzz finding `);
    const branch = await execa("git", [
      "-C",
      join(today.out, "origin.git"),
      "ls-tree",
      "-r",
      "--name-only",
      "ljfuzz/nightly-corpus",
      "corpus/",
    ]);
    for (const id of created) expect(branch.stdout).toContain(`corpus/${id}/case.lua`);
  });

  it("fails the same look with today's workflow of before: its redirect into findings/ comes before findings/ exists", () => {
    expect(morningProblems(before.out)).toContain("shard 0 wrote no summary");
    const leg = json<RunJson>(join(before.out, "run.json")).legs[0]!;
    expect(leg.result).toBe("success"); // green, and empty: what made the bug invisible
    expect(read(join(before.out, leg.log))).toMatch(/findings\/summary\.json: No such file or directory/);
  });
});
