// How long a campaign from an empty start takes to find the PR #1028 SIGILL
// on each pre-fix target, over several seeds (the median is the number that
// counts: one lucky or unlucky seed says little).
//   npx tsx scripts/time-to-bug.ts [--seeds 1,2,3,4,5] [--limit 120]
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { generateCase, shrinkCase } from "../generators/index.ts";
import { DEFAULT_BATCH_SIZE, runCampaign } from "../harness/campaign/index.ts";
import { ensureTargets, parseTargetSpec } from "../harness/targets/index.ts";

const SIGNATURE = "crash:SIGILL:illegal-word:pair-offset-smear";
const options = new Command("time-to-bug")
  .option("--seeds <list>", "seeds", "1,2,3,4,5")
  .option("--limit <seconds>", "give up on a seed after this long", "120")
  .option("--targets <list>", "targets", "openresty-2023,luajit-2022")
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ seeds: string; limit: string; targets: string; json?: boolean }>();

const targets = await ensureTargets(options.targets.split(",").map((name) => parseTargetSpec(name)));
const rows: Array<{ seed: number; seconds: Record<string, number | null>; cases: number }> = [];
for (const seed of options.seeds.split(",").map(Number)) {
  const abort = new AbortController();
  const outDir = mkdtempSync(join(tmpdir(), "ljfuzz-ttb-"));
  const result = await runCampaign({
    targets,
    seed,
    makeCase: generateCase,
    // As `ljfuzz fuzz` does by default: new findings are shrunk and reduced.
    shrink: { candidates: shrinkCase, tests: 60, ms: 120_000, reduceMs: 60_000 },
    outDir,
    timeLimitMs: Number(options.limit) * 1000,
    jobs: availableParallelism(),
    shard: { index: 0, count: 1 },
    batchSize: DEFAULT_BATCH_SIZE,
    caseTimeoutMs: 10_000,
    signal: abort.signal,
    // Stop as soon as every target has shown the bug.
    onFinding: (f) => {
      if (f.signature === SIGNATURE && targets.every((t) => f.targets.includes(t.name))) abort.abort();
    },
    onProgress: () => {},
  });
  rmSync(outDir, { recursive: true, force: true });
  const found = result.findings.find((f) => f.signature === SIGNATURE);
  const seconds = Object.fromEntries(targets.map((t) => [t.name, found?.firstSecondsByTarget[t.name] ?? null]));
  rows.push({ seed, seconds, cases: result.progress.cases });
  if (!options.json)
    console.log(
      `seed ${seed}: ${targets.map((t) => `${t.name} ${seconds[t.name] ?? "not found"} s`).join(", ")} (${result.progress.cases} cases)`,
    );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
const medians = Object.fromEntries(
  targets.map((t) => [t.name, median(rows.map((r) => r.seconds[t.name] ?? Infinity))]),
);
if (options.json) console.log(JSON.stringify({ signature: SIGNATURE, rows, medians }, null, 2));
else console.log(`median seconds to ${SIGNATURE}: ${targets.map((t) => `${t.name} ${medians[t.name]}`).join(", ")}`);
