// `ljfuzz run FILE.lua`: does LuaJIT miscompile this program?
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import pLimit from "p-limit";
import { ExitCode } from "../../errors.ts";
import { parsePrngSeed, programSeed, runDifferential, type TargetResult } from "../../execution/index.ts";
import { MAX_SWEEP_SEEDS, sweepFile } from "../../reproduction/index.ts";
import { ensureTargets } from "../../targets/index.ts";
import { formatResultDetails, formatResultLine } from "../format-result.ts";
import { formatSweepLine, sweepReport } from "../format-sweep.ts";
import {
  collect,
  existingFile,
  jitOptions,
  positiveNumber,
  type SetExitCode,
  seedCount,
  stderrLog,
  targetSpecs,
} from "../options.ts";

interface RunFlags {
  target?: string[];
  json?: boolean;
  timeout?: string;
  jitOpt?: string[];
  assert?: boolean;
  details?: boolean;
  dump?: boolean;
  prngSeed?: string;
  seeds?: string;
}

export function registerRun(program: Command, setExitCode: SetExitCode): void {
  program
    .command("run")
    .description("run a Lua file with the JIT on and off on each target and compare")
    .argument("<file>", "the Lua program")
    .option("-t, --target <name>", "a target (repeatable; default: every catalog target)", collect)
    .option(
      "--jit-opt <opt>",
      "a LuaJIT -O option for the JIT run, e.g. hotexit=2 or -fold (repeatable; default hotloop=1)",
      collect,
    )
    .option("--timeout <seconds>", "kill a run after this long", "10")
    .option("--assert", "use the +assert build of each target")
    .option("--json", "print one JSON object per target (a JSON array)")
    .option("--details", "print what differed, the traces and the oracle's findings")
    .option("--no-dump", "do not keep LuaJIT's -jdump text")
    .option("--prng-seed <n>", "pin LuaJIT's PRNG (code addresses) to this seed (default: the program's own)")
    .option("--seeds <n>", "run at N seeds, the first one's and N-1 derived from it, and say at which it fails")
    .action(async (file: string, flags: RunFlags) => {
      const path = existingFile(file);
      const specs = targetSpecs(flags.target, flags.assert === true);
      const options = {
        jitOptions: jitOptions(flags.jitOpt),
        timeoutMs: positiveNumber("--timeout", flags.timeout, 10) * 1000,
        dump: flags.dump !== false,
        prngSeed: flags.prngSeed === undefined ? programSeed(path) : parsePrngSeed(flags.prngSeed),
      };
      const seeds = flags.seeds === undefined ? undefined : seedCount("--seeds", flags.seeds, 1, MAX_SWEEP_SEEDS);
      const targets = await ensureTargets(specs, { log: stderrLog });
      // Each differential run starts two processes: one target per two cores.
      const limit = pLimit(Math.max(1, Math.floor(availableParallelism() / 2)));
      if (seeds !== undefined) {
        const sweeps = await Promise.all(
          targets.map((target) =>
            limit(() =>
              sweepFile(
                (prngSeed) => runDifferential(target, path, { ...options, dump: false, prngSeed }),
                options.prngSeed,
                seeds,
              ),
            ),
          ),
        );
        const reports = sweeps.map((sweep, i) => sweepReport(targets[i]!.name, sweep));
        if (flags.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
        else
          for (const [i, sweep] of sweeps.entries()) {
            process.stdout.write(`${formatSweepLine(reports[i]!, sweep.decisive.result.replay)}\n`);
            if (flags.details) process.stdout.write(`${formatResultDetails(sweep.decisive.result)}\n`);
          }
        setExitCode(exitCodeOf(sweeps.flatMap((sweep) => sweep.runs.map((r) => r.result))));
        return;
      }
      const results = await Promise.all(targets.map((target) => limit(() => runDifferential(target, path, options))));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
      } else {
        for (const result of results) {
          process.stdout.write(`${formatResultLine(result)}\n`);
          if (flags.details) process.stdout.write(`${formatResultDetails(result)}\n`);
        }
      }
      setExitCode(exitCodeOf(results));
    });
}

export function exitCodeOf(results: readonly TargetResult[]): number {
  if (results.some((r) => r.verdict === "error")) return ExitCode.internal;
  if (results.some((r) => r.verdict !== "pass")) return ExitCode.finding;
  return ExitCode.ok;
}
