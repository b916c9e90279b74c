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
// A differential case is two program runs (JIT on and off). All of them use
// every core, as a campaign does. Goals: single path at >= 90% of raw,
// batched >= 20x raw.
//
// The machines are shared: load comes and goes within seconds. So the
// measurements are interleaved, a slice of each in every round, and each
// rate is its runs over its time summed across the rounds: a busy spell
// slows all of them alike instead of one.
import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import pLimit from "p-limit";
import { generateCase } from "../generators/index.ts";
import { type BatchCase, runBatch } from "../harness/execution/batch.ts";
import { runMode } from "../harness/execution/luajit-run.ts";
import { runProcess } from "../harness/execution/process.ts";
import { aarch64Command, ensureTarget, parseTargetSpec, type Target } from "../harness/targets/index.ts";

const options = new Command("bench")
  .option("--target <name>", "the target", "openresty-2025")
  .option("--cases <n>", "generated cases in the workload", "240")
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

/** Program runs and seconds spent, summed over the rounds. */
interface Tally {
  runs: number;
  seconds: number;
}

/** Runs `work` over items on every core, adding runs and time to the tally. */
async function measure<T>(tally: Tally, items: readonly T[], runsPerItem: (item: T) => number, work: (item: T) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await Promise.all(items.map((item) => limit(() => work(item))));
  tally.seconds += (performance.now() - started) / 1000;
  tally.runs += items.reduce((n, item) => n + runsPerItem(item), 0);
}

function raw(tally: Tally, t: Target, runs: number): Promise<void> {
  const command = aarch64Command(t.luajit, [printOne]);
  return measure(tally, Array.from({ length: runs }), () => 1, () => runProcess(command.file, command.args, { timeoutMs: 10_000 }));
}

const mode = (path: string, jitOptions: readonly string[], on: boolean) =>
  runMode(target, path, { mode: on ? "on" : "off", jitOptions, timeoutMs: 10_000, dump: false });

// Warm up: bytecode compilation, page cache, qemu's first start.
await raw({ runs: 0, seconds: 0 }, target, jobs * 2);
await mode(printOne, ["hotloop=1"], true);

const tallies = { raw: { runs: 0, seconds: 0 }, single: { runs: 0, seconds: 0 }, trivial: { runs: 0, seconds: 0 }, batched: { runs: 0, seconds: 0 }, batchedTrivial: { runs: 0, seconds: 0 } };
// One process per core at a time, as for raw: a pair's two runs are two tasks.
const pairRuns = (path: string, jitOptions: readonly string[]) => [true, false].map((on) => () => mode(path, jitOptions, on));
const batchPair = (chunk: readonly BatchCase[]) => Promise.all([runBatch(target, chunk, "on", 120_000), runBatch(target, chunk, "off", 120_000)]);
// The same print(1) as raw, 40 per process: what batching saves, program work aside.
const trivialChunk = Array.from({ length: 40 }, (_, index) => ({ index, path: printOne, jitOptions: ["hotloop=1"] }));
// A round: one 40-case batch per core, the same cases one per process, and print(1) each way.
const perRound = 40 * jobs;
const rounds = Math.max(1, Math.ceil(cases.length / perRound));
for (let round = 0; round < rounds; round++) {
  const slice = cases.slice(round * perRound, (round + 1) * perRound);
  const chunks = Array.from({ length: Math.ceil(slice.length / 40) }, (_, i) => slice.slice(i * 40, (i + 1) * 40));
  await raw(tallies.raw, target, 30);
  await measure(tallies.trivial, Array.from({ length: 15 }).flatMap(() => pairRuns(printOne, ["hotloop=1"])), () => 1, (run) => run());
  await measure(tallies.batched, chunks, (chunk) => chunk.length * 2, batchPair);
  await measure(tallies.batchedTrivial, Array.from({ length: jobs }, () => trivialChunk), (chunk) => chunk.length * 2, batchPair);
  await measure(tallies.single, slice.flatMap((c) => pairRuns(c.path, c.jitOptions)), () => 1, (run) => run());
  await raw(tallies.raw, target, 30);
  await measure(tallies.trivial, Array.from({ length: 15 }).flatMap(() => pairRuns(printOne, ["hotloop=1"])), () => 1, (run) => run());
}
const rateOf = (t: Tally) => t.runs / t.seconds;
const [rawRate, single, trivial, batched, batchedTrivial] = [tallies.raw, tallies.single, tallies.trivial, tallies.batched, tallies.batchedTrivial].map(rateOf) as [number, number, number, number, number];
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
