// The `ljfuzz` command line: parses arguments with commander, runs one
// command, and maps every outcome to an exit code (see ../errors.ts).
import { Command, CommanderError } from "commander";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { registerCommands } from "./commands/index.ts";

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command("ljfuzz")
    .description("Differential fuzzer for LuaJIT's arm64 JIT")
    .option("-v, --verbose", "print details of errors")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode: number = ExitCode.ok;
  registerCommands(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, program.opts<{ verbose?: boolean }>().verbose === true);
  }
}

function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are not errors; commander already printed them.
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    )
      return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof LjfuzzError) {
    process.stderr.write(`ljfuzz: ${error.message}\n`);
    if (verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ljfuzz: internal error: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return ExitCode.internal;
}
