// The reducer on real targets: the goal of issue #5, measured. A hundred-line
// program with the PR #1028 crash buried in ordinary code must come out at 15
// lines or fewer and still crash the same way.
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { runDifferential } from "../execution/index.ts";
import { formatSignature, signatureOf } from "../signature/index.ts";
import { luaFile, PR1028_CASE, target } from "../testing/fixtures.ts";
import { reduceFile } from "./reduce-file.ts";
import { sizeOf } from "./size.ts";

const FIXTURE = new URL("./fixtures/gateway-worker.lua", import.meta.url);
const RUN = { jitOptions: ["hotloop=1"], timeoutMs: 10_000 };

function scratchCopy(from: string | URL, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "ljfuzz-reduce-test-")), name);
  copyFileSync(from, path);
  return path;
}

describe("reduceFile", () => {
  it("shrinks the hundred-line gateway worker to 15 lines or fewer, still crashing by SIGILL", async () => {
    const openresty = await target("openresty-2023");
    const input = scratchCopy(FIXTURE, "gateway-worker.lua");
    const output = input.replace(/\.lua$/, ".reduced.lua");
    const improvements: number[] = [];
    const report = await reduceFile({
      input,
      output,
      target: openresty,
      ...RUN,
      timeLimitMs: 150_000,
      jobs: availableParallelism(),
      onProgress: (p) => {
        if (p.improved) improvements.push(p.bytes);
      },
    });
    const reduced = readFileSync(output, "latin1");
    // For the record (the issue asks for the measurement).
    console.log(
      `gateway worker: ${report.linesBefore} → ${report.linesAfter} lines, ${report.bytesBefore} → ${report.bytesAfter} bytes, ${report.tests} tests, ${report.seconds} s, fixpoint ${report.fixpoint}\n${reduced}`,
    );

    expect(report.linesBefore).toBeGreaterThanOrEqual(100);
    expect(report.linesAfter).toBeLessThanOrEqual(15);
    expect(report).toMatchObject({
      target: "openresty-2023",
      output,
      linesAfter: sizeOf(reduced).lines,
      bytesAfter: reduced.length,
    });
    expect(report.signature).toMatch(/^crash:SIGILL:/);
    expect(improvements.length).toBeGreaterThan(0);
    for (let i = 1; i < improvements.length; i++) expect(improvements[i]!).toBeLessThanOrEqual(improvements[i - 1]!);

    // The reduced program signs exactly like the original (oracle finding included).
    const again = await runDifferential(openresty, output, { ...RUN, dump: false });
    expect(formatSignature(signatureOf(again))).toBe(report.signature);
  }, 175_000);

  it("refuses a program that passes: nothing to reduce", async () => {
    const fixed = await target("openresty-2025");
    const input = scratchCopy(PR1028_CASE, "case.lua");
    const run = reduceFile({ input, output: `${input}.out`, target: fixed, ...RUN, timeLimitMs: 10_000, jobs: 1 });
    await expect(run).rejects.toThrow(`nothing to reduce: ${input} passes on openresty-2025`);
    await expect(run).rejects.toMatchObject({ exitCode: ExitCode.usage });
  });

  it("says where a syntax error is, with its own exit code, before running anything", async () => {
    const fixed = await target("openresty-2025");
    const input = luaFile("local x = 1\nx = = 2\n");
    const error = await reduceFile({
      input,
      output: `${input}.out`,
      target: fixed,
      ...RUN,
      timeLimitMs: 10_000,
      jobs: 1,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LjfuzzError);
    expect(error).toMatchObject({ exitCode: ExitCode.luaSyntax });
    expect((error as Error).message).toMatch(new RegExp(`^Lua syntax error: ${input}:2: `));
  });
});
