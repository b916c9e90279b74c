// How valid mutants are, on a real build: for mutants of generated cases
// (the plan mutators), of corpus entries and of LuaJIT's test suite (the
// seed mutators), the share that passes the static checks (generated
// only: bounds, strict aliasing, clean stores), the sanitizer, and JIT on
// against JIT off; each difference is looked at on the build with the
// corpus's fixes and by the sanitizer. An unexplained difference of a
// corpus seed's mutant may be the entry's own bug when it has no fix.
//   npx tsx scripts/mutant-validity.ts [--target T] [--count 300] [--suite DIR|TAR.GZ] [--json]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import pLimit from "p-limit";
import {
  aliasConflicts,
  checkBounds,
  checkClean,
  generateCase,
  mutateCase,
  mutateSeed,
  type Seed,
} from "../generators/index.ts";
import { type BatchCase, normalizeOutput, runBatch, runDifferential } from "../harness/execution/index.ts";
import { LuaParseError } from "../harness/lua/index.ts";
import { ruleBroken } from "../harness/sanitizer/index.ts";
import { readCorpusSeeds, selfContainedSuiteSeeds, testSuiteFolder } from "../harness/seeds/index.ts";
import { ensureTarget, parseTargetSpec, type Target } from "../harness/targets/index.ts";

const options = new Command("mutant-validity")
  .option("--target <name>", "the target", "openresty-2025")
  .option("--count <n>", "mutants of each kind", "300")
  .option(
    "--suite <dir>",
    "LuaJIT's test suite (a folder or its .tar.gz); default: LJFUZZ_TEST_SUITE, or the archive in LJFUZZ_SOURCES",
  )
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ target: string; count: string; suite?: string; json?: boolean }>();

type Made = { source: string; jitOptions: readonly string[]; mutator: string; origin?: string; static?: boolean };

const count = Number(options.count);
const dir = mkdtempSync(join(tmpdir(), "ljfuzz-validity-"));
const target = await ensureTarget(parseTargetSpec(options.target));
const fixed = await ensureTarget(parseTargetSpec(`${options.target}+fixes`));
const limit = pLimit(availableParallelism());

function generated(): Made[] {
  const parents = Array.from({ length: 50 }, (_, i) => generateCase(41, i));
  return Array.from({ length: count }, (_, i) => {
    const donor = parents[(i * 7 + 3) % parents.length]!.plan;
    let m = mutateCase(parents[i % parents.length]!.plan, i, { donor });
    if (i % 3 === 2) m = mutateCase(m.plan, i, { donor });
    const ok = checkBounds(m.program).errors.length === 0 && aliasConflicts(m.program).length === 0;
    return {
      source: m.source,
      jitOptions: m.jitOptions,
      mutator: m.mutator,
      static: ok && checkClean(m.program).length === 0,
    };
  });
}

function ofSeeds(seeds: readonly Seed[]): Made[] {
  return Array.from({ length: count }, (_, i) => {
    const seed = seeds[(i * 7) % seeds.length]!;
    const m = mutateSeed(seed, i, seeds[(i * 11 + 5) % seeds.length]);
    return { source: m.source, jitOptions: m.jitOptions, mutator: m.mutator, origin: seed.origin };
  });
}

