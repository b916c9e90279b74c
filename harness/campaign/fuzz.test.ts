// `ljfuzz fuzz` as a user runs it: real targets, real processes.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { REPO } from "../testing/fixtures.ts";

const BIN = join(REPO, "bin", "ljfuzz.js");
const PR1028 = "crash:SIGILL:illegal-word:pair-offset-smear";

interface Summary {
  cases: number;
  coverage: { features: number; edges?: Record<string, number> };
  findings: Array<{
    signature: string;
    count: number;
    firstCase: number;
    targets: string[];
    bundle: string;
    known: string | null;
  }>;
}

/** A campaign that treats every finding as new (--no-known), as a hunt for PR #1028 must. */
async function fuzz(args: string[], exitCode: number = ExitCode.finding): Promise<Summary> {
  const out = mkdtempSync(join(tmpdir(), "ljfuzz-fuzz-"));
  const r = await execa("node", [BIN, "fuzz", "--out", out, "--json", ...args], { reject: false, cwd: REPO });
  // -1: either exit (found or not) is fine for this test.
  if (exitCode === -1) expect([ExitCode.ok, ExitCode.finding], r.stderr).toContain(r.exitCode);
  else expect(r.exitCode, r.stderr).toBe(exitCode);
  return JSON.parse(r.stdout) as Summary;
}

