// npm run nightly:local -- [--workflow FILE] [--minutes M] [--target SPEC]… [--out DIR]
// Runs a workflow's jobs on this machine the way GitHub's runners would, and
// leaves what a user looks at in the morning under --out: each job's log,
// step-summary.md, artifacts/NAME/, and the GitHub calls it would have made.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { CATALOG } from "../../harness/targets/index.ts";
import { hostLjfuzzCache, standIn } from "./actions.ts";
import { githubContext } from "./contexts.ts";
import { type Engine, hashFilesFunction, inputsFor, type LegRecord, runWorkflow } from "./engine.ts";
import { GitTargetStandIns } from "./git-targets.ts";
import { LocalRunError, type Site } from "./job.ts";
import { expandMatrix } from "./matrix.ts";
import type { Result } from "./status.ts";
import { killGroup, running as runningSteps } from "./step-process.ts";
import { evaluateToken } from "./template.ts";
import { isMapping, type Value } from "./value.ts";
import { readWorkflow, WorkflowInvalid, type WorkflowSpec } from "./workflow.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

interface Flags {
  workflow: string;
  minutes: string;
  target?: string[];
  input?: string[];
  job?: string[];
  matrix?: string[];
  out: string;
  cache: string;
  runId?: string;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The CPUs this process may use: one runner each. */
function allowedCpus(): number[] {
  try {
    const line = /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? "";
    const cpus = line.split(",").flatMap((part) => {
      const [a, b] = part.split("-").map(Number);
      return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
    });
    if (cpus.length > 0 && cpus.every(Number.isInteger)) return cpus;
  } catch {
    // not Linux: no pinning
  }
  return Array.from({ length: availableParallelism() }, (_, i) => i);
}

/** Before anything runs: every `uses:` has a stand-in, every called workflow is this repository's. */
async function checkActions(workflow: WorkflowSpec, load: (path: string) => Promise<WorkflowSpec>): Promise<void> {
  for (const job of workflow.jobs) {
    if (job.uses !== undefined) {
      if (!job.uses.startsWith("./"))
        throw new LocalRunError(
          `job "${job.id}": uses: ${job.uses}: only a workflow of this repository can be called here`,
        );
      await checkActions(await load(job.uses), load);
    }
    for (const step of job.steps)
      if (step.uses !== undefined && !standIn(step.uses))
        throw new LocalRunError(`job "${job.id}" step "${step.label}": uses: ${step.uses} has no local stand-in`);
  }
}

/** The most legs one matrix has in the workflow or a workflow it calls (1 when it cannot tell beforehand). */
async function largestMatrix(workflow: WorkflowSpec, load: (path: string) => Promise<WorkflowSpec>): Promise<number> {
  let most = 1;
  for (const job of workflow.jobs) {
    if (job.uses?.startsWith("./")) most = Math.max(most, await largestMatrix(await load(job.uses), load));
    if (!job.strategy) continue;
    try {
      const strategy = evaluateToken(job.strategy, { contexts: {}, functions: {} });
      if (isMapping(strategy)) most = Math.max(most, expandMatrix(strategy.matrix).length);
    } catch {
      // a matrix made from inputs or needs: not known before the run
    }
  }
  return most;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command("nightly:local")
    .description("run a GitHub workflow's jobs on this machine, as GitHub's runners would")
    .option("--workflow <file>", "the workflow", ".github/workflows/nightly.yml")
    .option("--minutes <m>", "the night's budget: shards in turns on the cores here, then reducing", "5")
    .option(
      "--target <spec>",
      "a LuaJIT target: the `targets` input, and what stands in for git: targets (repeatable; default: the catalog targets)",
      collect,
    )
    .option("--input <name=value>", "a workflow_dispatch input (repeatable)", collect)
    .option("--job <id>", "only this job and the jobs it needs (repeatable)", collect)
    .option("--matrix <key=value>", "only the matrix legs with this value (repeatable)", collect)
    .option("--out <dir>", "where logs, step-summary.md and artifacts/ go", ".ljfuzz/nightly")
    .option("--cache <dir>", "where actions/cache keeps what it saves, from night to night", ".ljfuzz/nightly-cache")
    .option("--run-id <n>", "github.run_id, the nightly's seed (default: from the clock)")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code === 0 ? EXIT.ok : EXIT.usage;
  }
  const flags = program.opts<Flags>();
  const minutes = Number(flags.minutes);
  if (!(minutes > 0)) throw new InvalidArgumentError(`--minutes must be a positive number, not ${flags.minutes}`);
  const repoRoot = git(process.cwd(), "rev-parse", "--show-toplevel");
  const workflowPath = resolve(flags.workflow);
  if (!existsSync(workflowPath)) throw new LocalRunError(`--workflow ${flags.workflow}: no such file`);
  const load = (path: string) => readWorkflow(path, readFileSync(resolve(repoRoot, path), "utf8"));
  const workflow = await readWorkflow(relative(repoRoot, workflowPath), readFileSync(workflowPath, "utf8"));
  await checkActions(workflow, load);
  const targets = flags.target ?? CATALOG.map((entry) => entry.name);
  const cpus = allowedCpus();

  // The night's budget: the largest matrix runs in turns of one leg per CPU,
  // then the jobs after it reduce for as long as one turn.
  const turns = Math.ceil((await largestMatrix(workflow, load)) / cpus.length);
  const given: Record<string, Value> = {};
  if ("minutes" in workflow.dispatchInputs) given.minutes = String(Math.floor((minutes / (turns + 1)) * 100) / 100);
  if ("targets" in workflow.dispatchInputs) given.targets = targets.join(" ");
  for (const pair of flags.input ?? []) {
    const [name, value] = pairOf("--input", pair);
    given[name] = value;
  }
  const inputs = inputsFor(workflow.dispatchInputs, given, "--input");
  const legs = Object.fromEntries((flags.matrix ?? []).map((pair) => pairOf("--matrix", pair)));

