// The `+cov` recipe: LuaJIT's compiler sources built with gcc's
// -fsanitize-coverage=trace-pc and --coverage, linked with ljfuzz's own
// coverage runtime (harness/coverage/runtime.c), and the gcov notes kept
// beside the binary for `ljfuzz coverage`. Everything else is the plain
// build: cov.mk reaches make through MAKEFILES, so the Makefile is not edited
// and the +fixes rebuilds instrument the same files.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { isArm64Host } from "./host.ts";

const RUNTIME = fileURLToPath(new URL("../coverage/runtime.c", import.meta.url));
const MAKE_FRAGMENT = fileURLToPath(new URL("../coverage/cov.mk", import.meta.url));

/** What a `+cov` build adds to its manifest. */
export interface CoverageBuild {
  /** GCOV_PREFIX_STRIP that puts the .gcda files straight into GCOV_PREFIX. */
  readonly gcovStrip: number;
  /** The instrumented sources (the .c files with gcov notes), as LuaJIT names them. */
  readonly sources: readonly string[];
}

/** What a `+cov` build adds to the recipe: a changed runtime or file list rebuilds it. */
export function coverageRecipe(): { runtime: string; make: string } {
  const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
  return { runtime: sha(RUNTIME), make: sha(MAKE_FRAGMENT) };
}

/** The C compiler of the aarch64 target (LuaJIT's CROSS + CC). */
export const targetCompiler = (): string => (isArm64Host ? "gcc" : "aarch64-linux-gnu-gcc");

/** gcov of that compiler: its notes and counts are its own format. */
export const targetGcov = (): string => (isArm64Host ? "gcov" : "aarch64-linux-gnu-gcov");

/** Compiles the runtime into `work`; returns the extra make arguments and environment. */
export async function prepareCoverageBuild(work: string): Promise<{ args: string[]; env: Record<string, string> }> {
  const object = join(work, "ljfuzz-cov.o");
  const result = await execa(targetCompiler(), ["-O2", "-c", RUNTIME, "-o", object], { reject: false, all: true });
  if (result.exitCode !== 0)
    throw new LjfuzzError(ExitCode.provision, "compiling the coverage runtime failed", result.all);
  // TARGET_LIBS and TARGET_LDFLAGS are LuaJIT's own hooks for the luajit link (not the host tools').
  return { args: [`TARGET_LIBS=${object}`, "TARGET_LDFLAGS=--coverage"], env: { MAKEFILES: MAKE_FRAGMENT } };
}

/** Copies the gcov notes and the sources they describe from the built tree into `dest`. */
export function installCoverage(tree: string, dest: string): CoverageBuild {
  const src = join(tree, "src");
  mkdirSync(dest, { recursive: true });
  const notes = readdirSync(src).filter((name) => name.endsWith(".gcno"));
  if (notes.length === 0) throw new LjfuzzError(ExitCode.provision, "the +cov build produced no gcov notes");
  for (const name of readdirSync(src))
    if (name.endsWith(".gcno") || name.endsWith(".h") || notes.includes(name.replace(/\.c$/, ".gcno")))
      copyFileSync(join(src, name), join(dest, name));
  const sources = notes.map((name) => name.replace(/\.gcno$/, ".c")).filter((name) => existsSync(join(src, name)));
  return { gcovStrip: resolve(src).split(sep).filter(Boolean).length, sources: sources.sort() };
}