/** JIT on against off, in batches; the indexes that differ (or that a batch died or stopped at). */
async function differing(made: readonly Made[], prefix: string): Promise<number[]> {
  const cases: BatchCase[] = made.map((m, index) => {
    const path = join(dir, `${prefix}-${index}.lua`);
    writeFileSync(path, m.source, "latin1");
    return { index, path, jitOptions: m.jitOptions };
  });
  const text = (o: { ok: boolean; output: string; error: string } | undefined) =>
    o && `${o.ok} ${normalizeOutput(o.output)} ${normalizeOutput(o.error)}`;
  const chunks = Array.from({ length: Math.ceil(cases.length / 25) }, (_, k) => cases.slice(25 * k, 25 * k + 25));
  const out = await Promise.all(
    chunks.map((chunk) =>
      limit(async () => {
        const found: number[] = [];
        let rest = chunk;
        while (rest.length > 0) {
          const [on, off] = await Promise.all([
            runBatch(target, rest, "on", 30_000),
            runBatch(target, rest, "off", 30_000),
          ]);
          for (const c of rest) {
            if (!on.outputs.has(c.index) || !off.outputs.has(c.index)) break;
            if (text(on.outputs.get(c.index)) !== text(off.outputs.get(c.index))) found.push(c.index);
          }
          const stop = on.unfinished ?? off.unfinished;
          if (stop === null) break;
          found.push(stop);
          rest = rest.filter((c) => c.index > stop);
        }
        return found;
      }),
    ),
  );
  return out.flat();
}

async function measure(made: readonly Made[], prefix: string) {
  // The sanitizer reads the program with luaparse: what luaparse cannot read, it cannot check.
  const sanitized = await Promise.all(
    made.map((m) =>
      limit(() =>
        ruleBroken(target, m.source, { jitOptions: m.jitOptions, timeoutMs: 10_000 }).catch((e: unknown) => {
          if (e instanceof LuaParseError) return "unchecked: luaparse cannot read it";
          throw e;
        }),
      ),
    ),
  );
  const differ = await differing(made, prefix);
  const verdicts = await Promise.all(
    differ.map((i) =>
      limit(async () => {
        const r = await runDifferential(fixed as Target, join(dir, `${prefix}-${i}.lua`), {
          jitOptions: made[i]!.jitOptions,
          timeoutMs: 10_000,
          dump: false,
        });
        const { mutator, origin } = made[i]!;
        return { index: i, mutator, origin, rule: sanitized[i] ?? null, withFixes: r.verdict };
      }),
    ),
  );
  const percent = (n: number) => Math.round((1000 * n) / made.length) / 10;
  return {
    mutants: made.length,
    staticChecks: made[0]?.static === undefined ? null : percent(made.filter((m) => m.static).length),
    sanitizerPasses: percent(sanitized.filter((r) => r === null).length),
    sanitizerCannotRead: sanitized.filter((r) => r?.startsWith("unchecked")).length,
    jitAgreement: percent(made.length - differ.length),
    differences: verdicts,
    unexplained: verdicts.filter(
      (v) => (v.rule === null || v.rule.startsWith("unchecked")) && v.withFixes !== "pass" && v.withFixes !== "timeout",
    ),
  };
}

const corpus = readCorpusSeeds();
const suiteDir = testSuiteFolder(options.suite);
// As a campaign would seed: the tests that need nothing beyond themselves.
const suite = suiteDir ? selfContainedSuiteSeeds(suiteDir) : [];
const result = {
  target: options.target,
  generated: await measure(generated(), "generated"),
  corpusSeeds: await measure(ofSeeds(corpus), "corpus"),
  testSuiteSeeds: suite.length > 0 ? await measure(ofSeeds(suite), "suite") : null,
};
rmSync(dir, { recursive: true, force: true });
if (options.json) console.log(JSON.stringify(result, null, 2));
else {
  for (const [kind, r] of Object.entries(result)) {
    if (typeof r !== "object" || r === null) continue;
    console.log(
      `${kind}: ${r.mutants} mutants; static checks ${r.staticChecks ?? "-"}%, sanitizer passes ${r.sanitizerPasses}%, JIT on/off agree ${r.jitAgreement}%; differences: ${r.differences.length} (${r.differences.filter((d) => d.rule !== null).length} break a rule, ${r.differences.filter((d) => d.withFixes === "pass").length} pass with the fixes, ${r.differences.filter((d) => d.withFixes === "timeout").length} never end, ${r.unexplained.length} unexplained)`,
    );
    for (const u of r.unexplained)
      console.log(`  unexplained: mutant ${u.index} of ${u.origin} (${u.mutator}): ${u.withFixes} with the fixes`);
  }
}
