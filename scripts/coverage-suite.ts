// Line coverage of the backend's and optimizer's sources by LuaJIT's own
// test suite (LuaJIT-test-cleanup, its runner test/test.lua), run once on a
// +cov build: the baseline issue 14 sets campaigns against.
//   npx tsx scripts/coverage-suite.ts --suite ../shared/upstream/luajit-test-cleanup-014708b.tar.gz [--target luajit-2022+cov] [--json] [--lines FILE]
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { execa } from "execa";
import { fileLines, gcovEnvironment, lineHits } from "../harness/coverage/index.ts";
import { runProcess } from "../harness/execution/index.ts";
import { aarch64Command, ensureTarget, parseTargetSpec } from "../harness/targets/index.ts";
import { formatFiles, measuredFiles, writeLineHits } from "./coverage-files.ts";

const options = new Command("coverage-suite")
  .requiredOption("--suite <tarball>", "LuaJIT-test-cleanup as a .tar.gz")
  .option("--target <name>", "a +cov target", "luajit-2022+cov")
  .option("--json", "print JSON")
  .option("--lines <file>", "write each line's count to FILE (JSON, for scripts/coverage-gap.ts)")
  .parse(process.argv)
  .opts<{ suite: string; target: string; json?: boolean; lines?: string }>();

const target = await ensureTarget(parseTargetSpec(options.target, { cov: true }));
const work = mkdtempSync(join(tmpdir(), "ljfuzz-suite-"));
const gcda = mkdtempSync(join(tmpdir(), "ljfuzz-suite-gcda-"));
try {
  await execa("tar", ["xzf", options.suite, "-C", work]);
  const top = readdirSync(work).map((name) => join(work, name, "test"));
  const testDir = top.find((dir) => existsSync(join(dir, "test.lua")));
  if (!testDir) throw new Error(`${options.suite} has no test/test.lua`);
  // The suite's own runner, with its own defaults (the JIT on, LuaJIT's default options), in one process.
  const command = aarch64Command(target.luajit, ["test.lua"]);
  const outcome = await runProcess(command.file, command.args, {
    cwd: testDir,
    env: gcovEnvironment(target, gcda),
    timeoutMs: 30 * 60_000,
  });
  const tally = /(\d+) passed, (\d+) failed/.exec(outcome.stdout + outcome.stderr);
  const hits = await lineHits(target, gcda);
  if (options.lines) writeLineHits(options.lines, target.name, hits);
  const files = measuredFiles(fileLines(hits));
  const summary = {
    target: target.name,
    passed: Number(tally?.[1] ?? 0),
    failed: Number(tally?.[2] ?? 0),
    seconds: Math.round(outcome.durationMs / 100) / 10,
    files,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else
    process.stdout.write(
      `${summary.target}: LuaJIT's test suite, ${summary.passed} passed, ${summary.failed} failed, ${summary.seconds} s\n${formatFiles(files)}`,
    );
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(gcda, { recursive: true, force: true });
}
