// Runs a program's sanitized copy (./instrument.ts) with the JIT off on a
// target: the interpreter's run, with the rules of a valid program checked.
import { join } from "node:path";
import { runMode } from "../execution/index.ts";
import { writeLuaFile } from "../lua/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import type { Target } from "../targets/index.ts";
import { instrumentProgram, VIOLATION_MARKER } from "./instrument.ts";

export interface CheckedRunOptions {
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Where the program runs (for its relative paths). */
  readonly cwd?: string;
}

/**
 * A run that ends in a stack overflow (unbounded recursion, as a mutated
 * step of a recursion makes): the JIT and the interpreter check the stack
 * in different places, so the message names a line in one and none in the
 * other, and the traceback's depth differs. (The checks add calls of their
 * own: a recursion just below the limit may overflow here alone, and is
 * refused with the rest.)
 */
const STACK_OVERFLOW = /: (C )?stack overflow$/;
const OVERFLOW_RULE = "a stack overflow: the JIT and the interpreter raise it in different places";

/** The rule the program breaks (`line N: …`), or null when it keeps them all. */
export async function ruleBroken(target: Target, source: string, options: CheckedRunOptions): Promise<string | null> {
  const scratch = makeScratch("sanitize");
  try {
    const file = join(scratch, "sanitized.lua");
    writeLuaFile(file, instrumentProgram(source));
    const run = await runMode(target, file, {
      mode: "off",
      jitOptions: options.jitOptions,
      timeoutMs: options.timeoutMs,
      dump: false,
      cwd: options.cwd,
    });
    const at = run.outcome.stderr.indexOf(VIOLATION_MARKER);
    if (at < 0) return STACK_OVERFLOW.test(run.outcome.stderr.split("\n")[0]!) ? OVERFLOW_RULE : null;
    return run.outcome.stderr
      .slice(at + VIOLATION_MARKER.length)
      .split("\n")[0]!
      .trim();
  } finally {
    removeScratch(scratch);
  }
}
