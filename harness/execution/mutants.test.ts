/**
 * Mutants of generated cases on a real build: a few hundred of them,
 * mutants of mutants among them, run JIT on and off on the fixed build,
 * many per process, as a campaign screens them. A difference there is a
 * known bug when the build with the corpus's fixes agrees, else a bug of
 * the generators. A sample also goes through the sanitizer, which checks
 * the rules at run time. (Mutants of seeds from real programs:
 * seed-mutants.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCase, MUTATOR_NAMES, type Mutant, mutateCase } from "../../generators/index.ts";
import { ruleBroken } from "../sanitizer/index.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import { jitAgreement } from "./agreement.ts";
import type { BatchCase } from "./batch.ts";
import { runDifferential } from "./differential.ts";

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

describe(`${COUNT} mutants on ${FIXED_TARGET}`, () => {
  it("come from every mutator", () => {
    const made = new Set(mutants.map((m) => m.mutator));
    for (const name of MUTATOR_NAMES) expect(made, name).toContain(name);
  });

  it("run the same JIT on and off, but for known bugs (which the build with the corpus's fixes tells)", async () => {
    const t = await target(FIXED_TARGET);
    const chunks = [0, 1, 2].map((k) => cases.filter((c) => c.index % 3 === k));
    const results = await Promise.all(chunks.map((chunk) => jitAgreement(t, chunk, 30_000)));
    // The interpreter runs every mutant to its end.
    expect(results.flatMap((r) => [...r.unended, ...r.failedOff])).toEqual([]);
    const differ = results.flatMap((r) => r.differing);
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
