import { describe, expect, it } from "vitest";
import { evaluate } from "./expressions.ts";
import { combine, jobStatus, stepStatus } from "./status.ts";
import { parseCommandFile } from "./step-files.ts";

const call = (functions: ReturnType<typeof jobStatus>, expression: string) =>
  evaluate(expression, { contexts: {}, functions });

describe("status functions", () => {
  it("a job runs by default only when every job it needs succeeded", () => {
    expect(call(jobStatus(["success", "success"], ["success"], false), "success()")).toBe(true);
    expect(call(jobStatus(["success", "skipped"], ["success"], false), "success()")).toBe(false);
    expect(call(jobStatus(["failure"], ["failure"], false), "failure()")).toBe(true);
    expect(call(jobStatus(["failure"], ["failure"], false), "always()")).toBe(true);
  });

  it("failure() sees a failure anywhere before the job, not only in what it needs", () => {
    expect(call(jobStatus(["skipped"], ["failure", "skipped"], false), "failure()")).toBe(true);
  });

  it("cancelled turns success() and failure() off", () => {
    const s = stepStatus("failure", true);
    expect(call(s, "failure() || success()")).toBe(false);
    expect(call(s, "cancelled() && always()")).toBe(true);
  });

  it("a matrix fails when one leg fails, and is skipped only when all are", () => {
    expect(combine(["success", "failure", "success"])).toBe("failure");
    expect(combine(["skipped", "skipped"])).toBe("skipped");
    expect(combine(["skipped", "success"])).toBe("success");
  });
});

describe("command files", () => {
  it("reads name=value and heredoc values", () => {
    const parsed = parseCommandFile("a=1\nbody<<EOF\nline one\nline=two\nEOF\nc=x=y\n");
    expect([...parsed]).toEqual([
      ["a", "1"],
      ["body", "line one\nline=two"],
      ["c", "x=y"],
    ]);
  });

  it("refuses a heredoc that never ends", () => {
    expect(() => parseCommandFile("body<<EOF\nno end\n")).toThrow(/no line EOF ends its value/);
  });
});
