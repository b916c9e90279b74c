// npm run bench [-- --json] [--target NAME] [--cases N]
//
// Program runs per second on one target, measured in one run on this
// machine, so the ratios hold whatever the machine's speed or load:
//   raw      LuaJIT alone running print(1), one process per run: the floor
//            cost of starting LuaJIT (under qemu on x86-64)
//   single   ljfuzz running generated cases one per process (JIT on with the
//            probe, and JIT off): what confirmation runs cost
//   trivial  ljfuzz's one-per-process path on print(1): its own overhead,
//            the same work as raw
//   batched  ljfuzz screening the same generated cases many per process
//            (and print(1) many per process: what batching saves, program work aside)
// A differential case is two program runs (JIT on and off). All three use
// every core, as a campaign does. Goals: single path at >= 90% of raw,
// batched >= 20x raw.
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import pLimit from "p-limit";
import { generateCase } from "../generators/index.ts";
import { runBatch } from "../harness/execution/batch.ts";
import { runMode } from "../harness/execution/luajit-run.ts";
import { runProcess } from "../harness/execution/process.ts";
import { aarch64Command, ensureTarget, parseTargetSpec, type Target } from "../harness/targets/index.ts";

const options = new Command("bench")
  .option("--target <name>", "the target", "openresty-2025")
  .option("--cases <n>", "generated cases in the workload", "120")
  .option("--seed <n>", "seed of the workload", "1")
  .option("--json", "print { raw, single, trivial, batched } in runs/s, and the ratios")
  .parse(process.argv)
  .opts<{ target: string; cases: string; seed: string; json?: boolean }>();

const jobs = availableParallelism();
const limit = pLimit(jobs);
const target = await ensureTarget(parseTargetSpec(options.target));
const dir = mkdtempSync(join(tmpdir(), "ljfuzz-bench-"));
const printOne = join(dir, "print1.lua");
writeFileSync(printOne, "print(1)\n");
const cases = Array.from({ length: Number(options.cases) }, (_, index) => {
  const generated = generateCase(Number(options.seed), index);
  const path = join(dir, `case-${index}.lua`);
  writeFileSync(path, generated.source);
  return { index, path, jitOptions: generated.jitOptions };
});

/** Runs `work` over items on every core; returns runs per second. */
async function rate<T>(items: readonly T[], runsPerItem: (item: T) => number, work: (item: T) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await Promise.all(items.map((item) => limit(() => work(item))));
  const seconds = (performance.now() - started) / 1000;
  return items.reduce((n, item) => n + runsPerItem(item), 0) / seconds;
}

async function raw(t: Target, runs: number): Promise<number> {
  const command = aarch64Command(t.luajit, [printOne]);
  return rate(Array.from({ length: runs }), () => 1, () => runProcess(command.file, command.args, { timeoutMs: 10_000 }));
}

const mode = (path: string, jitOptions: readonly string[], on: boolean) =>
  runMode(target, path, { mode: on ? "on" : "off", jitOptions, timeoutMs: 10_000, dump: false });

// Warm up: bytecode compilation, page cache, qemu's first start.
await raw(target, jobs * 2);
await mode(printOne, ["hotloop=1"], true);

const rawBefore = await raw(target, 100);
const single = await rate(cases, () => 2, (c) => Promise.all([mode(c.path, c.jitOptions, true), mode(c.path, c.jitOptions, false)]));
const trivial = await rate(Array.from({ length: 50 }), () => 2, () => Promise.all([mode(printOne, ["hotloop=1"], true), mode(printOne, ["hotloop=1"], false)]));
const chunks: (typeof cases)[] = [];
for (let i = 0; i < cases.length; i += 40) chunks.push(cases.slice(i, i + 40));
const batched = await rate(chunks, (chunk) => chunk.length * 2, (chunk) => Promise.all([runBatch(target, chunk, "on", 120_000), runBatch(target, chunk, "off", 120_000)]));
// The same print(1) as raw, 40 per process: what batching saves, program work aside.
const trivialCases = Array.from({ length: 400 }, (_, index) => ({ index, path: printOne, jitOptions: ["hotloop=1"] }));
const trivialChunks: (typeof trivialCases)[] = [];
for (let i = 0; i < trivialCases.length; i += 40) trivialChunks.push(trivialCases.slice(i, i + 40));
const batchedTrivial = await rate(trivialChunks, (chunk) => chunk.length * 2, (chunk) => Promise.all([runBatch(target, chunk, "on", 120_000), runBatch(target, chunk, "off", 120_000)]));
const rawAfter = await raw(target, 100);

const rawRate = (rawBefore + rawAfter) / 2;
const result = {
  target: target.name,
  cores: jobs,
  cases: cases.length,
  raw: round(rawRate),
  single: round(single),
  trivial: round(trivial),
  batched: round(batched),
  batchedTrivial: round(batchedTrivial),
  ratios: {
    single: round(single / rawRate, 2),
    trivial: round(trivial / rawRate, 2),
    batched: round(batched / rawRate, 2),
    batchedTrivial: round(batchedTrivial / rawRate, 2),
  },
  goals: { single: 0.9, batched: 20 },
};
if (options.json) {
  process.stdout.write(JSON.stringify(result, null, 2) + "\n");
} else {
  process.stdout.write(
    [
      `target ${result.target}, ${result.cores} cores, ${result.cases} generated cases (program runs per second)`,
      `raw      ${result.raw}/s   LuaJIT alone, print(1), one process per run`,
      `single   ${result.single}/s   ljfuzz, generated cases, one per process   ${result.ratios.single}x raw`,
      `trivial  ${result.trivial}/s   ljfuzz, print(1), one per process          ${result.ratios.trivial}x raw (goal >= 0.9)`,
      `batched  ${result.batched}/s   ljfuzz, generated cases, 40 per process    ${result.ratios.batched}x raw (goal >= 20)`,
      `batched  ${result.batchedTrivial}/s   ljfuzz, print(1), 40 per process           ${result.ratios.batchedTrivial}x raw`,
      "",
    ].join("\n"),
  );
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
