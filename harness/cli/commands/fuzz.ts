// `ljfuzz fuzz`: a fuzzing campaign on the configured targets.
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { generateCase, shrinkCase } from "../../../generators/index.ts";
import {
  type CampaignProgress,
  type CoverageSummary,
  DEFAULT_BATCH_SIZE,
  progressView,
  runCampaign,
  type SeedSweep,
  UNCONFIRMED_FILE,
} from "../../campaign/index.ts";
import { DEFAULT_CORPUS, type KnownMatch, knownBugs, readCorpus } from "../../corpus/index.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { DEFAULT_SWEEP_SEEDS, MAX_SWEEP_SEEDS } from "../../reproduction/index.ts";
import {
  corpusFixes,
  ensureTarget,
  ensureTargets,
  type Target,
  type TargetSpec,
  withFixes,
} from "../../targets/index.ts";
import { collect, positiveNumber, type SetExitCode, seedCount, stderrLog, targetSpecs } from "../options.ts";

interface FuzzFlags {
  target?: string[];
  seed?: string;
  time?: string;
  cases?: string;
  jobs?: string;
  out: string;
  json?: boolean;
  shard?: string;
  batch: string;
  assert?: boolean;
  timeout: string;
  shrink: string;
  reduce: string;
  known: string | false;
  seeds: string;
}

export function registerFuzz(program: Command, setExitCode: SetExitCode): void {
  program
    .command("fuzz")
    .description("run a fuzzing campaign; every new finding is written at once to --out")
    .option("-t, --target <name>", "a target (repeatable; default: every catalog target)", collect)
    .option("--seed <n>", "the seed (default: from the clock, printed)")
    .option("--time <seconds>", "stop after this long")
    .option("--cases <n>", "stop after this many cases")
    .option("--jobs <n>", "parallel workers (default: the number of cores)")
    .option("--out <dir>", "where reproducer bundles go", "findings")
    .option("--shard <i/n>", "take shard i of n of the seed's cases (0-based), so n machines never repeat each other")
    .option("--batch <n>", "cases per LuaJIT process", String(DEFAULT_BATCH_SIZE))
    .option("--timeout <seconds>", "kill a confirmation run after this long", "10")
    .option(
      "--seeds <n>",
      "a suspect that passes alone at its own seed is tried at N more (0: its own only)",
      String(DEFAULT_SWEEP_SEEDS),
    )
    .option("--shrink <n>", "shrink each new finding with up to N test runs (0: keep cases as found)", "60")
    .option("--reduce <seconds>", "then reduce it as Lua text for at most this long (0: skip)", "60")
    .option(
      "--known <dir>",
      "corpus of known bugs: their hits are counted and kept, not reported as new",
      DEFAULT_CORPUS,
    )
    .option("--no-known", "report every finding as new")
    .option("--assert", "use the +assert build of each target")
    .option("--json", "print one summary object at the end instead of progress")
    .action(async (flags: FuzzFlags) => {
      const seed = flags.seed === undefined ? Date.now() % 2 ** 31 : parseSeed(flags.seed);
      const shard = parseShard(flags.shard);
      const timeLimit = flags.time === undefined ? undefined : positiveNumber("--time", flags.time, 60) * 1000;
      const caseLimit = flags.cases === undefined ? undefined : Math.floor(positiveNumber("--cases", flags.cases, 100));
      const jobs = Math.floor(positiveNumber("--jobs", flags.jobs, availableParallelism()));
      const batchSize = Math.floor(positiveNumber("--batch", flags.batch, DEFAULT_BATCH_SIZE));
      const caseTimeoutMs = positiveNumber("--timeout", flags.timeout, 10) * 1000;
      const shrinkTests = flags.shrink === "0" ? 0 : Math.floor(positiveNumber("--shrink", flags.shrink, 60));
      const reduceMs = flags.reduce === "0" ? 0 : positiveNumber("--reduce", flags.reduce, 60) * 1000;
      const sweepSeeds = seedCount("--seeds", flags.seeds, 0, MAX_SWEEP_SEEDS);
      // Read up front: a corrupt corpus is an error before any work, not after it.
      const known = flags.known === false ? undefined : knownBugs(readCorpus(flags.known));
      const specs = targetSpecs(flags.target, flags.assert === true);
      const targets = await ensureTargets(specs, { log: stderrLog });
      // Each target built with the repository corpus's fixes too (what +fixes
      // means), to tell its known bugs by their fix; not for another corpus.
      const fixed =
        flags.known !== false && resolve(flags.known) === resolve(DEFAULT_CORPUS)
          ? await fixedBuilds(specs)
          : undefined;
      const outDir = resolve(flags.out);

      const quiet = flags.json === true;
      if (!quiet)
        stderrLog(
          `seed ${seed}${flags.shard ? `, shard ${flags.shard}` : ""}, targets ${targets.map((t) => t.name).join(", ")}, findings in ${outDir}`,
        );
      const view = progressView({
        quiet,
        total: caseLimit ?? (timeLimit ? timeLimit / 1000 : undefined),
        unit: caseLimit ? "cases" : "seconds",
      });
      const abort = new AbortController();
      let latest: CampaignProgress | undefined;
      const signaturesSoFar = new Set<string>();
      // Ctrl-C: every finding is on disk already; say where, and go.
      const onInterrupt = () => {
        abort.abort();
        view.stop();
        process.stderr.write(
          `\nljfuzz: interrupted after ${latest?.cases ?? 0} cases; ${signaturesSoFar.size} finding(s) kept in ${outDir}\n`,
        );
        process.exit(ExitCode.interrupted);
      };
      process.once("SIGINT", onInterrupt);
      process.once("SIGTERM", onInterrupt);
      try {
        const result = await runCampaign({
          targets,
          seed,
          makeCase: generateCase,
          shrink: { candidates: shrinkCase, tests: shrinkTests, ms: 120_000, reduceMs },
          outDir,
          known,
          fixed,
          timeLimitMs: timeLimit,
          caseLimit,
          jobs,
          shard,
          batchSize,
          caseTimeoutMs,
          sweepSeeds,
          signal: abort.signal,
          onProgress: (p) => {
            latest = p;
            view.update(p);
          },
          // Once, when found (the final table has the rest): again when it shows on another target would only repeat it.
          onFinding: (f) => {
            if (signaturesSoFar.has(f.signature)) return;
            signaturesSoFar.add(f.signature);
            const what = f.known ? `known bug (corpus ${f.known}${KNOWN_BY[f.knownBy ?? "signature"]})` : "new finding";
            view.note(
              `${what} ${f.signature} on ${f.targets.join(", ")} at case ${f.firstCase} (${f.firstSeconds} s${seedsText(f.seeds)}): ${f.bundle}`,
            );
          },
        });
        view.stop();
        const summary = {
          seed,
          shard: flags.shard ?? null,
          cases: result.progress.cases,
          seconds: Math.round(result.progress.seconds * 10) / 10,
          traces: result.progress.traces,
          pairs: result.progress.pairs,
          words: result.progress.words,
          unmodeled: result.progress.unmodeled,
          suspects: result.progress.suspects,
          unconfirmed: result.progress.unconfirmed,
          unconfirmedCases: result.unconfirmed,
          invalid: result.progress.invalid,
          invalidCases: result.invalid,
          coverage: result.coverage,
          findings: result.findings,
        };
        const fresh = result.findings.filter((f) => f.known === null);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        } else {
          const knownCount = result.findings.length - fresh.length;
          process.stdout.write(
            `${summary.cases} cases in ${summary.seconds} s, ${summary.traces} traces, ${summary.pairs} pairs fused, ${summary.words} words checked (${summary.unmodeled} outside the oracle's model), ${reachedText(result.coverage)}, ${fresh.length} new finding(s)${knownCount > 0 ? `, ${knownCount} known bug(s) hit` : ""}\n`,
          );
          if (summary.invalid > 0) {
            // The generator's bug, not LuaJIT's: said, but not a finding.
            const first = result.invalid[0]!;
            process.stdout.write(
              `  ${summary.invalid} wrong result(s) from programs that break the generator's rules (ljfuzz's bug, not LuaJIT's), first case ${first.caseIndex} on ${first.target}: ${first.rule}\n`,
            );
          }
          if (summary.unconfirmed > 0)
            process.stdout.write(
              `  ${summary.unconfirmed} suspect(s) differed in a batch but passed alone at every seed; their batch and solo outputs are in ${join(outDir, UNCONFIRMED_FILE)}\n`,
            );
          for (const f of summary.findings) {
            const tag = f.known ? `known: corpus/${f.known}${KNOWN_BY[f.knownBy ?? "signature"]}` : "NEW";
            process.stdout.write(
              `  ${f.signature}  ×${f.count}  ${f.targets.join(",")}  first at case ${f.firstCase} (${f.firstSeconds} s)  ${tag}  ${f.bundle}\n`,
            );
          }
        }
        // Exit 1 means something new to look at; hits of known bugs alone are not.
        setExitCode(fresh.length > 0 ? ExitCode.finding : ExitCode.ok);
      } finally {
        process.removeListener("SIGINT", onInterrupt);
        process.removeListener("SIGTERM", onInterrupt);
      }
    });
}

