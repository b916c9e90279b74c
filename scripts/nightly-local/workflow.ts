// A workflow file read the way GitHub reads it: parsed and checked against the
// workflow schema by @actions/workflow-parser, jobs, `needs` and normalized
// `if:` conditions from its converter, and what the converter leaves out (a
// step's `with`, `shell`, `timeout-minutes`…) from the parsed tokens.
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isMapping,
  isSequence,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { Value } from "./value.ts";

export interface InputSpec {
  readonly type: string;
  readonly default: Value;
  readonly required: boolean;
}

export interface StepSpec {
  /** The step's `id`, or undefined: only an explicit id enters the steps context. */
  readonly id: string | undefined;
  /** How logs and errors name it: its name, else its `uses` or first line of `run`. */
  readonly label: string;
  readonly name: TemplateToken | undefined;
  /** The normalized condition: always holds a status function (`success() && (…)`). */
  readonly if: string;
  readonly uses: string | undefined;
  readonly run: TemplateToken | undefined;
  readonly with: TemplateToken | undefined;
  readonly env: TemplateToken | undefined;
  readonly shell: TemplateToken | undefined;
  readonly workingDirectory: TemplateToken | undefined;
  readonly timeoutMinutes: TemplateToken | undefined;
  readonly continueOnError: TemplateToken | undefined;
}

export interface JobSpec {
  readonly id: string;
  readonly name: TemplateToken | undefined;
  readonly needs: readonly string[];
  readonly if: string;
  readonly strategy: TemplateToken | undefined;
  readonly runsOn: TemplateToken | undefined;
  readonly env: TemplateToken | undefined;
  readonly timeoutMinutes: TemplateToken | undefined;
  readonly outputs: TemplateToken | undefined;
  readonly steps: readonly StepSpec[];
  /** A job that calls a reusable workflow: its path (`./.github/workflows/x.yml`) and `with`. */
  readonly uses: string | undefined;
  readonly with: TemplateToken | undefined;
  /** `defaults.run.shell` of the job. */
  readonly shell: string | undefined;
}

export interface WorkflowSpec {
  readonly file: string;
  readonly name: string;
  readonly dispatchInputs: Readonly<Record<string, InputSpec>>;
  readonly callInputs: Readonly<Record<string, InputSpec>>;
  /** `on.workflow_call.outputs`: name to its `value` token. */
  readonly callOutputs: Readonly<Record<string, TemplateToken>>;
  readonly env: TemplateToken | undefined;
  readonly concurrency: TemplateToken | undefined;
  /** `defaults.run.shell` of the workflow. */
  readonly shell: string | undefined;
  readonly jobs: readonly JobSpec[];
}

/** The file is no workflow GitHub would run: the parser's own words. */
export class WorkflowInvalid extends Error {}

function find(token: TemplateToken | undefined, key: string): TemplateToken | undefined {
  return token !== undefined && isMapping(token) ? token.find(key) : undefined;
}

function stringAt(token: TemplateToken | undefined, key: string): string | undefined {
  const found = find(token, key);
  return found !== undefined && isString(found) ? found.value : undefined;
}

function literal(token: TemplateToken | undefined): Value {
  if (token === undefined) return null;
  const json = token.toJSON();
  return typeof json === "string" || typeof json === "number" || typeof json === "boolean" ? json : null;
}

function inputs(on: TemplateToken | undefined, trigger: string): Record<string, InputSpec> {
  const out: Record<string, InputSpec> = {};
  const declared = find(find(on, trigger), "inputs");
  if (declared === undefined || !isMapping(declared)) return out;
  for (const { key, value } of declared as MappingToken) {
    out[String(key.toJSON())] = {
      type: stringAt(value, "type") ?? "string",
      default: literal(find(value, "default")),
      required: literal(find(value, "required")) === true,
    };
  }
  return out;
}

function stepLabel(raw: TemplateToken): string {
  const name = find(raw, "name");
  if (name !== undefined) return isString(name) ? name.value : isBasicExpression(name) ? (name.source ?? "") : "";
  const uses = stringAt(raw, "uses");
  if (uses !== undefined) return uses;
  const run = find(raw, "run");
  const text = run === undefined ? "" : isString(run) ? run.value : isBasicExpression(run) ? (run.source ?? "") : "";
  return `Run ${text.split("\n")[0] ?? ""}`.trim();
}

export async function readWorkflow(file: string, content: string): Promise<WorkflowSpec> {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  const problems = parsed.context.errors.getErrors();
  if (parsed.value === undefined || problems.length > 0)
    throw new WorkflowInvalid(`${file}: ${problems.map((p) => p.message).join("; ") || "not a workflow"}`);
  const root = parsed.value;
  const template = await convertWorkflowTemplate(parsed.context, root);
  const errors = template.errors ?? [];
  if (errors.length > 0) throw new WorkflowInvalid(`${file}: ${errors.map((e) => e.Message).join("; ")}`);
  const on = find(root, "on");
  const callOutputs: Record<string, TemplateToken> = {};
  const declared = find(find(on, "workflow_call"), "outputs");
  if (declared !== undefined && isMapping(declared))
    for (const { key, value } of declared as MappingToken) {
      const v = find(value, "value");
      if (v !== undefined) callOutputs[String(key.toJSON())] = v;
    }
  const rawJobs = find(root, "jobs");
  const jobs = template.jobs.map((job): JobSpec => {
    const raw = find(rawJobs, job.id.value);
    const rawSteps = find(raw, "steps");
    const steps =
      job.type === "job"
        ? job.steps.map((step, index): StepSpec => {
            const rawStep = rawSteps !== undefined && isSequence(rawSteps) ? rawSteps.get(index) : undefined;
            if (rawStep === undefined) throw new WorkflowInvalid(`${file}: job ${job.id.value} step ${index + 1}`);
            return {
              id: stringAt(rawStep, "id"),
              label: stepLabel(rawStep),
              name: find(rawStep, "name"),
              if: "if" in step && step.if !== undefined ? step.if.expression : "success()",
              uses: stringAt(rawStep, "uses"),
              run: find(rawStep, "run"),
              with: find(rawStep, "with"),
              env: find(rawStep, "env"),
              shell: find(rawStep, "shell"),
              workingDirectory: find(rawStep, "working-directory"),
              timeoutMinutes: find(rawStep, "timeout-minutes"),
              continueOnError: find(rawStep, "continue-on-error"),
            };
          })
        : [];
    return {
      id: job.id.value,
      name: find(raw, "name"),
      needs: (job.needs ?? []).map((n) => n.value),
      if: job.if.expression,
      strategy: find(raw, "strategy"),
      runsOn: find(raw, "runs-on"),
      env: find(raw, "env"),
      timeoutMinutes: find(raw, "timeout-minutes"),
      outputs: find(raw, "outputs"),
      steps,
      uses: job.type === "reusableWorkflowJob" ? job.ref.value : undefined,
      with: find(raw, "with"),
      shell: stringAt(find(find(raw, "defaults"), "run"), "shell"),
    };
  });
  const name = stringAt(root, "name") ?? file;
  return {
    file,
    name,
    dispatchInputs: inputs(on, "workflow_dispatch"),
    callInputs: inputs(on, "workflow_call"),
    callOutputs,
    env: find(root, "env"),
    concurrency: find(root, "concurrency"),
    shell: stringAt(find(find(root, "defaults"), "run"), "shell"),
    jobs,
  };
}