  const out = resolve(flags.out);
  for (const old of ["logs", "artifacts", "work", "origin.git", "step-summary.md", "github-calls.txt", "run.json"])
    rmSync(join(out, old), { recursive: true, force: true });
  const logs = join(out, "logs");
  const artifacts = join(out, "artifacts");
  for (const d of [logs, artifacts]) mkdirSync(d, { recursive: true });
  const origin = join(out, "origin.git");
  git(repoRoot, "clone", "--quiet", "--bare", repoRoot, origin);
  const githubLog = join(out, "github-calls.txt");
  writeFileSync(githubLog, "");
  const eventPath = join(out, "event.json");
  writeFileSync(eventPath, JSON.stringify({ inputs }, null, 2));
  const sha = git(repoRoot, "rev-parse", "HEAD");
  let refName = "main";
  try {
    refName = git(repoRoot, "symbolic-ref", "--short", "HEAD");
  } catch {
    // detached: as a run on main
  }

  let interrupted = false;
  const gitTargets = new GitTargetStandIns(targets);
  const site: Site = {
    facts: {
      repository: `local/${repoRoot.split("/").at(-1)}`,
      sha,
      refName,
      runId: flags.runId ?? String(Date.now()),
      workflow: workflow.name,
      eventPath,
      inputs,
    },
    origin,
    work: join(out, "work"),
    logs,
    artifacts,
    cacheStore: resolve(flags.cache),
    cacheSeeds: { "~/.cache/ljfuzz": hostLjfuzzCache() },
    npmCache: process.env.npm_config_cache || join(homedir(), ".npm"),
    standInPath: join(HERE, "bin"),
    githubLog,
    gitTargets,
    functions: (workspace) => ({ hashfiles: hashFilesFunction(workspace) }),
    isCancelled: () => interrupted,
  };
  const say = (line: string) => process.stderr.write(`nightly:local: ${line}\n`);
  const records: LegRecord[] = [];
  const jobs: { key: string; result: Result }[] = [];
  const writeSummary = () => {
    const sorted = [...records].sort((a, b) => compareOrder(a.order, b.order));
    const text = sorted
      .filter((r) => r.outcome.summary.trim() !== "")
      .map((r) => `<!-- job: ${r.name} -->\n${r.outcome.summary.trimEnd()}\n`)
      .join("\n");
    writeFileSync(join(out, "step-summary.md"), text);
    const legs = sorted.map((r) => ({
      key: r.key,
      name: r.name,
      result: r.outcome.result,
      log: relative(out, r.outcome.log),
    }));
    writeFileSync(
      join(out, "run.json"),
      `${JSON.stringify({ workflow: workflow.file, inputs, jobs, legs }, null, 2)}\n`,
    );
  };
  const engine: Engine = {
    site,
    cpus,
    loadWorkflow: load,
    log: say,
    only: flags.job,
    legs,
    onJob: (key, result) => {
      jobs.push({ key, result });
      say(`${key}: ${result}`);
    },
    onLeg: (record) => {
      records.push(record);
      say(`${record.name}: ${record.outcome.result} (log: ${relative(process.cwd(), record.outcome.log)})`);
      writeSummary();
    },
  };
  const onInterrupt = () => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    say("interrupted: ending the running steps; what ran is kept");
    for (const pid of runningSteps) killGroup(pid, "SIGINT");
    setTimeout(() => {
      for (const pid of runningSteps) killGroup(pid, "SIGKILL");
    }, 5000).unref();
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  say(`${workflow.file} on ${cpus.length} CPUs, one job each, ${turns} turns; inputs ${JSON.stringify(inputs)}`);
  const root = { workflow, prefix: "", inputs, env: {} as Record<string, string> };
  const env = workflow.env
    ? evaluateToken(workflow.env, {
        contexts: {
          github: githubContext(site.facts, { jobId: "", workspace: "", home: "", temp: "" }),
          inputs,
          vars: {},
          secrets: {},
        },
        functions: {},
      })
    : {};
  root.env = Object.fromEntries(
    Object.entries(isMapping(env) ? env : {}).map(([k, v]) => [k, gitTargets.replace(String(v))]),
  );
  for (const [spec, target] of gitTargets.replacements) say(`${spec} stands in as ${target} (no network here)`);
  try {
    const result = await runWorkflow(engine, root);
    writeSummary();
    const calls = readFileSync(githubLog, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("gh "));
    for (const call of calls) say(`would call GitHub: ${call}`);
    say(`${result}: ${relative(process.cwd(), join(out, "step-summary.md"))}, ${relative(process.cwd(), artifacts)}/`);
    if (interrupted) return EXIT.interrupted;
    return result === "failure" || result === "cancelled" ? EXIT.failed : EXIT.ok;
  } finally {
    rmSync(site.work, { recursive: true, force: true });
  }
}

function pairOf(option: string, pair: string): [string, string] {
  const eq = pair.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`${option} ${pair}: expected NAME=VALUE`);
  return [pair.slice(0, eq), pair.slice(eq + 1)];
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof LocalRunError || error instanceof WorkflowInvalid || error instanceof InvalidArgumentError;
    process.stderr.write(`nightly:local: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(known ? EXIT.usage : EXIT.failed);
  },
);
