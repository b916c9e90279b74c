// `ljfuzz regress`: replay every corpus entry on the targets and fail when a
// verdict differs from the expectation. An entry with no expectation for a
// target is run there too and listed as not checked, never counted as passed.
import type { Command } from "commander";
import {
  acceptedOutcomes,
  DEFAULT_CORPUS,
  type Expectation,
  type RegressionOutcome,
  readCorpus,
  replay,
} from "../../corpus/index.ts";
import { ExitCode } from "../../errors.ts";
import { CATALOG, ensureTarget, parseTargetSpec, type Target } from "../../targets/index.ts";
import { collect, positiveNumber, type SetExitCode, stderrLog } from "../options.ts";

export function registerRegress(program: Command, setExitCode: SetExitCode): void {
  program
    .command("regress")
    .description("replay the corpus and fail on any verdict that differs from its expectation")
    .option("-t, --target <name>", "only these targets (repeatable; default: the catalog targets)", collect)
    .option("--corpus <dir>", "the corpus folder", DEFAULT_CORPUS)
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .option("--json", "print the outcomes as JSON")
    .action(async (flags: { target?: string[]; corpus: string; timeout: string; json?: boolean }) => {
      const entries = readCorpus(flags.corpus);
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 20) * 1000;
      // By default the catalog targets; others (git:…, which need a network; +x64 legs) only when named.
      const wanted = [
        ...new Set(flags.target?.map((name) => parseTargetSpec(name).name) ?? CATALOG.map((e) => e.name)),
      ];
      const targets: Target[] = [];
      for (const name of wanted) targets.push(await ensureTarget(parseTargetSpec(name), { log: stderrLog }));
      const outcomes: RegressionOutcome[] = [];
      for (const entry of entries) {
        for (const target of targets) {
          const outcome = await replay(entry, target, { timeoutMs, dump: false });
          outcomes.push(outcome);
          if (!flags.json) process.stdout.write(`${regressionLine(outcome)}\n`);
        }
      }
      if (flags.json) {
        const summary = outcomes.map(({ entry, target, expected, actual, ok }) => ({
          entry,
          target,
          expected,
          actual,
          ok,
        }));
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      }
      const failed = outcomes.filter((o) => o.ok === false).length;
      const unchecked = outcomes.filter((o) => o.ok === null).length;
      const passed = outcomes.length - failed - unchecked;
      if (!flags.json) {
        if (unchecked > 0)
          process.stdout.write(
            `${unchecked} run(s) had no expectation for their target: listed as 'none', not checked\n`,
          );
        process.stdout.write(`${passed} passed, ${failed} failed, ${unchecked} skipped\n`);
      }
      setExitCode(failed > 0 ? ExitCode.finding : ExitCode.ok);
    });
}

function regressionLine(outcome: RegressionOutcome): string {
  const one = (e: { verdict: string; signal: string | null }) => `${e.verdict}${e.signal ? `/${e.signal}` : ""}`;
  const show = (e: Expectation) => acceptedOutcomes(e).map(one).join(" or ");
  const mark = outcome.ok === null ? "none" : outcome.ok ? "ok  " : "FAIL";
  const expected =
    outcome.expected === null ? `no expectation for ${outcome.target}` : `expected ${show(outcome.expected)}`;
  return `${mark} ${outcome.entry}  ${outcome.target.padEnd(16)} ${expected}, got ${show(outcome.actual)}`;
}
