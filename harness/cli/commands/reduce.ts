// `ljfuzz reduce FILE.lua --target NAME`: shrink a program, generated or not,
// to a small one that still fails the same way on the target.
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { ExitCode } from "../../errors.ts";
import { parsePrngSeed } from "../../execution/index.ts";
import { readLuaProgram } from "../../lua/index.ts";
import { progressLine, type ReduceProgress, reduceFile } from "../../minimization/index.ts";
import { ensureTarget } from "../../targets/index.ts";
import {
  collect,
  existingFile,
  jitOptions,
  positiveNumber,
  type SetExitCode,
  stderrLog,
  targetSpecs,
} from "../options.ts";

interface ReduceFlags {
  target: string;
  out?: string;
  jitOpt?: string[];
  time?: string;
  jobs?: string;
  timeout?: string;
  assert?: boolean;
  json?: boolean;
  prngSeed?: string;
}

export function registerReduce(program: Command, setExitCode: SetExitCode): void {
  program
    .command("reduce")
    .description(
      "shrink a Lua program to a small one that still fails the same way on a target; the best so far is always on disk",
    )
    .argument("<file>", "the Lua program")
    .requiredOption("-t, --target <name>", "the target it fails on")
    .option("--out <file>", "where the reduced program goes (default: FILE.reduced.lua next to FILE)")
    .option(
      "--jit-opt <opt>",
      "a LuaJIT -O option for the runs, e.g. hotexit=2 or -fold (repeatable; default hotloop=1)",
      collect,
    )
    .option("--time <seconds>", "stop after this long and keep the best so far", "300")
    .option("--jobs <n>", "candidates tested at once (default: the number of cores)")
    .option("--timeout <seconds>", "kill a run after this long (candidates get less when the program is quick)", "10")
    .option("--assert", "use the +assert build of the target")
    .option(
      "--prng-seed <n>",
      "pin every run's PRNG (code addresses) to this seed, e.g. one `run --seeds` found it fails at (default: each program's own)",
    )
    .option("--json", "print one JSON summary instead of progress and text")
    .action(async (file: string, flags: ReduceFlags) => {
      const input = existingFile(file);
      readLuaProgram(input); // a syntax error is the user's: say so before building anything
      const output = resolve(flags.out ?? defaultOutput(input));
      const timeLimitMs = positiveNumber("--time", flags.time, 300) * 1000;
      const jobs = Math.floor(positiveNumber("--jobs", flags.jobs, availableParallelism()));
      const timeoutMs = positiveNumber("--timeout", flags.timeout, 10) * 1000;
      const jit = jitOptions(flags.jitOpt);
      const prngSeed = flags.prngSeed === undefined ? undefined : parsePrngSeed(flags.prngSeed);
      const [spec] = targetSpecs([flags.target], flags.assert === true);
      const target = await ensureTarget(spec!, { log: stderrLog });

      const view = progressLine({ quiet: flags.json === true });
      let latest: ReduceProgress | undefined;
      // Ctrl-C: the best so far is on disk already (every improvement is written at once); say where, and go.
      const onInterrupt = (): void => {
        view.stop();
        const kept = latest ? `the best so far (${latest.lines} lines) is in ${output}` : `nothing reduced yet`;
        process.stderr.write(`ljfuzz: interrupted; ${kept}\n`);
        process.exit(ExitCode.interrupted);
      };
      process.once("SIGINT", onInterrupt);
      process.once("SIGTERM", onInterrupt);
      try {
        const report = await reduceFile({
          input,
          output,
          target,
          jitOptions: jit,
          timeoutMs,
          timeLimitMs,
          jobs,
          prngSeed,
          onProgress: (p) => {
            latest = p;
            view.update(p);
          },
        });
        view.stop();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          const ended = report.fixpoint ? "" : " (time limit reached; a longer --time may shrink it further)";
          process.stdout.write(
            `${report.output}: ${report.linesAfter} lines, ${report.bytesAfter} bytes (from ${report.linesBefore} lines, ${report.bytesBefore} bytes), ` +
              `still ${report.signature} on ${report.target}${report.prngSeed === null ? "" : ` at PRNG seed ${report.prngSeed}`}; ${report.tests} tests in ${report.seconds} s${ended}\n`,
          );
        }
        setExitCode(ExitCode.ok);
      } finally {
        view.stop();
        process.removeListener("SIGINT", onInterrupt);
        process.removeListener("SIGTERM", onInterrupt);
      }
    });
}

/** FILE.lua → FILE.reduced.lua, next to it. */
export function defaultOutput(input: string): string {
  const name = basename(input).replace(/\.lua$/, "");
  return join(dirname(input), `${name}.reduced.lua`);
}
