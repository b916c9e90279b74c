// Runs one Lua file on one target in one mode: JIT on (with the probe
// recording every trace) or JIT off. A file LuaJIT cannot parse is told
// apart by the target's own parser (syntaxError), asked only when a run
// failed: every run pays for what the probe does, and most runs parse.
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type ProbeLog, parseProbeLog, probeEnvironment } from "../probe/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { type Target, targetCommand } from "../targets/index.ts";
import { fastLoad } from "./fast-load.ts";
import { jitOptionArgument } from "./jit-options.ts";
import { type PrngSeed, programSeed, seedEnvironment } from "./prng-seed.ts";
import { type ProcessOutcome, runProcess } from "./process.ts";

/** The syntax check exits with this code, after its marker line, on a syntax error. */
const SYNTAX_ERROR_EXIT = 97;
const SYNTAX_ERROR_MARKER = "ljfuzz-syntax-error: ";
const SYNTAX_CHECK = `local f, e = loadfile(os.getenv("LJFUZZ_PROGRAM")) if not f then io.stderr:write("${SYNTAX_ERROR_MARKER}", tostring(e), "\\n") os.exit(${SYNTAX_ERROR_EXIT}) end`;

export type JitMode = "on" | "off";

export interface ModeRunOptions {
  readonly mode: JitMode;
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Keep LuaJIT's own -jdump text too (JIT-on only). */
  readonly dump: boolean;
  readonly cwd?: string;
  /** The PRNG seed the run is pinned to (default: the program's own, prng-seed.ts). */
  readonly prngSeed?: PrngSeed;
}

export interface ModeRun {
  readonly mode: JitMode;
  readonly outcome: ProcessOutcome;
  /** What the probe recorded (JIT-on only). */
  readonly probe: ProbeLog | null;
  readonly dump: string | null;
}

/**
 * The JIT-on run loads the probe first, through LUA_INIT (see runMode); the
 * JIT-off run is LuaJIT alone.
 */
export function luajitArguments(file: string, mode: JitMode, jitOptions: readonly string[]): string[] {
  // -O means nothing with the JIT off, and parsing it costs a JIT-off run
  // about a millisecond under qemu (code run once is translated once).
  if (mode === "off") return ["-joff", file];
  return [jitOptionArgument(jitOptions), file];
}

export async function runMode(target: Target, file: string, options: ModeRunOptions): Promise<ModeRun> {
  const load = await fastLoad(target);
  const luaPath = `${load.luaPath}${process.env.LUA_PATH ?? ";"}`;
  const seed = seedEnvironment(target, options.prngSeed ?? programSeed(file));
  if (options.mode === "off") {
    // LuaJIT alone: nothing to record, no scratch folder to make.
    const command = targetCommand(target, luajitArguments(file, "off", options.jitOptions));
    const outcome = await runProcess(command.file, command.args, {
      env: { ...seed, LUA_PATH: luaPath },
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
    });
    return { mode: "off", outcome, probe: null, dump: null };
  }
  const scratch = makeScratch("run");
  const probeOut = join(scratch, "probe.jsonl");
  const dumpOut = join(scratch, "dump.txt");
  // The probe and jit.dump write to files the child gets as fds 3 and 4, by
  // names that are the same in every run: a scratch folder's random name in
  // the environment moved LuaJIT's heap by a few bytes from one run to the
  // next (strings hash by their contents), and a replay must not move.
  const fds = [openSync(probeOut, "w"), ...(options.dump ? [openSync(dumpOut, "w")] : [])];
  try {
    const env: Record<string, string> = {
      ...seed,
      ...probeEnvironment({ probe: load.probe, out: "/dev/fd/3", ...(options.dump ? { dump: "/dev/fd/4" } : {}) }),
      LUA_PATH: luaPath,
    };
    const command = targetCommand(target, luajitArguments(file, "on", options.jitOptions));
    const outcome = await runProcess(command.file, command.args, {
      env,
      cwd: options.cwd,
      timeoutMs: options.timeoutMs,
      extraFds: fds,
    });
    const probeText = readFileSync(probeOut, "utf8");
    const dumpText = options.dump ? readFileSync(dumpOut, "utf8") : "";
    return {
      mode: "on",
      outcome,
      // An empty file: the probe never started (it opens its file at the first trace event, as jit.dump does).
      probe: probeText === "" ? null : parseProbeLog(probeText),
      dump: dumpText === "" ? null : dumpText,
    };
  } finally {
    for (const fd of fds) closeSync(fd);
    removeScratch(scratch);
  }
}

/** The target's parser's message when `file` does not parse, else null. */
export async function syntaxError(target: Target, file: string, timeoutMs: number): Promise<string | null> {
  const command = targetCommand(target, ["-e", SYNTAX_CHECK]);
  const outcome = await runProcess(command.file, command.args, { env: { LJFUZZ_PROGRAM: file }, timeoutMs });
  const marker = outcome.stderr.indexOf(SYNTAX_ERROR_MARKER);
  if (outcome.exitCode !== SYNTAX_ERROR_EXIT || marker < 0) return null;
  return outcome.stderr
    .slice(marker + SYNTAX_ERROR_MARKER.length)
    .split("\n")[0]!
    .trim();
}
