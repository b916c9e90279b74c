// `ljfuzz report CASE`: Markdown for the LuaJIT issue tracker.
// `ljfuzz report --all --out DIR`: one report per open bug of the corpus, and an index.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CORPUS, isOpen, readCorpus } from "../../corpus/entry.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { entryCase, resolveCase } from "../../report/case-input.ts";
import { type IndexedReport, reportIndex } from "../../report/report-index.ts";
import { gatherFacts, reportMarkdown } from "../../report/report-runs.ts";
import { CATALOG, parseTargetSpec, type TargetSpec } from "../../targets/index.ts";
import { collect, positiveNumber, stderrLog, targetSpecs } from "../options.ts";
import type { SetExitCode } from "./index.ts";

interface ReportFlags {
  target?: string[];
  out?: string;
  timeout: string;
  all?: boolean;
  corpus: string;
}

/** Each build with its x86-64 leg after it (a bin: target has none: it is a given binary). */
function withX64Legs(specs: readonly TargetSpec[]): TargetSpec[] {
  return specs.flatMap((spec) =>
    spec.source.kind === "bin" || spec.name.endsWith("+x64") ? [spec] : [spec, parseTargetSpec(`${spec.name}+x64`)],
  );
}

export function registerReport(program: Command, setExitCode: SetExitCode): void {
  program
    .command("report")
    .description(
      "write a bug report (Markdown) for a case: a corpus entry, a finding bundle or a .lua file; --all: one per open corpus bug, and an index",
    )
    .argument("[case]", "corpus entry (folder or id), finding bundle folder, or .lua file")
    .option(
      "-t, --target <name>",
      "builds to run on, each with its x86-64 leg (repeatable; default: every catalog target); the first is the HEAD the reports are about",
      collect,
    )
    .option("--all", "a report for every open bug of the corpus (no upstream fix yet), and index.md; needs --out DIR")
    .option("--corpus <dir>", "the corpus folder, for --all", DEFAULT_CORPUS)
    .option("--out <path>", "write the report to this file (with --all: this folder) instead of stdout")
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .action(async (arg: string | undefined, flags: ReportFlags) => {
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 20) * 1000;
      if (flags.all ? arg !== undefined : arg === undefined)
        throw new LjfuzzError(ExitCode.usage, "report takes a case, or --all (not both)");
      if (flags.all && !flags.out) throw new LjfuzzError(ExitCode.usage, "report --all needs --out DIR");
      const named = targetSpecs(flags.target, false);
      // The HEAD: the first build named, else the newest of the catalog (it is listed oldest first).
      const head = flags.target?.[0] ? named[0]!.name : (CATALOG[CATALOG.length - 1]?.name ?? null);
      const options = { head, timeoutMs, log: stderrLog };
      if (!flags.all) {
        const input = resolveCase(arg!);
        const markdown = reportMarkdown(input, await gatherFacts(input, withX64Legs(named), options));
        if (flags.out) {
          writeFileSync(flags.out, markdown);
          stderrLog(`report written to ${flags.out}`);
        } else {
          process.stdout.write(markdown);
        }
        setExitCode(ExitCode.ok);
        return;
      }
      // Every report of --all runs on the builds named and on the whole catalog, each with its x86-64 leg.
      const names = [...new Set([...named.map((s) => s.name), ...CATALOG.map((e) => e.name)])];
      const specs = withX64Legs(names.map((name) => parseTargetSpec(name)));
      const entries = readCorpus(flags.corpus).filter(isOpen);
      const dir = flags.out!;
      mkdirSync(dir, { recursive: true });
      const written: IndexedReport[] = [];
      for (const entry of entries) {
        stderrLog(`report ${entry.id}`);
        const input = entryCase(entry);
        const facts = await gatherFacts(input, specs, options);
        const file = `${entry.id}.md`;
        writeFileSync(join(dir, file), reportMarkdown(input, facts));
        written.push({ input, facts, file });
      }
      writeFileSync(join(dir, "index.md"), reportIndex(written, head));
      stderrLog(`${written.length} reports and index.md written to ${dir}`);
      setExitCode(ExitCode.ok);
    });
}
