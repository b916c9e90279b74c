// The run of a workflow: jobs start when the jobs they need are done and their
// `if:` holds; a matrix job's legs and a called workflow's jobs are run in
// their turn; at most one leg per CPU at a time (one CPU each, as one runner
// each), legs in the order GitHub lists them.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { globSync } from "tinyglobby";
import { githubContext } from "./contexts.ts";
import { ExpressionFailure, evaluate, type RunnerFunction, type Scope } from "./expressions.ts";
import { type Leg, type LegOutcome, LocalRunError, runLeg, type Site } from "./job.ts";
import { expandMatrix, MatrixInvalid } from "./matrix.ts";
import { combine, jobStatus, type Result } from "./status.ts";
import { evaluateStrings, evaluateToken } from "./template.ts";
import { asString, isMapping, type Mapping, truthy, type Value } from "./value.ts";
import type { InputSpec, JobSpec, WorkflowSpec } from "./workflow.ts";

export interface Instance {
  readonly workflow: WorkflowSpec;
  /** "" for the workflow run, "fuzz / " for the jobs of the one job `fuzz` calls. */
  readonly prefix: string;
  readonly inputs: Mapping;
  readonly env: Record<string, string>;
}

interface JobNode {
  readonly key: string;
  readonly job: JobSpec;
  readonly instance: Instance;
  readonly needs: readonly string[];
  state: "waiting" | "running" | "done";
  result: Result;
  outputs: Record<string, string>;
  /** Whether one failed leg cancels the legs not started yet (strategy.fail-fast, default true). */
  failFast: boolean;
  /** A called workflow's instance, once it started. */
  called?: Instance;
}

export interface LegRecord {
  readonly key: string;
  readonly name: string;
  readonly order: readonly number[];
  readonly outcome: LegOutcome;
}

export interface Engine {
  readonly site: Site;
  readonly cpus: readonly number[];
  readonly loadWorkflow: (path: string) => Promise<WorkflowSpec>;
  readonly onLeg: (record: LegRecord) => void;
  readonly onJob: (key: string, result: Result) => void;
  readonly log: (line: string) => void;
  /** Jobs of the workflow to run with all they need (default: all). */
  readonly only?: readonly string[];
  /** Runs one leg: the real runner, or a test's. */
  readonly runLeg?: (leg: Leg, site: Site) => Promise<LegOutcome>;
  /** Only the matrix legs with these values (where the matrix has the key). */
  readonly legs?: Readonly<Record<string, string>>;
}

/** hashFiles(): SHA-256 over the SHA-256 of each file matched, in path order; "" when none. */
export function hashFilesFunction(workspace: string): RunnerFunction {
  return {
    minArgs: 1,
    maxArgs: 255,
    call: (...patterns) => {
      const files = globSync(patterns.map(asString), { cwd: workspace, onlyFiles: true, dot: true }).sort();
      if (files.length === 0) return "";
      const all = createHash("sha256");
      for (const f of files)
        all.update(
          createHash("sha256")
            .update(readFileSync(join(workspace, f)))
            .digest(),
        );
      return all.digest("hex");
    },
  };
}

function typed(spec: InputSpec, value: Value): Value {
  if (spec.type === "boolean") return value === true || value === "true";
  if (spec.type === "number") return Number(value);
  return value === null ? "" : asString(value);
}

export function inputsFor(declared: Readonly<Record<string, InputSpec>>, given: Mapping, what: string): Mapping {
  const out: Record<string, Value> = {};
  for (const name of Object.keys(given))
    if (!(name in declared)) throw new LocalRunError(`${what}: no input named ${name}`);
  for (const [name, spec] of Object.entries(declared)) {
    const value = given[name] ?? spec.default;
    if (value === null && spec.required) throw new LocalRunError(`${what}: input ${name} is required`);
    out[name] = typed(spec, value);
  }
  return out;
}

