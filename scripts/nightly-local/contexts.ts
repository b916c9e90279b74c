// The contexts a GitHub runner gives expressions and the environment it gives
// processes, for a local run: the facts differ (this machine, this clone),
// the names and shapes do not.
import { arch } from "node:process";
import type { Mapping, Value } from "./value.ts";

export interface RunFacts {
  readonly repository: string;
  readonly sha: string;
  readonly refName: string;
  readonly runId: string;
  readonly workflow: string;
  readonly eventPath: string;
  readonly inputs: Mapping;
}

export interface JobFacts {
  readonly jobId: string;
  readonly workspace: string;
  readonly home: string;
  readonly temp: string;
}

/** GitHub's names for this machine's architecture. */
export const RUNNER_ARCH = arch === "arm64" ? "ARM64" : arch === "x64" ? "X64" : arch.toUpperCase();

export function githubContext(run: RunFacts, job: JobFacts): Mapping {
  const [owner = "local"] = run.repository.split("/");
  return {
    action: "",
    actor: "nightly-local",
    api_url: "https://api.github.com",
    event_name: "workflow_dispatch",
    event: { inputs: run.inputs, repository: { full_name: run.repository, default_branch: "main" } },
    event_path: run.eventPath,
    job: job.jobId,
    ref: `refs/heads/${run.refName}`,
    ref_name: run.refName,
    ref_type: "branch",
    repository: run.repository,
    repository_owner: owner,
    retention_days: "90",
    run_attempt: "1",
    run_id: run.runId,
    run_number: "1",
    server_url: "https://github.com",
    sha: run.sha,
    token: "nightly-local-token",
    workflow: run.workflow,
    workspace: job.workspace,
  };
}

export function runnerContext(job: JobFacts): Mapping {
  return {
    arch: RUNNER_ARCH,
    debug: "",
    environment: "self-hosted",
    name: "nightly-local",
    os: "Linux",
    temp: job.temp,
    tool_cache: `${job.home}/toolcache`,
  };
}

/** The variables every step's process starts with (GITHUB_*, RUNNER_*, CI). */
export function runnerEnvironment(
  github: Mapping,
  runner: Mapping,
  path: string,
  home: string,
): Record<string, string> {
  const text = (v: Value | undefined) => (typeof v === "string" ? v : "");
  return {
    PATH: path,
    HOME: home,
    LANG: "C.UTF-8",
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_ACTOR: text(github.actor),
    GITHUB_API_URL: text(github.api_url),
    GITHUB_EVENT_NAME: text(github.event_name),
    GITHUB_EVENT_PATH: text(github.event_path),
    GITHUB_JOB: text(github.job),
    GITHUB_REF: text(github.ref),
    GITHUB_REF_NAME: text(github.ref_name),
    GITHUB_REF_TYPE: text(github.ref_type),
    GITHUB_REPOSITORY: text(github.repository),
    GITHUB_REPOSITORY_OWNER: text(github.repository_owner),
    GITHUB_RUN_ATTEMPT: text(github.run_attempt),
    GITHUB_RUN_ID: text(github.run_id),
    GITHUB_RUN_NUMBER: text(github.run_number),
    GITHUB_SERVER_URL: text(github.server_url),
    GITHUB_SHA: text(github.sha),
    GITHUB_WORKFLOW: text(github.workflow),
    GITHUB_WORKSPACE: text(github.workspace),
    RUNNER_ARCH: text(runner.arch),
    RUNNER_NAME: text(runner.name),
    RUNNER_OS: text(runner.os),
    RUNNER_TEMP: text(runner.temp),
    RUNNER_TOOL_CACHE: text(runner.tool_cache),
  };
}
