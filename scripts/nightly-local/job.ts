// One job (one matrix leg) on this machine, as a runner runs it: a fresh
// workspace and home, the steps in order, each `if:` against the job's status
// so far, `run:` through the shell GitHub would use, `uses:` by stand-ins, the
// command files read after each step, and the post steps at the end.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type ActionResult, type ActionSite, NoStandIn, standIn } from "./actions.ts";
import { githubContext, type RunFacts, runnerContext, runnerEnvironment } from "./contexts.ts";
import { ExpressionFailure, evaluate, type RunnerFunction, type Scope } from "./expressions.ts";
import type { GitTargetStandIns } from "./git-targets.ts";
import { type Result, stepStatus } from "./status.ts";
import { parseCommandFile, parsePathFile } from "./step-files.ts";
import { runStepProcess } from "./step-process.ts";
import { evaluateStrings, evaluateToken } from "./template.ts";
import { asString, type Mapping, truthy, type Value } from "./value.ts";
import type { JobSpec, StepSpec } from "./workflow.ts";

/** The local run cannot go on: an action without a stand-in, an expression it cannot evaluate. */
export class LocalRunError extends Error {}

export interface Leg {
  readonly key: string;
  readonly name: string;
  readonly job: JobSpec;
  /** inputs, env (the workflow's, evaluated), matrix, strategy, needs, vars, secrets. */
  readonly contexts: Mapping;
  /** The workflow's and the job's `defaults.run`. */
  readonly defaultShell: string | undefined;
  readonly cpu: number | undefined;
}

export interface Site {
  readonly facts: RunFacts;
  readonly origin: string;
  readonly work: string;
  readonly logs: string;
  readonly artifacts: string;
  readonly cacheStore: string;
  readonly cacheSeeds: Readonly<Record<string, string>>;
  readonly npmCache: string;
  readonly standInPath: string;
  readonly githubLog: string;
  readonly gitTargets: GitTargetStandIns;
  readonly functions: (workspace: string) => Readonly<Record<string, RunnerFunction>>;
  readonly isCancelled: () => boolean;
}

export interface LegOutcome {
  readonly result: Result;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly log: string;
}

const DEFAULT_JOB_MINUTES = 360;

export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** GitHub's shells: an unspecified one is `bash -e`, `bash` adds pipefail and skips the startup files. */
export function shellCommand(shell: string | undefined, script: string): string[] {
  switch (shell ?? "") {
    case "":
      return ["bash", "-e", script];
    case "bash":
      return ["bash", "--noprofile", "--norc", "-eo", "pipefail", script];
    case "sh":
      return ["sh", "-e", script];
    default:
      if (shell!.includes("{0}")) return shell!.split(/\s+/).map((part) => part.replace("{0}", script));
      throw new LocalRunError(`shell ${shell} is not one nightly:local runs (bash, sh, or a command with {0})`);
  }
}

