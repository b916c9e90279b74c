// A trace in one call: every build ljfuzz makes adds jit.util.traceraw and
// jit.util.traceline to lib_jit.c (patches/trace-raw.patch). traceraw gives
// a trace's IR as LuaJIT stores it; traceline the probe's whole line for the
// trace (head, IR bytes, machine code, exit stubs), made in C. The probe's
// recorder uses them when they are there, instead of calling jit.util's
// traceir and tracek once per instruction and constant, or joining the line
// in Lua from five other calls' tables and strings: under qemu, those were
// most of what recording a trace cost (harness/probe). The patch adds
// functions and changes nothing else: the JIT, the interpreter and every
// other jit.util function are as upstream's. Builds the patch does not fit,
// and `bin:` targets, are read the old way, with the same records.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyPatch, type FixPatch, patchApplies } from "./fixes.ts";

const PATCH_PATH = fileURLToPath(new URL("./patches/trace-raw.patch", import.meta.url));

export const TRACE_RAW_PATCH: FixPatch = {
  id: "trace-raw",
  path: PATCH_PATH,
  sha256: createHash("sha256").update(readFileSync(PATCH_PATH)).digest("hex"),
};

/**
 * Applies the patch when it fits exactly; returns whether it did (the
 * manifest records it). Exactly: with fuzz, its context (the end of one
 * function, the start of the next) would fit between other functions too,
 * outside jit.util's part of the file.
 */
export async function patchTraceRaw(tree: string): Promise<boolean> {
  if (!(await patchApplies(tree, TRACE_RAW_PATCH, { exact: true }))) return false;
  await applyPatch(tree, TRACE_RAW_PATCH, { exact: true });
  return true;
}
