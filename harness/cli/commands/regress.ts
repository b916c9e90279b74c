// `ljfuzz regress`: replay every corpus entry on the targets it names and
// fail when a verdict differs from the expectation.
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
      // By default the catalog targets; others (git:…, which need a network) only when named.
      const wanted = flags.target?.map((name) => parseTargetSpec(name).name) ?? CATALOG.map((entry) => entry.name);
      const names = [...new Set(entries.flatMap((e) => Object.keys(e.expect)))].filter((n) => wanted.includes(n));
      const targets = new Map<string, Target>();
      for (const name of names) targets.set(name, await ensureTarget(parseTargetSpec(name), { log: stderrLog }));
      const outcomes: RegressionOutcome[] = [];
      for (const entry of entries) {
        for (const target of targets.values()) {
          const outcome = await replay(entry, target, { timeoutMs, dump: false });
          if (!outcome) continue;
          outcomes.push(outcome);
          if (!flags.json) {
            const mark = outcome.ok ? "ok  " : "FAIL";
            const one = (e: { verdict: string; signal: string | null }) =>
              `${e.verdict}${e.signal ? `/${e.signal}` : ""}`;
            const show = (e: Expectation) => acceptedOutcomes(e).map(one).join(" or ");
            process.stdout.write(
              `${mark} ${entry.id}  ${target.name.padEnd(16)} expected ${show(outcome.expected)}, got ${show(outcome.actual)}\n`,
            );
          }
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
      const failed = outcomes.filter((o) => !o.ok).length;
      if (!flags.json) process.stdout.write(`${outcomes.length - failed} passed, ${failed} failed\n`);
      setExitCode(failed > 0 ? ExitCode.finding : ExitCode.ok);
    });
}