/** Where the case failed alone: at its own seed, or at some seeds of the sweep. */
function seedsText(seeds: SeedSweep | undefined): string {
  if (!seeds) return "";
  if (seeds.failing[0] === seeds.own) return `, seed ${seeds.own}`;
  const swept = seeds.tried.length - 1;
  return `, passes at its own seed ${seeds.own}, fails at ${seeds.failing.length} of ${swept} more: ${seeds.failing.join(", ")}`;
}

/** "1234 trace features" and, with +cov targets, the edges of each. */
function reachedText(coverage: CoverageSummary): string {
  const edges = Object.entries(coverage.edges ?? {}).map(([t, n]) => `, ${n} edges on ${t}`);
  return `${coverage.features} trace features${edges.join("")}`;
}

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text)) throw new LjfuzzError(ExitCode.usage, `--seed takes a whole number, not '${text}'`);
  return Number(text) % 2 ** 31;
}

function parseShard(text: string | undefined): { index: number; count: number } {
  if (text === undefined) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new LjfuzzError(ExitCode.usage, `--shard takes I/N with 0 <= I < N, not '${text}'`);
  return { index, count };
}

/** How a known bug was recognized, as the text output says it. */
const KNOWN_BY: Readonly<Record<KnownMatch["by"], string>> = {
  signature: "",
  fix: ", its fix.patch fixes it",
  optimizations: ", probably: the same optimizations hide it",
};

/** The `+fixes` build of each target that can have one, when the repository corpus holds fixes. */
async function fixedBuilds(specs: readonly TargetSpec[]): Promise<Map<string, Target> | undefined> {
  if (corpusFixes().length === 0) return undefined;
  const fixed = new Map<string, Target>();
  for (const spec of specs) {
    if (spec.source.kind === "bin" || spec.fixes) continue;
    fixed.set(spec.name, await ensureTarget(withFixes(spec), { log: stderrLog }));
  }
  return fixed;
}
