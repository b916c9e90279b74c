// `ljfuzz bisect CASE --repo URL --from REV --to REV`: the commit where a
// program's behaviour on LuaJIT changed (a bug appearing, or its fix).
import type { Command } from "commander";
import { ExitCode } from "../../errors.ts";
import { resolveCase } from "../../report/index.ts";
import { bisect } from "../../triage/index.ts";
import { positiveNumber, type SetExitCode, stderrLog } from "../options.ts";

export function registerBisect(program: Command, setExitCode: SetExitCode): void {
  program
    .command("bisect")
    .description("find the commit where a case's signature changed, building LuaJIT at the commits in between")
    .argument("<case>", "corpus entry (folder or id), finding bundle folder, or .lua file")
    .requiredOption("--repo <url>", "a LuaJIT git repository (URL or path)")
    .requiredOption("--from <rev>", "a revision with the old behaviour")
    .requiredOption("--to <rev>", "a revision with the new behaviour")
    .option("--timeout <seconds>", "kill a run after this long", "20")
    .option("--json", "print the result as JSON")
    .action(async (arg: string, flags: { repo: string; from: string; to: string; timeout: string; json?: boolean }) => {
      const input = resolveCase(arg);
      const result = await bisect({
        url: flags.repo,
        from: flags.from,
        to: flags.to,
        program: input.program,
        jitOptions: input.jitOptions,
        timeoutMs: positiveNumber("--timeout", flags.timeout, 20) * 1000,
        log: stderrLog,
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        process.stdout.write(
          [
            `${result.before} -> ${result.after} among ${result.candidates} commit(s), ${result.tested.length} built and run`,
            `last ${result.before}: ${result.lastBefore.commit}  ${result.lastBefore.subject}`,
            `first ${result.after}: ${result.firstAfter.commit}  ${result.firstAfter.subject}`,
            "",
          ].join("\n"),
        );
      }
      setExitCode(ExitCode.ok);
    });
}