describe("ljfuzz fuzz", () => {
  it("finds PR #1028 on both pre-fix targets, and the same seed gives the same findings", async () => {
    const args = [
      "--cases",
      "40",
      "--seed",
      "7",
      "-t",
      "openresty-2023",
      "-t",
      "luajit-2022",
      "--shrink",
      "0",
      "--no-known",
      // Generation only: mutants depend on what the other workers kept by then (the corpus's own test has one worker).
      "--mutation-share",
      "0",
    ];
    const [a, b, parallel] = [
      await fuzz([...args, "--jobs", "1"]),
      await fuzz([...args, "--jobs", "1"]),
      await fuzz([...args, "--jobs", "2"]),
    ];
    const essence = (s: Summary) =>
      s.findings.map(({ signature, firstCase, targets }) => ({ signature, firstCase, targets: [...targets].sort() }));
    expect(a.cases).toBe(40);
    // What the cases reached: trace features; edges only from +cov targets.
    expect(a.coverage.features).toBeGreaterThan(200);
    expect(a.coverage).not.toHaveProperty("edges");
    // The same seed, one worker: the same signatures, first cases and targets.
    expect(essence(b)).toEqual(essence(a));
    // Hit counts agree closely but not always exactly: a hit counted from
    // batch evidence can land under a neighbouring signature.
    for (const [i, f] of a.findings.entries()) expect(Math.abs(f.count - b.findings[i]!.count)).toBeLessThanOrEqual(2);
    // Two workers: which cases share a batch follows the clock (a worker takes
    // the next batch when it is done), and what a case compiles can depend on
    // the cases before it in its process, so a signature of the same bug may
    // come or go (seen: an `oracle` reading of PR #1028's word beside its
    // crash; a first case under the other pair signature). The same cases,
    // and the bug on both targets.
    expect(parallel.cases).toBe(40);
    expect(parallel.findings.find((f) => f.signature === PR1028)?.targets.sort()).toEqual([
      "luajit-2022",
      "openresty-2023",
    ]);
    const pr1028 = a.findings.find((f) => f.signature === PR1028);
    expect(pr1028?.targets.sort()).toEqual(["luajit-2022", "openresty-2023"]);
    // The bundle is a complete reproducer.
    for (const file of [
      "case.lua",
      "command.txt",
      "finding.json",
      "result-openresty-2023.json",
      "dump-openresty-2023.txt",
    ]) {
      expect(existsSync(join(pr1028!.bundle, file)), file).toBe(true);
    }
    expect(readFileSync(join(pr1028!.bundle, "case.lua"), "utf8")).toMatch(/^-- ljfuzz finding crash:SIGILL/);
    // It carries the PRNG seed its runs were pinned to, in the commands too.
    const finding = JSON.parse(readFileSync(join(pr1028!.bundle, "finding.json"), "utf8")) as Record<string, unknown>;
    expect(["luajit-2022", "openresty-2023"]).toContain(finding.target);
    const resultFile = join(pr1028!.bundle, `result-${String(finding.target)}.json`);
    const recorded = JSON.parse(readFileSync(resultFile, "utf8")) as { prngSeed: number };
    expect(finding).toMatchObject({ prngSeed: recorded.prngSeed, replay: "pinned" });
    const commands = readFileSync(join(pr1028!.bundle, "command.txt"), "utf8");
    expect(commands).toContain(`LJFUZZ_PRNG_SEED=${recorded.prngSeed} luajit -O`);
    expect(commands).toContain(`--prng-seed ${recorded.prngSeed}`);
  }, 300_000);

  it("counts the backend edges a +cov target's cases reach", async () => {
    const summary = await fuzz(
      ["--cases", "12", "--seed", "2", "-t", "luajit-2022+cov", "--shrink", "0", "--no-known"],
      -1,
    );
    expect(summary.cases).toBe(12);
    expect(summary.coverage.features).toBeGreaterThan(100);
    expect(summary.coverage.edges?.["luajit-2022+cov"]).toBeGreaterThan(1000);
  }, 300_000);

  // Seed 2 shows PR #1028 on openresty-2023 from its second case on (seed 1 from its fifth): 4 cases are enough.
  it("shrinks a new finding to a smaller program with the same signature, keeping the original", async () => {
    const summary = await fuzz(["--cases", "4", "--seed", "2", "-t", "openresty-2023", "--shrink", "25", "--no-known"]);
    const pr1028 = summary.findings.find((f) => f.signature === PR1028)!;
    const shrunk = readFileSync(join(pr1028.bundle, "case.lua"), "utf8");
    const original = readFileSync(join(pr1028.bundle, "original.lua"), "utf8");
    expect(shrunk.length).toBeLessThan(original.length);
    const result = JSON.parse(readFileSync(join(pr1028.bundle, "result-openresty-2023.json"), "utf8")) as {
      verdict: string;
      signal: string;
    };
    expect(result).toMatchObject({ verdict: "crash", signal: "SIGILL" });
  }, 300_000);

  it("tells hits of bugs the corpus holds from new ones, and exits 0 when only those showed", async () => {
    const summary = await fuzz(["--cases", "4", "--seed", "2", "-t", "openresty-2023"], ExitCode.ok);
    const pr1028 = summary.findings.find((f) => f.signature === PR1028);
    expect(pr1028?.known).toBe("pr1028-ldp-negative-offset");
    expect(summary.findings.every((f) => f.known !== null)).toBe(true);
    // Known bugs are kept as found: no time goes into minimizing them.
    expect(existsSync(join(pr1028!.bundle, "original.lua"))).toBe(false);
  }, 300_000);

  it("keeps every finding on Ctrl-C and exits 130", async () => {
    const out = mkdtempSync(join(tmpdir(), "ljfuzz-fuzz-"));
    const child = execa("node", [BIN, "fuzz", "--time", "120", "--seed", "3", "-t", "openresty-2023", "--out", out], {
      reject: false,
      cwd: REPO,
    });
    const summary = join(out, "findings.json");
    for (let i = 0; i < 600 && !existsSync(summary); i++) await sleep(100);
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode).toBe(ExitCode.interrupted);
    expect(r.stderr).toMatch(/interrupted after \d+ cases; \d+ finding\(s\) kept in/);
    const kept = JSON.parse(readFileSync(summary, "utf8")) as Summary;
    expect(kept.findings.length).toBeGreaterThan(0);
    for (const f of kept.findings) expect(existsSync(join(f.bundle, "case.lua"))).toBe(true);
  });
});
