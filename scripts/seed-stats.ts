// How many real programs lift into the program representation: the corpus
// entries and LuaJIT's test suite (per file and per test), why the others
// do not, whether printing what was lifted is a fixed point, and how many
// seeds need nothing beyond themselves.
//   npx tsx scripts/seed-stats.ts [--suite DIR|TAR.GZ] [--json]
import { Command } from "commander";
import { liftLua, printProgram, type Seed, seedIssues, testSuiteSeeds } from "../generators/index.ts";
import { readCorpusSeeds, testSuiteFiles, testSuiteFolder } from "../harness/seeds/index.ts";

const options = new Command("seed-stats")
  .option(
    "--suite <dir>",
    "LuaJIT's test suite (a folder or its .tar.gz); default: LJFUZZ_TEST_SUITE, or the archive in LJFUZZ_SOURCES",
  )
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ suite?: string; json?: boolean }>();

const tally = (xs: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

function summary(seeds: readonly Seed[]) {
  const lifted = seeds.filter((s) => s.kind === "program");
  const fixedPoint = lifted.filter((s) => {
    const printed = printProgram(s.program);
    const again = liftLua(printed);
    return again.ok && printProgram(again.program) === printed;
  }).length;
  return {
    seeds: seeds.length,
    lifted: lifted.length,
    fixedPoint,
    notLifted: tally(seeds.flatMap((s) => (s.kind === "text" ? [s.reason] : []))),
    selfContained: seeds.filter((s) => seedIssues(s).length === 0).length,
    needs: tally(seeds.flatMap(seedIssues)),
  };
}

const corpus = readCorpusSeeds();
const suiteDir = testSuiteFolder(options.suite);
const suite = suiteDir ? testSuiteSeeds(testSuiteFiles(suiteDir)) : null;
const result = {
  corpus: summary(corpus),
  testSuite: suite && {
    files: suite.reports.length,
    filesLifted: suite.reports.filter((r) => r.lifted === r.tests).length,
    skippedTests: suite.reports.reduce((n, r) => n + r.skipped, 0),
    filesNotLifted: Object.fromEntries(suite.reports.filter((r) => r.lifted < r.tests).map((r) => [r.path, r.reasons])),
    ...summary(suite.seeds),
  },
};
if (options.json) console.log(JSON.stringify(result, null, 2));
else {
  const line = (name: string, s: ReturnType<typeof summary>) =>
    `${name}: ${s.lifted} of ${s.seeds} lift (printing them again: ${s.fixedPoint} fixed points); ${s.selfContained} need nothing beyond themselves`;
  console.log(line("corpus", result.corpus));
  if (result.testSuite) {
    const t = result.testSuite;
    console.log(`${line("test suite tests", t)}; files: ${t.filesLifted} of ${t.files} lift whole`);
    console.log(`not lifted: ${JSON.stringify(t.notLifted)}`);
    console.log(`needs: ${JSON.stringify(t.needs)}`);
    for (const [path, reasons] of Object.entries(t.filesNotLifted)) console.log(`  ${path}: ${reasons.join("; ")}`);
  } else console.log("test suite: none (give --suite, or set LJFUZZ_SOURCES or LJFUZZ_TEST_SUITE)");
}
