/**
 * Mutants of seeds from real programs (corpus entries, tests of LuaJIT's
 * test suite) on a real build, mutants of mutants among them. Nothing keeps
 * the generator's rules in them, so they are guarded as a campaign must
 * guard them: a mutant the sanitizer finds breaking a rule, or that the
 * interpreter does not run to its end (a mutated step of a loop or of a
 * recursion), is refused. Every other one runs the same JIT on and off,
 * or its difference is a known bug: the build with the corpus's fixes
 * agrees. Anything else is a bug of the lifter, the mutators or the seeds'
 * selection (seedIssues).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pLimit from "p-limit";
import { afterAll, describe, expect, it } from "vitest";
import { mutateSeed, type Seed, type SeedMutant, seedOf } from "../../generators/index.ts";
import { readCorpus } from "../corpus/index.ts";
import { LuaParseError } from "../lua/index.ts";
import { ruleBroken } from "../sanitizer/index.ts";
import { readCorpusSeeds, selfContainedSuiteSeeds, testSuiteFolder } from "../seeds/index.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import { jitAgreement } from "./agreement.ts";
import type { BatchCase } from "./batch.ts";
import { runDifferential } from "./differential.ts";

const dir = mkdtempSync(join(tmpdir(), "ljfuzz-seed-mutants-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNT = 120;
/** Per run, for one mutant alone; seed mutants are small programs, but some loop for long. */
const TIMEOUT_MS = 10_000;

// Entries whose bug the fixes do not fix (no fix.patch) fail on the fixed build, and so do their mutants.
const corpus = readCorpusSeeds(
  readCorpus().filter((e) => e.fixPatch !== null || e.expect[FIXED_TARGET]?.verdict === "pass"),
);
const suite = testSuiteFolder();
// As a campaign seeds: the tests that need nothing beyond themselves.
const tests: Seed[] = suite ? selfContainedSuiteSeeds(suite) : [];

/** `COUNT` mutants of `seeds`, one in three a mutant of a mutant kept as a campaign keeps it (its text), as files. */
function seedMutants(seeds: readonly Seed[], prefix: string): { mutant: SeedMutant; case: BatchCase }[] {
  return Array.from({ length: COUNT }, (_, index) => {
    const seed = seeds[(index * 7) % seeds.length]!;
    const donor = seeds[(index * 11 + 5) % seeds.length]!;
    let mutant = mutateSeed(seed, index, donor);
    if (index % 3 === 2) mutant = mutateSeed(seedOf(seed.origin, mutant.source, mutant.jitOptions), index, donor);
    const path = join(dir, `${prefix}-${index}.lua`);
    writeFileSync(path, mutant.source, "latin1");
    return { mutant, case: { index, path, jitOptions: mutant.jitOptions } };
  });
}

/** The sanitizer's verdict: the rule broken, or null (what luaparse cannot read, it cannot check: null too). */
async function rule(t: Awaited<ReturnType<typeof target>>, m: SeedMutant): Promise<string | null> {
  return ruleBroken(t, m.source, { jitOptions: m.jitOptions, timeoutMs: TIMEOUT_MS }).catch((e: unknown) => {
    if (e instanceof LuaParseError) return null;
    throw e;
  });
}

/**
 * Screens `made` as described above and checks that every mutant the
 * guards let through agrees, or is a known bug. Returns the counts.
 */
async function screened(made: readonly { mutant: SeedMutant; case: BatchCase }[]) {
  const t = await target(FIXED_TARGET);
  const limit = pLimit(2); // the machine's two cores
  const rules = await Promise.all(made.map(({ mutant }) => limit(() => rule(t, mutant))));
  const chunks = [0, 1].map((k) => made.filter((m) => m.case.index % 2 === k).map((m) => m.case));
  const agreement = await Promise.all(chunks.map((chunk) => jitAgreement(t, chunk, TIMEOUT_MS)));
  const valid = (i: number) => rules[i] === null;
  const unended = agreement.flatMap((a) => a.unended).filter(valid);
  const differing = agreement.flatMap((a) => a.differing).filter(valid);
  const fixed = await target(`${FIXED_TARGET}+fixes`);
  for (const index of differing) {
    const { mutant, case: c } = made[index]!;
    const r = await runDifferential(fixed, c.path, {
      jitOptions: mutant.jitOptions,
      timeoutMs: TIMEOUT_MS,
      dump: false,
    });
    expect(
      r.verdict,
      `seed mutant ${index} (${mutant.mutator}) keeps the rules and differs with the fixes too: ${r.reason}`,
    ).toBe("pass");
  }
  return {
    sanitizerPasses: rules.filter((r) => r === null).length,
    unended: unended.length,
    knownBugs: differing.length,
  };
}

describe(`mutants of seeds from real programs on ${FIXED_TARGET}`, () => {
  it("of corpus entries: those the sanitizer lets through agree JIT on and off, or show a known bug", async () => {
    const counts = await screened(seedMutants(corpus, "corpus"));
    // The guard refuses few: the mutants are programs a campaign can use.
    expect(counts.sanitizerPasses).toBeGreaterThan(0.8 * COUNT);
    expect(counts.unended).toBeLessThan(0.05 * COUNT);
  }, 900_000);

  it.skipIf(tests.length === 0)(
    "of LuaJIT's test suite: those the sanitizer lets through agree JIT on and off, or show a known bug",
    async () => {
      const counts = await screened(seedMutants(tests, "suite"));
      expect(counts.sanitizerPasses).toBeGreaterThan(0.8 * COUNT);
      expect(counts.unended).toBeLessThan(0.05 * COUNT);
      // The fixed build's known bugs are rare in the test suite's programs.
      expect(counts.knownBugs).toBeLessThan(0.05 * COUNT);
    },
    900_000,
  );
});
