import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateCase, shrinkCase } from "../../generators/index.ts";
import type { PrngSeed } from "../execution/index.ts";
import type { ReduceReport } from "../minimization/index.ts";
import { parseSignature } from "../signature/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import {
  keepsReduction,
  LEAST_REDUCE_MS,
  type MinimizeRuns,
  minimizeFinding,
  reduceBudgetMs,
  type Smaller,
  shrunkCase,
} from "./minimize.ts";

const base = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;
const sigill = recordedResult("crash", { signal: "SIGILL", findings: [["illegal-word", "pair-offset-smear"]] });
const pass = recordedResult("pass");
const report = (signature: string, bytesBefore: number, bytesAfter: number) =>
  ({ signature, bytesBefore, bytesAfter }) as ReduceReport;

describe("minimizing a finding: the decisions", () => {
  it("keeps the shrunk case only when shrinking took a step and ended on the case it last kept", () => {
    const found = generateCase(1, 0);
    const last: Smaller = { source: found.source, jitOptions: found.jitOptions, result: sigill };
    expect(shrunkCase({ best: found, tests: 3, steps: 1 }, last)).toBe(last);
    expect(shrunkCase({ best: found, tests: 3, steps: 0 }, last)).toBeUndefined();
    expect(shrunkCase({ best: found, tests: 3, steps: 1 }, undefined)).toBeUndefined();
    expect(shrunkCase({ best: generateCase(1, 1), tests: 3, steps: 1 }, last)).toBeUndefined();
  });

  it("reduces as text within both budgets, and not at all with less than five seconds of them", () => {
    expect(reduceBudgetMs(60_000, Infinity)).toBe(60_000);
    expect(reduceBudgetMs(60_000, 20_000)).toBe(20_000);
    expect(reduceBudgetMs(60_000, LEAST_REDUCE_MS - 1)).toBe(0);
    expect(reduceBudgetMs(0, Infinity)).toBe(0);
  });

  it("keeps a reduction that signs the same and is smaller", () => {
    expect(keepsReduction(report("crash:SIGILL:illegal-word:pair-offset-smear", 900, 200), base)).toBe(true);
    expect(keepsReduction(report("crash:SIGILL:illegal-word:pair-offset-smear", 900, 900), base)).toBe(false);
    expect(keepsReduction(report("crash:SIGSEGV:-:-", 900, 200), base)).toBe(false);
  });
});

describe("minimizing a finding, on recorded runs", () => {
  const found = generateCase(3, 7);
  /**
   * Candidates shorter than `below` bytes pass, the rest reproduce; the text
   * the reducer gives back reproduces when `reducedFails`. Records what was kept.
   */
  function runs(below: number, reduced: string | null, reducedFails: boolean, timeLeftMs = Infinity) {
    const improved: Smaller[] = [];
    const seeds: PrngSeed[] = [];
    let reductions = 0;
    const r: MinimizeRuns = {
      run: async (path, _jitOptions, seed) => {
        seeds.push(seed);
        const text = readFileSync(path, "utf8");
        return (text === reduced ? reducedFails : text.length >= below) ? sigill : pass;
      },
      reduce: async (input, output, _jitOptions, _ms, seed) => {
        seeds.push(seed);
        reductions++;
        const before = readFileSync(input, "utf8");
        writeFileSync(output, reduced ?? before);
        return report("crash:SIGILL:illegal-word:pair-offset-smear", before.length, (reduced ?? before).length);
      },
      timeLeftMs: () => timeLeftMs,
      improve: (smaller) => improved.push(smaller),
    };
    return { r, improved, seeds, reductions: () => reductions };
  }
  const shrink = { candidates: shrinkCase, tests: 40, ms: 60_000, reduceMs: 60_000 };

  it("shrinks through the generator to a smaller case that reproduces, then reduces it as text", async () => {
    const { r, improved, reductions } = runs(found.source.length / 2, "print(1)\n", true);
    await minimizeFinding(found, base, shrink, r);
    expect(reductions()).toBe(1);
    expect(improved).toHaveLength(2);
    const [shrunk, reduced] = improved;
    expect(shrunk!.source.length).toBeLessThan(found.source.length);
    expect(shrunk!.source.length).toBeGreaterThanOrEqual(found.source.length / 2);
    expect(reduced).toMatchObject({ source: "print(1)\n", jitOptions: shrunk!.jitOptions, result: sigill });
  });

  it("keeps the case as found when no candidate reproduces, and a reduction that no longer does", async () => {
    const { r, improved, reductions } = runs(Infinity, "print(1)\n", false);
    await minimizeFinding(found, base, shrink, r);
    expect(reductions()).toBe(1);
    expect(improved).toEqual([]);
  });

  it("runs every candidate and the reducer at the seed the finding failed at, not at the programs' own", async () => {
    const sweptSeed = 123_456_789;
    const { r, improved, seeds, reductions } = runs(found.source.length / 2, "print(1)\n", true);
    await minimizeFinding(found, base, shrink, r, sweptSeed);
    expect(reductions()).toBe(1);
    expect(improved).toHaveLength(2);
    expect(seeds.length).toBeGreaterThan(2);
    expect(new Set(seeds)).toEqual(new Set([sweptSeed]));
  });

  it("does not reduce when the campaign's time is nearly up", async () => {
    const { r, reductions } = runs(0, "print(1)\n", true, LEAST_REDUCE_MS - 1);
    await minimizeFinding(found, base, { ...shrink, tests: 2 }, r);
    expect(reductions()).toBe(0);
  });
});
