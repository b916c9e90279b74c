// The status functions of `if:` and how results add up, as GitHub defines
// them: a job's success() needs every job it needs to have succeeded, failure()
// any job before it to have failed; a step's look at the job so far.
import type { RunnerFunction } from "./expressions.ts";

export type Result = "success" | "failure" | "cancelled" | "skipped";

function statusFunctions(status: { success: boolean; failure: boolean; cancelled: boolean }) {
  const constant = (value: boolean): RunnerFunction => ({ minArgs: 0, maxArgs: 0, call: () => value });
  return {
    success: constant(status.success && !status.cancelled),
    failure: constant(status.failure && !status.cancelled),
    cancelled: constant(status.cancelled),
    always: constant(true),
  };
}

/** For a job's `if:`: the results of the jobs it needs, and of all jobs before those. */
export function jobStatus(needs: readonly Result[], ancestors: readonly Result[], cancelled: boolean) {
  return statusFunctions({
    success: needs.every((r) => r === "success"),
    failure: ancestors.some((r) => r === "failure"),
    cancelled,
  });
}

/** For a step's `if:`: the job's status so far. */
export function stepStatus(job: Result, cancelled: boolean) {
  return statusFunctions({ success: job === "success", failure: job === "failure", cancelled });
}

/** The result of a job made of several (matrix legs, or a called workflow's jobs). */
export function combine(results: readonly Result[]): Result {
  if (results.includes("failure")) return "failure";
  if (results.includes("cancelled")) return "cancelled";
  if (results.length > 0 && results.every((r) => r === "skipped")) return "skipped";
  return "success";
}
