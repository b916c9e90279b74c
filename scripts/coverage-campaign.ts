// What a campaign reaches over time: trace features and (on a +cov target)
// backend edges at the given marks, and at the end the line coverage of the
// backend's and optimizer's sources that the issue measures. The campaign
// is `ljfuzz fuzz`'s (the corpus's known bugs, +fixes builds, shrinking);
// every LuaJIT process it starts adds its gcov counts to one folder.
// With --mutation-share 0 every case is drawn fresh (generation only); by
// default a share of them are mutants of the cases that reached something
// new (guided), as in `ljfuzz fuzz`. --no-known starts from an empty start:
// every finding is new.
//   npx tsx scripts/coverage-campaign.ts --target luajit-2022+cov --time 600 --marks 60,180,600 [--seed N]
//     [--mutation-share adaptive|0..1] [--no-known] [--json] [--lines FILE]
// The machine may be shared: say so beside the numbers.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { generateCase, shrinkCase } from "../generators/index.ts";
import { type CampaignProgress, DEFAULT_BATCH_SIZE, runCampaign } from "../harness/campaign/index.ts";
import { CAMPAIGN_CORPUS_FOLDER, type SharePolicy } from "../harness/campaign-corpus/index.ts";
import { knownBugs, readCorpus } from "../harness/corpus/index.ts";
import { fileLines, gcovEnvironment, lineHits } from "../harness/coverage/index.ts";
import { ensureTarget, parseTargetSpec, withFixes } from "../harness/targets/index.ts";
import { formatFiles, measuredFiles, writeLineHits } from "./coverage-files.ts";

const options = new Command("coverage-campaign")
  .option("--target <name>", "the target (a +cov build gives edges and line coverage)", "luajit-2022+cov")
  .option("--time <seconds>", "the campaign's length", "600")
  .option("--marks <list>", "seconds at which to report features and edges", "60,180,600")
  .option("--seed <n>", "the seed", "1")
  .option("--jobs <n>", "workers", String(availableParallelism()))
  .option("--mutation-share <share>", "the share of mutants: adaptive, or 0 (generation only) to 1", "adaptive")
  .option("--no-known", "no corpus of known bugs: every finding is new")
  .option("--json", "print JSON")
  .option("--lines <file>", "write each line's count to FILE (JSON, for scripts/coverage-gap.ts)")
  .parse(process.argv)
  .opts<{
    target: string;
    time: string;
    marks: string;
    seed: string;
    jobs: string;
    mutationShare: string;
    known: boolean;
    json?: boolean;
    lines?: string;
  }>();
const share: SharePolicy =
  options.mutationShare === "adaptive" ? { kind: "adaptive" } : { kind: "fixed", share: Number(options.mutationShare) };

const spec = parseTargetSpec(options.target);
const target = await ensureTarget(spec);
const fixed = options.known ? new Map([[target.name, await ensureTarget(withFixes(spec))]]) : undefined;
const marks = options.marks.split(",").map(Number);
const outDir = mkdtempSync(join(tmpdir(), "ljfuzz-covcampaign-"));
const gcda = mkdtempSync(join(tmpdir(), "ljfuzz-covcampaign-gcda-"));
// Every process the campaign starts inherits this: its counts go to one folder.
if (spec.cov) Object.assign(process.env, gcovEnvironment(target, gcda));

interface Sample {
  readonly mark: number;
  readonly seconds: number;
  readonly cases: number;
  readonly traces: number;
  readonly features: number;
  readonly edges: number | null;
  readonly findings: number;
  /** Kept cases, and the share of mutants then. */
  readonly corpus: number;
  readonly share: number;
  /** This process's resident memory (the LuaJIT processes are apart). */
  readonly rssMiB: number;
}
const samples: Sample[] = [];
let latest: CampaignProgress | undefined;
const sample = (mark: number, p: CampaignProgress) => {
  const { seconds, cases, traces, features, edges, findings, corpus } = p;
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const share = p.mutation.share;
  samples.push({ mark, seconds: Math.round(seconds), cases, traces, features, edges, findings, corpus, share, rssMiB });
};
const result = await runCampaign({
  targets: [target],
  seed: Number(options.seed),
  makeCase: generateCase,
  corpus: { dir: join(outDir, CAMPAIGN_CORPUS_FOLDER), share },
  shrink: { candidates: shrinkCase, tests: 60, ms: 120_000, reduceMs: 60_000 },
  outDir,
  known: options.known ? knownBugs(readCorpus()) : undefined,
  fixed,
  timeLimitMs: Number(options.time) * 1000,
  jobs: Number(options.jobs),
  shard: { index: 0, count: 1 },
  batchSize: DEFAULT_BATCH_SIZE,
  caseTimeoutMs: 10_000,
  onProgress: (p) => {
    // Progress comes after each batch: a mark takes the last report before it.
    while (samples.length < marks.length && p.seconds >= marks[samples.length]! && latest)
      sample(marks[samples.length]!, latest);
    latest = p;
  },
});
while (samples.length < marks.length) sample(marks[samples.length]!, result.progress);
const hits = spec.cov ? await lineHits(target, gcda) : [];
if (options.lines) writeLineHits(options.lines, target.name, hits);
const files = spec.cov ? measuredFiles(fileLines(hits)) : [];
const findings = result.findings.map((f) => ({ signature: f.signature, known: f.known, count: f.count }));
rmSync(outDir, { recursive: true, force: true });
rmSync(gcda, { recursive: true, force: true });

const summary = {
  target: target.name,
  seed: Number(options.seed),
  jobs: Number(options.jobs),
  mutationShare: options.mutationShare,
  samples,
  mutation: result.mutation,
  files,
  findings,
};
if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  process.stdout.write(
    `${target.name}, seed ${summary.seed}, ${summary.jobs} workers, mutation share ${options.mutationShare}\n`,
  );
  process.stdout.write("  mark   cases  traces  features   edges  findings  corpus  share  rss\n");
  for (const s of samples)
    process.stdout.write(
      `  ${`${s.mark}s`.padStart(5)} ${String(s.cases).padStart(7)} ${String(s.traces).padStart(7)} ${String(s.features).padStart(9)} ${String(s.edges ?? "-").padStart(7)} ${String(s.findings).padStart(9)} ${String(s.corpus).padStart(7)} ${s.share.toFixed(2).padStart(6)}  ${s.rssMiB} MiB\n`,
    );
  const { mutants, newFromMutants, newFromFresh } = result.mutation;
  process.stdout.write(`  ${mutants} mutants run; kept: ${newFromMutants} mutants, ${newFromFresh} fresh cases\n`);
  process.stdout.write(`  ${findings.length} distinct signatures: ${findings.map((f) => f.signature).join(", ")}\n`);
  if (files.length > 0) process.stdout.write(formatFiles(files));
}
