import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "./expressions.ts";
import { evaluateToken } from "./template.ts";
import { readWorkflow } from "./workflow.ts";

const scope = (contexts: Record<string, never | unknown>) => ({ contexts: contexts as never, functions: {} });

describe("expressions, by GitHub's evaluator", () => {
  it("read contexts, with || for defaults and case-insensitive property names", () => {
    const s = scope({ github: { event: { inputs: {} }, run_id: "42" }, matrix: { shard: 3 } });
    expect(evaluate("github.event.inputs.minutes || '20'", s)).toBe("20");
    expect(evaluate("format('{0}/{1}', matrix.shard, 5)", s)).toBe("3/5");
    expect(evaluate("GITHUB.RUN_ID", s)).toBe("42");
    expect(evaluate("fromJSON('[1,2]')[1]", s)).toBe(2);
  });

  it("refuse a context the runner does not give, naming the expression", () => {
    expect(() => evaluate("secretz.token", scope({ github: {} }))).toThrow(
      /cannot evaluate \$\{\{ secretz\.token \}\}/,
    );
  });

  it("evaluate a workflow's strings with embedded expressions, as the parser turned them into format()", async () => {
    const workflow = await readWorkflow(
      "w.yml",
      "on: push\njobs:\n  a:\n    name: shard ${{ matrix.shard }} of ${{ strategy.job-total }}\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo\n",
    );
    const name = workflow.jobs[0]!.name!;
    expect(evaluateToken(name, scope({ matrix: { shard: 1 }, strategy: { "job-total": 5 } }))).toBe("shard 1 of 5");
  });

  it("read today's nightly: five fuzz legs' job, the summary job after them, whatever happened", async () => {
    const file = new URL("./fixtures/nightly-before.yml", import.meta.url);
    const workflow = await readWorkflow("nightly-before.yml", readFileSync(file, "utf8"));
    expect(workflow.jobs.map((j) => [j.id, j.needs, j.if])).toEqual([
      ["fuzz", [], "success()"],
      ["summary", ["fuzz"], "always()"],
      ["regress", [], "success()"],
    ]);
    expect(workflow.dispatchInputs.minutes).toEqual({ type: "string", default: "20", required: false });
    const upload = workflow.jobs[0]!.steps.at(-1)!;
    expect([upload.uses, upload.if]).toEqual(["actions/upload-artifact@v4", "always()"]);
  });
});

describe("strings with expressions inside, as the runner fills them in", () => {
  const run = async (yaml: string) => {
    const workflow = await readWorkflow(
      "w.yml",
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n${yaml}`,
    );
    return evaluateToken(workflow.jobs[0]!.steps[0]!.run!, scope({ matrix: { shard: 2 }, github: { run_id: "7" } }));
  };

  it("keep a block scalar's YAML value: no indentation, the heredoc's end at the line start", async () => {
    const text = await run("      - run: |\n          cat <<EOF\n          shard ${{ matrix.shard }}\n          EOF\n");
    expect(text).toBe("cat <<EOF\nshard 2\nEOF\n");
  });

  it("keep every quote of a script that has expressions too (the parser's format() loses the second '')", async () => {
    const text = await run(`      - run: jq -r '.a' x; echo "\${{ github.run_id }}"; jq '.b' y\n`);
    expect(text).toBe(`jq -r '.a' x; echo "7"; jq '.b' y`);
  });
});
