/**
 * Mutants on a real build: a few hundred of them, mutants of mutants among
 * them, run JIT on and off on the fixed build, many per process, as a
 * campaign screens them. A difference there is a known bug when the build
 * with the corpus's fixes agrees, else a bug of the generator. A sample
 * also goes through the sanitizer, which checks the rules at run time.
 * Mutants of seeds from real programs keep no rules by construction: a
 * difference there must be a known bug or break a rule the sanitizer sees.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCorpus } from "../../harness/corpus/entry.ts";
import { type BatchCase, runBatch } from "../../harness/execution/batch.ts";
import { runDifferential } from "../../harness/execution/differential.ts";
import { normalizeOutput } from "../../harness/execution/normalize.ts";
import { LuaParseError } from "../../harness/minimization/lua-syntax.ts";
import { ruleBroken } from "../../harness/sanitizer/checked-run.ts";
import { FIXED_TARGET, target } from "../../harness/testing/fixtures.ts";
import { testSuiteFiles, testSuiteFolder } from "../../harness/testing/test-suite.ts";
import {
  corpusSeeds,
  generateCase,
  MUTATOR_NAMES,
  type Mutant,
  mutateCase,
  type Seed,
  seedIssues,
  testSuiteSeeds,
} from "../index.ts";
import { mutateSeed, type SeedMutant } from "./seed.ts";

const dir = mkdtempSync(join(tmpdir(), "ljfuzz-mutants-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PARENTS = Array.from({ length: 30 }, (_, i) => generateCase(31, i));
const COUNT = 300;

const mutants: Mutant[] = Array.from({ length: COUNT }, (_, i) => {
  const parent = PARENTS[i % PARENTS.length]!;
  const donor = PARENTS[(i * 7 + 3) % PARENTS.length]!.plan;
  const m = mutateCase(parent.plan, i, { donor });
  return i % 3 === 2 ? mutateCase(m.plan, i, { donor }) : m;
});

const cases: BatchCase[] = mutants.map((m, index) => {
  const path = join(dir, `mutant-${index}.lua`);
  writeFileSync(path, m.source);
  return { index, path, jitOptions: m.jitOptions };
});

/**
 * The indexes of the cases whose JIT-on and JIT-off runs differ (a case
 * that kills the JIT-on process included); `generated`: the interpreter
 * must run each one to its end.
 */
async function disagreeing(batch: readonly BatchCase[], generated = true): Promise<number[]> {
  const t = await target(FIXED_TARGET);
  const out: number[] = [];
  let rest = batch;
  // A seed mutant may never end (a loop whose counter a mutator removed): its batch is cut short.
  const timeout = generated ? 300_000 : 30_000;
  while (rest.length > 0) {
    const [on, off] = await Promise.all([runBatch(t, rest, "on", timeout), runBatch(t, rest, "off", timeout)]);
    for (const c of rest) {
      const a = on.outputs.get(c.index);
      if (!a) break;
      const b = off.outputs.get(c.index);
      if (generated) expect(b?.ok, `the interpreter failed on mutant ${c.index}: ${b?.error}`).toBe(true);
      const text = (o: typeof a | undefined) => o && `${o.ok} ${normalizeOutput(o.output)} ${normalizeOutput(o.error)}`;
      if (text(a) !== text(b)) out.push(c.index);
    }
    const stop = on.unfinished ?? off.unfinished;
    if (stop === null) break;
    out.push(stop);
    rest = rest.filter((c) => c.index > stop);
  }
  return out;
}

describe(`${COUNT} mutants on ${FIXED_TARGET}`, () => {
  it("come from every mutator", () => {
    const made = new Set(mutants.map((m) => m.mutator));
    for (const name of MUTATOR_NAMES) expect(made, name).toContain(name);
  });

  it("run the same JIT on and off, but for known bugs (which the build with the corpus's fixes tells)", async () => {
    const chunks = [0, 1, 2].map((k) => cases.filter((c) => c.index % 3 === k));
    const differ = (await Promise.all(chunks.map((chunk) => disagreeing(chunk)))).flat();
    const fixed = await target(`${FIXED_TARGET}+fixes`);
    for (const index of differ) {
      const m = mutants[index]!;
      const r = await runDifferential(fixed, cases[index]!.path, {
        jitOptions: m.jitOptions,
        timeoutMs: 30_000,
        dump: false,
      });
      expect(r.verdict, `mutant ${index} (${m.mutator}) differs with the fixes too: ${r.reason}`).toBe("pass");
    }
    // Known bugs are rare: most mutants agree outright.
    expect(differ.length).toBeLessThan(COUNT / 20);
  }, 900_000);

  it("keep the rules when the sanitizer checks them at run time", async () => {
    const t = await target(FIXED_TARGET);
    for (let index = 0; index < COUNT; index += 10) {
      const m = mutants[index]!;
      expect(
        await ruleBroken(t, m.source, { jitOptions: m.jitOptions, timeoutMs: 30_000 }),
        `mutant ${index} (${m.mutator})`,
      ).toBeNull();
    }
  }, 600_000);
});

