/**
 * Lifted programs on a real build: what the lifter makes of corpus entries
 * and of LuaJIT's test suite gives, printed, what the text gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { printProgram, type Seed, seedIssues, testSuiteSeeds } from "../../generators/index.ts";
import { readCorpusSeeds, testSuiteFiles, testSuiteFolder } from "../seeds/index.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import { type BatchCase, type CaseOutput, runBatch } from "./batch.ts";

const dir = mkdtempSync(join(tmpdir(), "ljfuzz-lift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Positions in error messages differ between the two texts (file names, lines): the rest must not. */
const normalized = (o: CaseOutput | undefined) => o && { ...o, error: o.error.replace(/[^\s:"]+:\d+:/g, "@:") };

/**
 * Runs each program as written and as lifted, in batches, JIT on and off.
 * Returns the origins where they differ: the interpreter's results, or
 * the verdict (a program that shows a bug, JIT on against JIT off, must
 * show it lifted too, in one of three runs; the wrong result itself may
 * vary from run to run).
 */
async function differing(pairs: readonly { seed: Seed; original: string }[]): Promise<string[]> {
  const t = await target(FIXED_TARGET);
  // Originals and lifted programs in batches of their own: one that declares a C type (ffi.cdef) would
  // make the other's declaration a redefinition.
  const batch = (kind: "original" | "lifted"): BatchCase[] =>
    pairs.flatMap(({ seed, original }, index) => {
      if (seed.kind !== "program") return [];
      const path = join(dir, `${kind}-${index}.lua`);
      writeFileSync(path, kind === "original" ? original : printProgram(seed.program), "latin1");
      return [{ index, path, jitOptions: seed.program.jitOptions }];
    });
  const [originals, lifted] = [batch("original"), batch("lifted")];
  const [offA, offB] = await Promise.all([runBatch(t, originals, "off", 600_000), runBatch(t, lifted, "off", 600_000)]);
  expect(offA.unfinished ?? offB.unfinished, "a program killed the interpreter").toBeNull();
  const same = (a: CaseOutput | undefined, b: CaseOutput | undefined) =>
    JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
  const out: string[] = [];
  pairs.forEach(({ seed }, i) => {
    if (seed.kind === "program" && !same(offA.outputs.get(i), offB.outputs.get(i)))
      out.push(`${seed.origin} (interpreted)`);
  });
  /** Which of `cases` show a bug, JIT on against the interpreter (a process that died ran none of the rest). */
  const bugs = async (cases: readonly BatchCase[], off: typeof offA): Promise<Map<number, boolean>> => {
    const on = await runBatch(t, cases, "on", 600_000);
    return new Map(
      cases.flatMap((c) =>
        on.outputs.has(c.index) ? [[c.index, !same(on.outputs.get(c.index), off.outputs.get(c.index))]] : [],
      ),
    );
  };
  const [bugA, bugB] = await Promise.all([bugs(originals, offA), bugs(lifted, offB)]);
  // Some bugs show only in some runs (where LuaJIT puts its code): where the two disagree, two more runs each.
  for (let round = 0; round < 2; round++) {
    const open = new Set([...bugA.keys()].filter((i) => bugB.has(i) && bugA.get(i) !== bugB.get(i)));
    if (open.size === 0) break;
    const [moreA, moreB] = await Promise.all([
      bugs(
        originals.filter((c) => open.has(c.index)),
        offA,
      ),
      bugs(
        lifted.filter((c) => open.has(c.index)),
        offB,
      ),
    ]);
    for (const i of open) {
      bugA.set(i, bugA.get(i) || moreA.get(i) === true);
      bugB.set(i, bugB.get(i) || moreB.get(i) === true);
    }
  }
  pairs.forEach(({ seed }, i) => {
    if (bugA.has(i) && bugB.has(i) && bugA.get(i) !== bugB.get(i))
      out.push(`${seed.origin} (JIT on: ${bugA.get(i) ? "only as written" : "only lifted"})`);
  });
  return out;
}

describe(`lifted programs on ${FIXED_TARGET}`, () => {
  it("corpus entries give what their text gives", async () => {
    const seeds = readCorpusSeeds();
    expect(await differing(seeds.map((seed) => ({ seed, original: seed.source })))).toEqual([]);
  }, 300_000);

  const suite = testSuiteFolder();
  it.skipIf(suite === null)(
    "tests of LuaJIT's test suite give what their text gives",
    async () => {
      const files = testSuiteFiles(suite!);
      const { seeds } = testSuiteSeeds(files);
      const lifted = seeds.filter((s) => s.kind === "program");
      expect(lifted.length / seeds.length).toBeGreaterThan(0.95);
      // Every fifth test that needs nothing beyond itself, as written (the prefix and the test) and as lifted.
      const sample = lifted.filter((s) => seedIssues(s).length === 0).filter((_, i) => i % 5 === 0);
      expect(await differing(sample.map((seed) => ({ seed, original: seed.source })))).toEqual([]);
    },
    600_000,
  );
});
