// Which lines of a source file one +cov run reached and another did not,
// grouped by the function they are in: LuaJIT's test suite against a
// campaign, or a campaign before against after a change. Both files are
// what `--lines FILE` of coverage-suite.ts and coverage-campaign.ts wrote.
//   npx tsx scripts/coverage-gap.ts --base suite-lines.json --run campaign-lines.json [--file lj_asm_arm64.h] [--json]
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { coverageGap } from "../harness/coverage/index.ts";
import type { LineHitsFile } from "./coverage-files.ts";

const options = new Command("coverage-gap")
  .requiredOption("--base <file>", "the run whose lines count (e.g. the test suite's)")
  .requiredOption("--run <file>", "the run that may miss some of them (e.g. a campaign's)")
  .option("--file <name>", "the source file", "lj_asm_arm64.h")
  .option("--json", "print JSON")
  .parse(process.argv)
  .opts<{ base: string; run: string; file: string; json?: boolean }>();

const read = (path: string): LineHitsFile => JSON.parse(readFileSync(path, "utf8")) as LineHitsFile;
const pick = (doc: LineHitsFile) => doc.files.find((f) => f.file === options.file);
const base = pick(read(options.base));
if (!base) {
  process.stderr.write(`coverage-gap: ${options.base} has no counts for ${options.file}\n`);
  process.exit(2);
}
const gap = coverageGap(base, pick(read(options.run)));
if (options.json) process.stdout.write(`${JSON.stringify(gap, null, 2)}\n`);
else {
  const total = gap.reduce((n, g) => n + g.lines, 0);
  process.stdout.write(`${options.file}: ${total} lines run by ${options.base} and not by ${options.run}\n`);
  for (const g of gap) {
    const ranges = g.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(" ");
    process.stdout.write(`  ${String(g.lines).padStart(4)}  ${g.name.padEnd(22)} ${ranges}\n`);
  }
}
