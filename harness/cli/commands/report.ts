// `ljfuzz report CASE`: Markdown for the LuaJIT issue tracker.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode } from "../../errors.ts";
import { runDifferential } from "../../execution/index.ts";
import { bugReport, resolveCase } from "../../report/index.ts";
import { ensureTarget } from "../../targets/index.ts";
import { collect, positiveNumber, type SetExitCode, stderrLog, targetSpecs } from "../options.ts";

export function registerReport(program: Command, setExitCode: SetExitCode): void {
  program
    .command("report")
    .description("write a bug report (Markdown) for a case: a corpus entry, a finding bundle or a .lua file")
    .argument("<case>", "corpus entry (folder or id), finding bundle folder, or .lua file")
    .option("-t, --target <name>", "builds to compare (repeatable; default: every catalog target)", collect)
    .option("--out <file>", "write the report here instead of stdout")
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .action(async (arg: string, flags: { target?: string[]; out?: string; timeout: string }) => {
      const input = resolveCase(arg);
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 20) * 1000;
      const runs = [];
      for (const spec of targetSpecs(flags.target, false)) {
        const target = await ensureTarget(spec, { log: stderrLog });
        runs.push({
          target,
          result: await runDifferential(target, input.program, {
            jitOptions: input.jitOptions,
            timeoutMs,
            dump: false,
          }),
        });
      }
      const markdown = bugReport(input, runs);
      if (flags.out) {
        writeFileSync(flags.out, markdown);
        stderrLog(`report written to ${flags.out}`);
      } else {
        process.stdout.write(markdown);
      }
      setExitCode(ExitCode.ok);
    });
}
