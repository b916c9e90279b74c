// nightly:local on small workflows of a scratch repository (no LuaJIT, no npm):
// what it refuses, Ctrl-C, and the runner's files and caches between nights.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../../harness/testing/fixtures.ts";

const CLI = join(REPO, "scripts", "nightly-local", "cli.ts");
const TSX = join(REPO, "node_modules", ".bin", "tsx");
const scratch = mkdtempSync(join(tmpdir(), "ljfuzz-nightly-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
function repository(workflow: string): string {
  const repo = join(scratch, `repo-${count++}`);
  mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
  writeFileSync(join(repo, ".github", "workflows", "w.yml"), workflow);
  writeFileSync(join(repo, "data.txt"), "some data\n");
  return repo;
}

async function commit(repo: string) {
  const git = (...args: string[]) =>
    execa("git", ["-c", "user.name=t", "-c", "user.email=t@ljfuzz.invalid", ...args], { cwd: repo });
  await git("init", "-q", "-b", "main");
  await git("add", "-A");
  await git("commit", "-qm", "w");
}

async function local(repo: string, ...args: string[]) {
  await commit(repo).catch(() => undefined);
  const out = join(repo, "out");
  const run = await execa(
    TSX,
    [CLI, "--workflow", ".github/workflows/w.yml", "--out", out, "--cache", join(repo, "cache"), ...args],
    {
      cwd: repo,
      reject: false,
    },
  );
  return { run, out };
}

const job = (steps: string) => `on: workflow_dispatch\njobs:\n  one:\n    runs-on: ubuntu-24.04\n    steps:\n${steps}`;

describe("nightly:local", () => {
  it("refuses an action it has no stand-in for, in one line naming the job and the step, exit 2", async () => {
    const { run } = await local(
      repository(job("      - run: echo first\n      - name: Publish\n        uses: someone/publish@v1\n")),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      'nightly:local: job "one" step "Publish": uses: someone/publish@v1 has no local stand-in',
    );
  });

  it("refuses an expression it cannot evaluate, naming the job and the step, exit 2", async () => {
    const { run } = await local(
      repository(job("      - name: Parse\n        run: echo ${{ fromJSON('not json') }}\n")),
    );
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(
      /^nightly:local: job "one" step "Parse": cannot evaluate \$\{\{ fromJSON\('not json'\) \}\}/m,
    );
  });

  it("gives steps GitHub's files and variables, and a cache saved at a miss that the next night restores", async () => {
    const repo = repository(
      job(`      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        id: cache
        with:
          path: kept
          key: kept-\${{ github.run_id }}
          restore-keys: kept-
      - id: first
        run: |
          echo "restored: \${{ steps.cache.outputs.cache-hit }} $(cat kept/night 2>/dev/null || echo none)"
          mkdir -p kept bin && echo "\${{ github.run_id }}" > kept/night
          printf '#!/bin/sh\\necho tool ran\\n' > bin/tool && chmod +x bin/tool
          echo "$PWD/bin" >> "$GITHUB_PATH"
          echo "LATER=from GITHUB_ENV" >> "$GITHUB_ENV"
          { echo "text<<END"; echo "two"; echo "lines"; echo "END"; } >> "$GITHUB_OUTPUT"
          echo "| summary row |" >> "$GITHUB_STEP_SUMMARY"
      - run: |
          tool
          echo "$LATER; \${{ steps.first.outputs.text }}; $GITHUB_WORKSPACE/data.txt: $(cat data.txt)"
`),
    );
    const first = await local(repo, "--run-id", "1");
    expect(first.run.exitCode, first.run.stderr).toBe(0);
    const log = (out: string) => readFileSync(join(out, "logs", "one.log"), "utf8");
    expect(log(first.out)).toContain("restored: false none");
    expect(log(first.out)).toContain("tool ran\nfrom GITHUB_ENV; two\nlines; ");
    expect(log(first.out)).toContain("data.txt: some data");
    expect(log(first.out)).toContain("cache saved as kept-1");
    expect(readFileSync(join(first.out, "step-summary.md"), "utf8")).toContain("| summary row |");
    const second = await local(repo, "--run-id", "2");
    expect(log(second.out)).toContain("cache restored from key kept-1");
    expect(log(second.out)).toContain("restored: false 1");
  });

  it("stops at Ctrl-C with exit 130, keeping the log of what ran", async () => {
    const repo = repository(job("      - run: echo started; sleep 60\n      - run: echo never\n"));
    await commit(repo);
    const out = join(repo, "out");
    const child = execa(
      TSX,
      [CLI, "--workflow", ".github/workflows/w.yml", "--out", out, "--cache", join(repo, "cache")],
      {
        cwd: repo,
        reject: false,
      },
    );
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        if (readFileSync(join(out, "logs", "one.log"), "utf8").includes("started")) break;
      } catch {
        // not yet
      }
    }
    child.kill("SIGINT");
    const run = await child;
    expect(run.exitCode).toBe(130);
    const log = readFileSync(join(out, "logs", "one.log"), "utf8");
    expect(log).toContain("started");
    expect(log).not.toContain("never\n");
  });
});
