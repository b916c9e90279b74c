// Does every corpus entry replay? Each entry runs N times (default 10) on
// each target where it fails, pinned to its PRNG seed; a run replays when
// its verdict, output, -jdump text, trace addresses and machine code are
// those of the first run. `--unpinned` runs without the seed, for the
// baseline (LuaJIT seeding itself from the system's entropy).
//   npx tsx scripts/replay.ts [--runs 10] [--target NAME]... [--unpinned] [--json]
import { availableParallelism } from "node:os";
import { Command } from "commander";
import pLimit from "p-limit";
import { acceptedOutcomes, type CorpusEntry, readCorpus } from "../harness/corpus/index.ts";
import {
  type ReplayAspect,
  replayDifferences,
  runDifferential,
  type TargetResult,
} from "../harness/execution/index.ts";
import { CATALOG, ensureTarget, parseTargetSpec, type Target } from "../harness/targets/index.ts";

const options = new Command("replay")
  .option("--runs <n>", "runs per entry and target", "10")
  .option("--target <name>", "only these targets (repeatable; default: every target an entry fails on)", collect)
  .option("--corpus <dir>", "the corpus folder")
  .option("--unpinned", "run without the PRNG seed (the baseline)")
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ runs: string; target?: string[]; corpus?: string; unpinned?: boolean; json?: boolean }>();

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The catalog targets an entry fails on (an expectation other than pass),
 * or those asked for; a target named with --target that the entry has no
 * expectation for is tried, and kept where its first run fails.
 */
function failingTargets(entry: CorpusEntry): string[] {
  const failing = Object.entries(entry.expect)
    .filter(([, e]) => acceptedOutcomes(e).some((o) => o.verdict !== "pass"))
    .map(([name]) => name);
  // By default the catalog targets (git: ones need a network), as regress does.
  if (options.target === undefined) return failing.filter((name) => CATALOG.some((c) => c.name === name));
  return options.target.filter((name) => failing.includes(name) || entry.expect[name] === undefined);
}

const runs = Number(options.runs);
const entries = readCorpus(options.corpus);
const targets = new Map<string, Target>();
for (const name of new Set(entries.flatMap(failingTargets))) {
  const target = await ensureTarget(parseTargetSpec(name));
  // Unpinned: the same build as one that cannot read the seed.
  targets.set(name, options.unpinned ? { ...target, replay: { kind: "random", why: "--unpinned" } } : target);
}

interface Row {
  entry: string;
  target: string;
  prngSeed: number;
  replayed: number;
  runs: number;
  differs: Partial<Record<ReplayAspect, number>>;
  verdicts: string[];
}
const limit = pLimit(Math.max(1, Math.floor(availableParallelism() / 2)));
const rows: Row[] = [];
for (const entry of entries) {
  for (const name of failingTargets(entry)) {
    const target = targets.get(name)!;
    const once = () =>
      limit(() =>
        runDifferential(target, entry.program, {
          jitOptions: entry.jitOptions,
          timeoutMs: 30_000,
          dump: true,
          prngSeed: entry.prngSeed,
        }),
      );
    const results: TargetResult[] = await Promise.all(Array.from({ length: runs }, once));
    const first = results[0]!;
    if (entry.expect[name] === undefined && first.verdict === "pass") continue;
    const row: Row = {
      entry: entry.id,
      target: name,
      prngSeed: entry.prngSeed,
      replayed: 0,
      runs,
      differs: {},
      verdicts: [...new Set(results.map((r) => `${r.verdict}${r.signal ? `/${r.signal}` : ""}`))],
    };
    for (const result of results) {
      const differs = replayDifferences(first, result);
      if (differs.length === 0) row.replayed++;
      for (const aspect of differs) row.differs[aspect] = (row.differs[aspect] ?? 0) + 1;
    }
    rows.push(row);
    if (!options.json) {
      const how = Object.entries(row.differs).map(([aspect, n]) => `${aspect} ${n}`);
      process.stdout.write(
        `${`${row.entry} ${row.target}`.padEnd(56)} ${row.replayed}/${runs} replayed${how.length > 0 ? ` (differs: ${how.join(", ")})` : ""}; ${row.verdicts.join(", ")}\n`,
      );
    }
  }
}
const all = rows.filter((r) => r.replayed === r.runs).length;
if (options.json) process.stdout.write(`${JSON.stringify({ pinned: !options.unpinned, runs, rows }, null, 2)}\n`);
else
  process.stdout.write(
    `${all} of ${rows.length} (entry, target) pairs replayed ${runs} of ${runs} times ${options.unpinned ? "unpinned" : "with their seed"}\n`,
  );
