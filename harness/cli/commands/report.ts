// `ljfuzz report CASE`: Markdown for the LuaJIT issue tracker.
// `ljfuzz report --all --out DIR`: one report per open bug of the corpus, and an index.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CORPUS, isOpen, readCorpus } from "../../corpus/index.ts";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import {
  entryCase,
  gatherFacts,
  type IndexedReport,
  reportIndex,
  reportMarkdown,
  resolveCase,
} from "../../report/index.ts";
import { CATALOG, parseTargetSpec } from "../../targets/index.ts";
import { collect, positiveNumber, type SetExitCode, stderrLog, targetSpecs } from "../options.ts";

interface ReportFlags {
  target?: string[];
  out?: string;
  timeout: string;
  all?: boolean;
  corpus: string;
  x64: boolean;
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
      "builds to run on (repeatable; default: every catalog target); the first is the HEAD the reports are about",
      collect,
    )
    .option("--all", "a report for every open bug of the corpus (no upstream fix yet), and index.md; needs --out DIR")
    .option("--corpus <dir>", "the corpus folder, for --all", DEFAULT_CORPUS)
    .option("--out <path>", "write the report to this file (with --all: this folder) instead of stdout")
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .option("--no-x64", "do not run the x86-64 legs (+x64) of HEAD and of the affected arm64 builds")
    .action(async (arg: string | undefined, flags: ReportFlags) => {
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 20) * 1000;
      if (flags.all ? arg !== undefined : arg === undefined)
        throw new LjfuzzError(ExitCode.usage, "report takes a case, or --all (not both)");
      if (flags.all && !flags.out) throw new LjfuzzError(ExitCode.usage, "report --all needs --out DIR");
      const named = targetSpecs(flags.target, false);
      // The HEAD: the first build named, else the newest of the catalog (it is listed oldest first).
      const head = flags.target?.[0] ? named[0]!.name : (CATALOG[CATALOG.length - 1]?.name ?? null);
      const options = { head, timeoutMs, x64: flags.x64, log: stderrLog };
      if (!flags.all) {
        const input = resolveCase(arg!);
        const markdown = reportMarkdown(input, await gatherFacts(input, named, options));
        if (flags.out) {
          writeFileSync(flags.out, markdown);
          stderrLog(`report written to ${flags.out}`);
        } else {
          process.stdout.write(markdown);
        }
        setExitCode(ExitCode.ok);
        return;
      }
      // Every report of --all runs on the builds named and on the whole catalog.
      const names = [...new Set([...named.map((s) => s.name), ...CATALOG.map((e) => e.name)])];
      const specs = names.map((name) => parseTargetSpec(name));
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