export async function runWorkflow(engine: Engine, root: Instance): Promise<Result> {
  const nodes: JobNode[] = [];
  const orders = new Map<string, number[]>();
  const addInstance = (instance: Instance, parentOrder: number[]) => {
    instance.workflow.jobs.forEach((job, index) => {
      const key = `${instance.prefix}${job.id}`;
      orders.set(key, [...parentOrder, index]);
      nodes.push({
        key,
        job,
        instance,
        needs: job.needs.map((n) => `${instance.prefix}${n}`),
        state: "waiting",
        result: "skipped",
        outputs: {},
        failFast: false,
      });
    });
  };
  addInstance(root, []);
  if (engine.only !== undefined) {
    const wanted = new Set<string>();
    const want = (key: string) => {
      if (wanted.has(key)) return;
      const node = nodes.find((n) => n.key === key);
      if (!node) throw new LocalRunError(`--job ${key}: the workflow has no such job`);
      wanted.add(key);
      for (const k of node.needs) want(k);
    };
    for (const key of engine.only) want(key);
    for (const node of nodes) if (!wanted.has(node.key)) node.state = "done";
  }
  const byKey = (key: string) => nodes.find((n) => n.key === key)!;
  const ancestors = (node: JobNode): JobNode[] => node.needs.flatMap((k) => [byKey(k), ...ancestors(byKey(k))]);
  const needsContext = (node: JobNode): Mapping =>
    Object.fromEntries(
      node.job.needs.map((id) => {
        const n = byKey(`${node.instance.prefix}${id}`);
        return [id, { result: n.result, outputs: n.outputs }];
      }),
    );
  const where = (node: JobNode) => `job "${node.key}"`;
  const evaluated = <T>(node: JobNode, f: () => T): T => {
    try {
      return f();
    } catch (error) {
      if (error instanceof ExpressionFailure || error instanceof MatrixInvalid)
        throw new LocalRunError(`${where(node)}: ${error.message}`);
      throw error;
    }
  };
  const secrets = { GITHUB_TOKEN: "nightly-local-token" };
  const baseContexts = (node: JobNode): Mapping => ({
    github: githubContext(engine.site.facts, { jobId: node.job.id, workspace: "", home: "", temp: "" }),
    inputs: node.instance.inputs,
    needs: needsContext(node),
    vars: {},
    secrets,
  });

  interface Task {
    readonly node: JobNode;
    readonly leg: Omit<Leg, "cpu">;
    readonly order: number[];
    done: boolean;
    outcome?: LegOutcome;
  }
  const queue: Task[] = [];
  const legsOf = new Map<JobNode, Task[]>();
  const free = [...engine.cpus];
  const running = new Set<Promise<void>>();
  let fatal: unknown;
  let changes = 0;

  const finish = (node: JobNode, result: Result, outputs: Record<string, string>) => {
    node.state = "done";
    node.result = result;
    node.outputs = outputs;
    changes++;
    engine.onJob(node.key, result);
  };

  const start = async (node: JobNode) => {
    node.state = "running";
    const contexts = baseContexts(node);
    const before = ancestors(node).map((n) => n.result);
    const status = jobStatus(
      node.needs.map((k) => byKey(k).result),
      before,
      engine.site.isCancelled(),
    );
    const scope: Scope = { contexts, functions: status };
    if (!evaluated(node, () => truthy(evaluate(node.job.if, scope)))) {
      finish(node, "skipped", {});
      return;
    }
    const strategy = node.job.strategy ? evaluated(node, () => evaluateToken(node.job.strategy!, scope)) : null;
    const strategyMap = isMapping(strategy) ? strategy : {};
    const legs = evaluated(node, () => expandMatrix(strategyMap.matrix));
    const failFast = strategyMap["fail-fast"] !== false;
    if (node.job.uses !== undefined) {
      if (!node.job.uses.startsWith("./"))
        throw new LocalRunError(
          `${where(node)}: uses: ${node.job.uses}: only a workflow of this repository can be called here`,
        );
      if (legs.length > 1) throw new LocalRunError(`${where(node)}: a matrix of called workflows is not run locally`);
      const called = await engine.loadWorkflow(node.job.uses);
      const given = evaluated(node, () => (node.job.with ? evaluateToken(node.job.with, scope) : {}));
      const inputs = inputsFor(called.callInputs, isMapping(given) ? given : {}, where(node));
      const env = evaluated(node, () =>
        evaluateStrings(called.env, { contexts: { ...contexts, inputs }, functions: {} }),
      );
      node.called = {
        workflow: called,
        prefix: `${node.key} / `,
        inputs,
        env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, engine.site.gitTargets.replace(v)])),
      };
      addInstance(node.called, orders.get(node.key)!);
      engine.log(`${node.key}: calls ${node.job.uses}`);
      return;
    }
    const wanted = (matrix: Mapping) =>
      Object.entries(engine.legs ?? {}).every(([k, v]) => !(k in matrix) || asString(matrix[k]!) === v);
    const tasks = legs.flatMap((matrix, index): Task[] => {
      if (!wanted(matrix)) return [];
      const strategyContext = {
        "fail-fast": failFast,
        "job-index": index,
        "job-total": legs.length,
        "max-parallel": legs.length,
      };
      const legContexts = { ...contexts, matrix, strategy: strategyContext, env: node.instance.env };
      const legScope: Scope = { contexts: legContexts, functions: status };
      const named = node.job.name ? asString(evaluated(node, () => evaluateToken(node.job.name!, legScope))) : "";
      const matrixValues = Object.values(matrix).map(asString).join(", ");
      const name = named || (legs.length > 1 ? `${node.job.id} (${matrixValues})` : node.job.id);
      return [
        {
          node,
          order: [...orders.get(node.key)!, index],
          done: false,
          leg: {
            key: legs.length > 1 ? `${node.key} ${index}` : node.key,
            name: `${node.instance.prefix}${name}`,
            job: node.job,
            contexts: legContexts,
            defaultShell: node.job.shell ?? node.instance.workflow.shell,
          },
        },
      ];
    });
    legsOf.set(node, tasks);
    queue.push(...tasks);
    node.failFast = failFast;
  };

  const settle = () => {
    for (const node of nodes) {
      if (node.state !== "running") continue;
      if (node.called) {
        const inner = nodes.filter((n) => n.instance === node.called);
        if (!inner.every((n) => n.state === "done")) continue;
        const jobs = Object.fromEntries(inner.map((n) => [n.job.id, { result: n.result, outputs: n.outputs }]));
        const outputs: Record<string, string> = {};
        for (const [name, token] of Object.entries(node.called.workflow.callOutputs))
          outputs[name] = asString(evaluated(node, () => evaluateToken(token, { contexts: { jobs }, functions: {} })));
        finish(node, combine(inner.map((n) => n.result)), outputs);
        continue;
      }
      const tasks = legsOf.get(node);
      if (!tasks?.every((t) => t.done)) continue;
      const outputs = Object.assign({}, ...tasks.map((t) => t.outcome?.outputs ?? {}));
      finish(node, combine(tasks.map((t) => t.outcome?.result ?? "cancelled")), outputs);
    }
  };

  const runTask = (task: Task, cpu: number) => {
    const work = async () => {
      try {
        task.outcome = await (engine.runLeg ?? runLeg)({ ...task.leg, cpu }, engine.site);
        engine.onLeg({ key: task.leg.key, name: task.leg.name, order: task.order, outcome: task.outcome });
        if (task.outcome.result === "failure" && task.node.failFast)
          for (const other of legsOf.get(task.node) ?? [])
            if (!other.done && queue.includes(other)) {
              queue.splice(queue.indexOf(other), 1);
              other.done = true;
              other.outcome = { result: "cancelled", outputs: {}, summary: "", log: "" };
            }
      } catch (error) {
        fatal ??= error;
      } finally {
        changes++;
        task.done = true;
        free.push(cpu);
      }
    };
    const promise = work().finally(() => running.delete(promise));
    running.add(promise);
  };

  for (;;) {
    if (fatal) throw fatal;
    const changesBefore = changes;
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const node of nodes) {
        if (node.state !== "waiting" || !node.needs.every((k) => byKey(k).state === "done")) continue;
        if (engine.site.isCancelled()) finish(node, "cancelled", {});
        else await start(node);
        progressed = true;
      }
      const done = changes;
      settle();
      if (changes > done) progressed = true;
    }
    if (engine.site.isCancelled())
      for (const task of queue.splice(0)) {
        task.done = true;
        task.outcome = { result: "cancelled", outputs: {}, summary: "", log: "" };
        changes++;
      }
    while (free.length > 0 && queue.length > 0) {
      free.sort((a, b) => a - b);
      runTask(queue.shift()!, free.shift()!);
    }
    if (running.size > 0) {
      await Promise.race(running);
      continue;
    }
    if (nodes.every((n) => n.state === "done")) break;
    if (changes === changesBefore && queue.length === 0)
      throw new Error(
        `jobs that can never start: ${nodes
          .filter((n) => n.state !== "done")
          .map((n) => n.key)
          .join(", ")}`,
      );
  }
  if (fatal) throw fatal;
  return combine(nodes.filter((n) => n.instance === root).map((n) => n.result));
}
