// All subcommands. Each file registers one command on the program; a command
// reports its outcome through setExitCode (errors are thrown as LjfuzzError).
import type { Command } from "commander";
import type { SetExitCode } from "../options.ts";
import { registerBisect } from "./bisect.ts";
import { registerCoverage } from "./coverage.ts";
import { registerDecode } from "./decode.ts";
import { registerEncode } from "./encode.ts";
import { registerFuzz } from "./fuzz.ts";
import { registerMerge } from "./merge.ts";
import { registerReduce } from "./reduce.ts";
import { registerRegress } from "./regress.ts";
import { registerReport } from "./report.ts";
import { registerRun } from "./run.ts";
import { registerSanitize } from "./sanitize.ts";
import { registerTargets } from "./targets.ts";

export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerTargets(program, setExitCode);
  registerRun(program, setExitCode);
  registerFuzz(program, setExitCode);
  registerRegress(program, setExitCode);
  registerMerge(program, setExitCode);
  registerReduce(program, setExitCode);
  registerSanitize(program, setExitCode);
  registerBisect(program, setExitCode);
  registerReport(program, setExitCode);
  registerCoverage(program, setExitCode);
  registerEncode(program, setExitCode);
  registerDecode(program, setExitCode);
}