// Entries whose bug the fixes do not fix (no fix.patch) fail on the fixed build, and so do their mutants.
const corpus = corpusSeeds(
  readCorpus()
    .filter((e) => e.fixPatch !== null || e.expect[FIXED_TARGET]?.verdict === "pass")
    .map((e) => ({ id: e.id, source: readFileSync(e.program, "latin1"), jitOptions: e.jitOptions })),
);
const suite = testSuiteFolder();
// As a campaign would seed: the tests that need nothing beyond themselves (a traceback's depth, say, is no result).
const tests: Seed[] = suite
  ? testSuiteSeeds(testSuiteFiles(suite)).seeds.filter((s) => seedIssues(s).length === 0)
  : [];

/** `count` mutants of `seeds` (one in three of a mutant), as files. */
function seedMutants(seeds: readonly Seed[], count: number, prefix: string): { mutant: SeedMutant; case: BatchCase }[] {
  return Array.from({ length: count }, (_, index) => {
    const seed = seeds[(index * 7) % seeds.length]!;
    const donor = seeds[(index * 11 + 5) % seeds.length]!;
    let mutant = mutateSeed(seed, index, donor);
    if (index % 3 === 2 && mutant.kind === "program")
      mutant = mutateSeed(
        { kind: "program", origin: seed.origin, source: mutant.source, program: mutant.program },
        index,
      );
    const path = join(dir, `${prefix}-${index}.lua`);
    writeFileSync(path, mutant.source, "latin1");
    return { mutant, case: { index, path, jitOptions: mutant.jitOptions } };
  });
}

/**
 * Every difference explained: the sanitizer names a rule the mutant
 * breaks, or the build with the fixes agrees, or the mutant does not end.
 */
async function explained(made: readonly { mutant: SeedMutant; case: BatchCase }[]): Promise<void> {
  const chunks = [0, 1, 2, 3, 4, 5].map((k) => made.filter((m) => m.case.index % 6 === k).map((m) => m.case));
  const differ: number[] = [];
  // Two batches at a time: the machine has two cores.
  for (let k = 0; k < chunks.length; k += 2)
    differ.push(...(await Promise.all(chunks.slice(k, k + 2).map((chunk) => disagreeing(chunk, false)))).flat());
  const t = await target(FIXED_TARGET);
  const fixed = await target(`${FIXED_TARGET}+fixes`);
  for (const index of differ) {
    const { mutant, case: c } = made[index]!;
    // What luaparse cannot read, the sanitizer cannot check: the fixes must tell it.
    const rule = await ruleBroken(t, mutant.source, { jitOptions: mutant.jitOptions, timeoutMs: 10_000 }).catch(
      (e: unknown) => {
        if (e instanceof LuaParseError) return null;
        throw e;
      },
    );
    if (rule !== null) continue;
    const r = await runDifferential(fixed, c.path, { jitOptions: mutant.jitOptions, timeoutMs: 10_000, dump: false });
    expect(
      ["pass", "timeout"],
      `seed mutant ${index} (${mutant.mutator}) keeps the rules and differs with the fixes too: ${r.reason}`,
    ).toContain(r.verdict);
  }
}

describe(`mutants of seeds from real programs on ${FIXED_TARGET}`, () => {
  it("of corpus entries: every difference is a known bug or breaks a rule", async () => {
    await explained(seedMutants(corpus, 150, "corpus"));
  }, 900_000);

  it.skipIf(tests.length === 0)(
    "of LuaJIT's test suite: every difference is a known bug or breaks a rule",
    async () => {
      await explained(seedMutants(tests, 150, "suite"));
    },
    900_000,
  );
});
