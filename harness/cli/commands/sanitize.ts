// `ljfuzz sanitize FILE.lua`: does this program keep the generator's rules?
// One interpreted run of its checked copy (sanitizer/) lists every rule it
// breaks, with its line and column; exit 0 when it keeps them all, 1 when it
// breaks one.
import type { Command } from "commander";
import { ExitCode, LjfuzzError } from "../../errors.ts";
import { readLuaProgram } from "../../lua/index.ts";
import { checkRules, describeViolation, uncheckedSites } from "../../sanitizer/index.ts";
import { ensureTarget } from "../../targets/index.ts";
import { existingFile, positiveNumber, type SetExitCode, stderrLog, targetSpecs } from "../options.ts";

interface SanitizeFlags {
  target: string;
  timeout?: string;
  json?: boolean;
}

/** Any build interprets the same: the newest catalog target by default. */
const DEFAULT_TARGET = "openresty-2025";

export function registerSanitize(program: Command, setExitCode: SetExitCode): void {
  program
    .command("sanitize")
    .description("check a Lua program against the rules of a valid program (memory, NaN, exact integers, fields)")
    .argument("<file>", "the Lua program")
    .option("-t, --target <name>", "the build whose interpreter runs the checked program", DEFAULT_TARGET)
    .option("--timeout <seconds>", "kill the checked run after this long", "60")
    .option("--json", "print one JSON object")
    .action(async (file: string, flags: SanitizeFlags) => {
      const input = existingFile(file);
      const source = readLuaProgram(input);
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 60) * 1000;
      const [spec] = targetSpecs([flags.target], false);
      const target = await ensureTarget(spec!, { log: stderrLog });
      const check = await checkRules(target, source, { jitOptions: [], timeoutMs, cwd: undefined });
      const unchecked = uncheckedSites(source);
      const complete = check.ended === "finished";
      if (flags.json) {
        const report = {
          file: input,
          target: target.name,
          clean: complete && check.violations.length === 0,
          ended: check.ended,
          error: check.error,
          signal: check.signal,
          violations: check.violations.map((v) => ({ ...v, message: describeViolation(v) })),
          unchecked,
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        for (const v of check.violations)
          process.stdout.write(
            `${file}:${v.line}:${v.column === null ? "" : `${v.column}:`} ${v.rule}: ${describeViolation(v).replace(/^[^:]*: /, "")}\n`,
          );
        for (const u of unchecked) process.stdout.write(`${file}:${u.line}: not checked: ${u.what}\n`);
        if (check.error !== null)
          process.stdout.write(`${file}: the program ended with its own error: ${check.error}\n`);
        if (complete && check.violations.length === 0) process.stdout.write(`${file}: keeps every rule\n`);
      }
      if (check.violations.length > 0) {
        setExitCode(ExitCode.finding);
        return;
      }
      if (!complete) {
        const how = check.ended === "timeout" ? `timed out after ${timeoutMs / 1000} s` : `died by ${check.signal}`;
        throw new LjfuzzError(
          ExitCode.internal,
          `cannot tell: the checked run of ${file} ${how}, with no rule broken before`,
        );
      }
      setExitCode(ExitCode.ok);
    });
}