export async function runLeg(leg: Leg, site: Site): Promise<LegOutcome> {
  const dir = join(site.work, slug(leg.key));
  const workspace = join(dir, "workspace");
  const home = join(dir, "home");
  const temp = join(dir, "temp");
  for (const d of [workspace, home, temp]) mkdirSync(d, { recursive: true });
  const logPath = join(site.logs, `${slug(leg.name === leg.key ? leg.key : `${leg.key} ${leg.name}`)}.log`);
  const logFd = openSync(logPath, "a");
  const log = (line: string) => writeSync(logFd, `${line}\n`);
  const jobFacts = { jobId: leg.job.id, workspace, home, temp };
  const github = githubContext(site.facts, jobFacts);
  const runner = runnerContext(jobFacts);
  const summaries: string[] = [];
  const steps: Record<string, Value> = {};
  const posts: (() => void)[] = [];
  let result: Result = "success";
  let cancelled = false;
  let env: Record<string, string> = { ...(leg.contexts.env as Record<string, string>) };
  const extraPath: string[] = [];
  const started = Date.now();
  const where = (step?: StepSpec) => `job "${leg.name}"${step ? ` step "${step.label}"` : ""}`;
  const scope = (): Scope => ({
    contexts: { ...leg.contexts, github, runner, env, steps, job: { status: result } },
    functions: { ...site.functions(workspace), ...stepStatus(result, cancelled || site.isCancelled()) },
  });
  const evaluated = <T>(step: StepSpec | undefined, f: () => T): T => {
    try {
      return f();
    } catch (error) {
      if (error instanceof ExpressionFailure) throw new LocalRunError(`${where(step)}: ${error.message}`);
      throw error;
    }
  };
  const replaceTargets = (values: Record<string, string>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, site.gitTargets.replace(v)]));
  try {
    log(`nightly:local: ${leg.name} (${leg.key}) on this machine${leg.cpu === undefined ? "" : `, CPU ${leg.cpu}`}`);
    env = { ...env, ...replaceTargets(evaluated(undefined, () => evaluateStrings(leg.job.env, scope()))) };
    const timeoutMinutes = leg.job.timeoutMinutes
      ? Number(evaluated(undefined, () => evaluateToken(leg.job.timeoutMinutes!, scope())))
      : DEFAULT_JOB_MINUTES;
    const deadline = started + timeoutMinutes * 60_000;
    for (const [index, step] of leg.job.steps.entries()) {
      if (Date.now() >= deadline && !cancelled) {
        cancelled = true;
        result = "cancelled";
        log(`nightly:local: the job has exceeded its timeout-minutes (${timeoutMinutes}): cancelled`);
      }
      const label = `step ${index + 1}: ${step.label}`;
      const condition = evaluated(step, () => truthy(evaluate(step.if, scope())));
      if (!condition) {
        log(`=== ${label}: skipped (if: ${step.if})`);
        if (step.id) steps[step.id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
        continue;
      }
      log(`=== ${label}`);
      const stepStarted = Date.now();
      const stepEnv = {
        ...env,
        ...replaceTargets(evaluated(step, () => evaluateStrings(step.env, scope()))),
      };
      const files = join(temp, `step-${index + 1}`);
      mkdirSync(files, { recursive: true });
      const commandFiles = {
        GITHUB_OUTPUT: join(files, "output"),
        GITHUB_ENV: join(files, "env"),
        GITHUB_PATH: join(files, "path"),
        GITHUB_STEP_SUMMARY: join(files, "summary.md"),
        GITHUB_STATE: join(files, "state"),
      };
      for (const f of Object.values(commandFiles)) writeFileSync(f, "");
      let outcome: "success" | "failure" = "success";
      let outputs: Record<string, string> = {};
      if (step.uses !== undefined) {
        const action = standIn(step.uses);
        if (!action) throw new LocalRunError(`${where(step)}: uses: ${step.uses} has no local stand-in`);
        const inputs = replaceTargets(evaluated(step, () => evaluateStrings(step.with, scope())));
        const actionSite: ActionSite = {
          repository: site.facts.repository,
          origin: site.origin,
          sha: site.facts.sha,
          workspace,
          home,
          artifacts: site.artifacts,
          cacheStore: site.cacheStore,
          cacheSeeds: site.cacheSeeds,
          npmCache: site.npmCache,
          log,
        };
        try {
          const done: ActionResult = action(actionSite, inputs);
          outputs = done.outputs;
          Object.assign(env, done.env ?? {});
          if (done.post) posts.unshift(done.post);
        } catch (error) {
          if (error instanceof NoStandIn) throw new LocalRunError(`${where(step)}: ${error.message}`);
          log(`error: ${error instanceof Error ? error.message : String(error)}`);
          outcome = "failure";
        }
      } else {
        const text = asString(evaluated(step, () => evaluateToken(step.run!, scope())));
        const script = join(files, "script.sh");
        writeFileSync(script, text);
        const shellToken = step.shell
          ? asString(evaluated(step, () => evaluateToken(step.shell!, scope())))
          : undefined;
        const command = shellCommand(shellToken ?? leg.defaultShell, script);
        const cwd = step.workingDirectory
          ? join(workspace, asString(evaluated(step, () => evaluateToken(step.workingDirectory!, scope()))))
          : workspace;
        const stepMinutes = step.timeoutMinutes
          ? Number(evaluated(step, () => evaluateToken(step.timeoutMinutes!, scope())))
          : Number.POSITIVE_INFINITY;
        const timeoutMs = Math.max(1, Math.min(deadline - Date.now(), stepMinutes * 60_000));
        log(`$ ${command.join(" ")}`);
        const ran = await runStepProcess({
          command,
          cwd,
          env: {
            ...runnerEnvironment(
              github,
              runner,
              [...extraPath, site.standInPath, process.env.PATH ?? ""].join(":"),
              home,
            ),
            ...stepEnv,
            ...commandFiles,
            NIGHTLY_LOCAL_GITHUB_LOG: site.githubLog,
          },
          logFd,
          cpu: leg.cpu,
          timeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : 2 ** 31 - 1,
        });
        if (ran.error) log(`error: ${ran.error}`);
        if (ran.timedOut) {
          log(`nightly:local: the step ran past its time (${Math.round(timeoutMs / 1000)} s) and was killed`);
          if (Date.now() >= deadline) cancelled = true;
        }
        if (ran.exitCode !== 0) {
          outcome = "failure";
          log(`Error: Process completed with exit code ${ran.exitCode ?? ran.signal}.`);
        }
        outputs = Object.fromEntries(parseCommandFile(readFileSync(commandFiles.GITHUB_OUTPUT, "utf8")));
        Object.assign(env, Object.fromEntries(parseCommandFile(readFileSync(commandFiles.GITHUB_ENV, "utf8"))));
        extraPath.unshift(...parsePathFile(readFileSync(commandFiles.GITHUB_PATH, "utf8")).reverse());
      }
      const summary = readFileSync(commandFiles.GITHUB_STEP_SUMMARY, "utf8");
      if (summary.trim() !== "") summaries.push(summary);
      const continueOnError =
        step.continueOnError !== undefined &&
        truthy(evaluated(step, () => evaluateToken(step.continueOnError!, scope())));
      const conclusion = outcome === "failure" && continueOnError ? "success" : outcome;
      if (step.id) steps[step.id] = { outputs, outcome, conclusion };
      if (conclusion === "failure" && result === "success") result = "failure";
      log(`=== ${label}: ${outcome} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
      if (site.isCancelled()) {
        cancelled = true;
        result = "cancelled";
        break;
      }
    }
    if (cancelled && result === "success") result = "cancelled";
    if (result === "success")
      for (const post of posts) {
        try {
          post();
        } catch (error) {
          log(`post step failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    const outputs = evaluated(undefined, () => evaluateStrings(leg.job.outputs, scope()));
    log(`nightly:local: ${leg.name}: ${result} (${Math.round((Date.now() - started) / 1000)} s)`);
    return { result, outputs, summary: summaries.join("\n"), log: logPath };
  } finally {
    closeSync(logFd);
    rmSync(dir, { recursive: true, force: true });
  }
}
