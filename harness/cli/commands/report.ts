// `ljfuzz report CASE`: Markdown for the LuaJIT issue tracker.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode } from "../../errors.ts";
import { runDifferential } from "../../execution/differential.ts";
import { bugReport, type ReportRun } from "../../report/bug-report.ts";
import { resolveCase } from "../../report/case-input.ts";
import { ensureTarget, type TargetSpec, withX64 } from "../../targets/index.ts";
import { collect, positiveNumber, stderrLog, targetSpecs } from "../options.ts";
import type { SetExitCode } from "./index.ts";

export function registerReport(program: Command, setExitCode: SetExitCode): void {
  program
    .command("report")
    .description("write a bug report (Markdown) for a case: a corpus entry, a finding bundle or a .lua file")
    .argument("<case>", "corpus entry (folder or id), finding bundle folder, or .lua file")
    .option("-t, --target <name>", "builds to compare (repeatable; default: every catalog target)", collect)
    .option("--out <file>", "write the report here instead of stdout")
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .option("--no-x64", "do not run the x86-64 leg (+x64) of the affected arm64 builds")
    .action(async (arg: string, flags: { target?: string[]; out?: string; timeout: string; x64: boolean }) => {
      const input = resolveCase(arg);
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 20) * 1000;
      const runs: ReportRun[] = [];
      const runOn = async (spec: TargetSpec) => {
        if (runs.some((r) => r.target.name === spec.name)) return;
        const target = await ensureTarget(spec, { log: stderrLog });
        const options = { jitOptions: input.jitOptions, timeoutMs, dump: false };
        runs.push({ target, result: await runDifferential(target, input.program, options) });
      };
      const specs = targetSpecs(flags.target, false);
      for (const spec of specs) await runOn(spec);
      // Is it arm64-only? The x86-64 leg of each affected arm64 build says.
      if (flags.x64) {
        for (const run of [...runs]) {
          const { spec } = run.target;
          if (run.result.verdict !== "pass" && spec.arch === "arm64" && spec.source.kind !== "bin")
            await runOn(withX64(spec));
        }
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
