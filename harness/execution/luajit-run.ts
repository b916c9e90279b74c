// Runs one Lua file on one target in one mode: JIT on (with the probe
// recording every trace) or JIT off. The probe also checks the syntax with
// the target's own parser, so a file LuaJIT cannot parse is told apart.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ProbeLog, parseProbeLog } from "../probe/trace.ts";
import { aarch64Command } from "../targets/host.ts";
import type { Target } from "../targets/build.ts";
import { jitOptionArgument } from "./jit-options.ts";
import { fastLoad } from "./fast-load.ts";
import { type ProcessOutcome, runProcess } from "./process.ts";

/** The probe exits with this code, after its marker line, on a syntax error. */
export const SYNTAX_ERROR_EXIT = 97;
export const SYNTAX_ERROR_MARKER = "ljfuzz-syntax-error: ";

export type JitMode = "on" | "off";

export interface ModeRunOptions {
  readonly mode: JitMode;
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Keep LuaJIT's own -jdump text too (JIT-on only). */
  readonly dump: boolean;
  readonly cwd?: string;
}

export interface ModeRun {
  readonly mode: JitMode;
  readonly outcome: ProcessOutcome;
  /** The LuaJIT syntax error message, when the file does not parse. */
  readonly syntaxError: string | null;
  /** What the probe recorded (JIT-on only). */
  readonly probe: ProbeLog | null;
  readonly dump: string | null;
}

/**
 * The JIT-on run loads the probe first (it also checks the syntax with the
 * target's own parser); the JIT-off run is LuaJIT alone.
 */
export function luajitArguments(file: string, mode: JitMode, jitOptions: readonly string[]): string[] {
  if (mode === "off") return [jitOptionArgument(jitOptions), "-joff", file];
  return [jitOptionArgument(jitOptions), "-e", "dofile(os.getenv('LJFUZZ_PROBE'))", file];
}

export async function runMode(target: Target, file: string, options: ModeRunOptions): Promise<ModeRun> {
  const scratch = mkdtempSync(join(tmpdir(), "ljfuzz-run-"));
  try {
    const probeOut = join(scratch, "probe.jsonl");
    const dumpOut = join(scratch, "dump.txt");
    const load = await fastLoad(target);
    const env: Record<string, string> = {
      LJFUZZ_PROBE: load.probe,
      LJFUZZ_PROGRAM: file,
      LUA_PATH: `${load.luaPath}${process.env.LUA_PATH ?? ";"}`,
    };
    if (options.mode === "on") {
      env.LJFUZZ_PROBE_OUT = probeOut;
      if (options.dump) env.LJFUZZ_DUMP_OUT = dumpOut;
    }
    const command = aarch64Command(target.luajit, luajitArguments(file, options.mode, options.jitOptions));
    const outcome = await runProcess(command.file, command.args, { env, cwd: options.cwd, timeoutMs: options.timeoutMs });
    const marker = outcome.stderr.indexOf(SYNTAX_ERROR_MARKER);
    const syntaxError =
      outcome.exitCode === SYNTAX_ERROR_EXIT && marker >= 0
        ? outcome.stderr.slice(marker + SYNTAX_ERROR_MARKER.length).split("\n")[0]!.trim()
        : null;
    return {
      mode: options.mode,
      outcome,
      syntaxError,
      probe: options.mode === "on" && existsSync(probeOut) ? parseProbeLog(readFileSync(probeOut, "utf8")) : null,
      dump: options.mode === "on" && existsSync(dumpOut) ? readFileSync(dumpOut, "utf8") : null,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
