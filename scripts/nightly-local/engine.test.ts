// The order and results of a run, without processes: each leg is a test's
// function that answers at once.
import { describe, expect, it } from "vitest";
import { type Engine, runWorkflow } from "./engine.ts";
import { GitTargetStandIns } from "./git-targets.ts";
import type { Leg, LegOutcome, Site } from "./job.ts";
import type { Result } from "./status.ts";
import { evaluateStrings } from "./template.ts";
import { readWorkflow, type WorkflowSpec } from "./workflow.ts";

const site = {
  facts: { repository: "local/r", sha: "0", refName: "main", runId: "1", workflow: "w", eventPath: "", inputs: {} },
  gitTargets: new GitTargetStandIns(["t"]),
  functions: () => ({}),
  isCancelled: () => false,
} as unknown as Site;

async function run(files: Record<string, string>, results: Record<string, Result> = {}, cpus = [0, 1]) {
  const workflows: Record<string, WorkflowSpec> = {};
  for (const [name, text] of Object.entries(files)) workflows[name] = await readWorkflow(name, text);
  const started: string[] = [];
  let busy = 0;
  let mostBusy = 0;
  const engine: Engine = {
    site,
    cpus,
    loadWorkflow: async (path) => workflows[path.replace(/^\.\//, "")]!,
    onLeg: () => {},
    onJob: () => {},
    log: () => {},
    runLeg: async (leg: Leg): Promise<LegOutcome> => {
      busy++;
      mostBusy = Math.max(mostBusy, busy);
      started.push(leg.name);
      await new Promise((r) => setTimeout(r, 5));
      busy--;
      // As the real leg does at its end: the job's outputs, from its contexts.
      const outputs = evaluateStrings(leg.job.outputs, { contexts: leg.contexts, functions: {} });
      return { result: results[leg.name] ?? "success", outputs, summary: "", log: "" };
    },
  };
  const main = workflows["main.yml"]!;
  const result = await runWorkflow(engine, { workflow: main, prefix: "", inputs: {}, env: {} });
  return { result, started, mostBusy };
}

const job = (id: string, more = "") => `  ${id}:\n    runs-on: ubuntu-24.04\n${more}    steps:\n      - run: echo\n`;

describe("the order of a run", () => {
  it("starts a job after the jobs it needs, each leg of a matrix in turn, one per CPU at most", async () => {
    const { started, mostBusy } = await run({
      "main.yml": `on: push\njobs:\n${job("late", "    needs: [wide, early]\n")}${job("wide", "    strategy:\n      matrix:\n        n: [1, 2, 3]\n")}${job("early")}`,
    });
    expect(started.slice(-1)).toEqual(["late"]);
    expect(started.slice(0, 4).sort()).toEqual(["early", "wide (1)", "wide (2)", "wide (3)"]);
    expect(mostBusy).toBe(2);
  });

  it("skips what needs a failed job, except an if: always() or failure() job; the run fails", async () => {
    const { result, started } = await run(
      {
        "main.yml": `on: push\njobs:\n${job("a")}${job("b", "    needs: a\n")}${job("c", "    needs: b\n    if: failure()\n")}${job("d", "    needs: b\n    if: always()\n")}`,
      },
      { a: "failure" },
    );
    expect(result).toBe("failure");
    expect(started).toEqual(["a", "c", "d"]);
  });

  it("cancels the legs not started yet when one fails, unless fail-fast is false", async () => {
    const matrix = (failFast: boolean) =>
      `on: push\njobs:\n${job("m", `    strategy:\n      fail-fast: ${failFast}\n      matrix:\n        n: [1, 2, 3, 4]\n`)}`;
    const failing = { "m (1)": "failure" as const };
    expect((await run({ "main.yml": matrix(true) }, failing, [0])).started).toEqual(["m (1)"]);
    expect((await run({ "main.yml": matrix(false) }, failing, [0])).started).toHaveLength(4);
  });

  it("runs a called workflow's jobs with its inputs, and hands its outputs to the jobs after", async () => {
    const called = `on:\n  workflow_call:\n    inputs:\n      word:\n        type: string\n        default: none\n    outputs:\n      said:\n        value: \${{ jobs.inner.outputs.said }}\njobs:\n  inner:\n    name: inner \${{ inputs.word }}\n    runs-on: ubuntu-24.04\n    outputs:\n      said: \${{ inputs.word }}\n    steps:\n      - run: echo\n`;
    const { started } = await run({
      "called.yml": called,
      "main.yml": `on: push\njobs:\n  call:\n    uses: ./called.yml\n    with:\n      word: hello\n${job("after", "    needs: call\n    name: after ${{ needs.call.outputs.said }}\n")}`,
    });
    expect(started).toEqual(["call / inner hello", "after hello"]);
  });
});
