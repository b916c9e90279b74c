// Line coverage of a `+cov` build's compiler sources, read with gcov from
// the .gcda counts its runs left in a folder (GCOV_PREFIX) and the notes
// the build kept (cov/). The merge is pure; running gcov is not.
import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { type Target, targetGcov } from "../targets/index.ts";

/** One source file's line coverage. */
export interface FileLines {
  readonly file: string;
  /** Lines with code (gcov's executable lines). */
  readonly lines: number;
  /** Of them, lines run at least once. */
  readonly covered: number;
}

/** gcov's JSON (--json-format), the part read here. */
export interface GcovDocument {
  readonly files: ReadonlyArray<{
    readonly file: string;
    readonly lines: ReadonlyArray<{ readonly line_number: number; readonly count: number }>;
  }>;
}

/**
 * Which files are reported: the instrumented .c files, and the backend's
 * headers (lj_asm_arm64.h, lj_emit_arm64.h: lj_asm.c is all that includes
 * them). Other headers' inline functions run in uninstrumented files too,
 * so their counts here would say too little.
 */
export function reportedFile(file: string, sources: readonly string[]): boolean {
  return sources.includes(file) || /^lj_(asm|emit)_\w+\.h$/.test(file);
}

/**
 * Merges gcov's documents (one per object file) into per-file counts: a
 * line is covered when any object ran it (headers are compiled into several).
 */
export function mergeGcov(docs: readonly GcovDocument[], keep: (file: string) => boolean): FileLines[] {
  const byFile = new Map<string, Map<number, number>>();
  for (const doc of docs)
    for (const f of doc.files) {
      if (!keep(f.file)) continue;
      const lines = byFile.get(f.file) ?? new Map<number, number>();
      byFile.set(f.file, lines);
      for (const l of f.lines) lines.set(l.line_number, (lines.get(l.line_number) ?? 0) + l.count);
    }
  return [...byFile]
    .map(([file, lines]) => ({ file, lines: lines.size, covered: [...lines.values()].filter((c) => c > 0).length }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The build's gcov notes folder, or an error when the target is not a `+cov` build. */
export function coverageNotes(target: Target): { dir: string; strip: number; sources: readonly string[] } {
  const build = target.manifest?.coverage;
  const dir = join(dirname(dirname(target.luajit)), "cov");
  if (!build || !existsSync(dir))
    throw new LjfuzzError(ExitCode.unknownTarget, `target ${target.name} is not a +cov build (try ${target.name}+cov)`);
  return { dir, strip: build.gcovStrip, sources: build.sources };
}

/** The environment that makes a `+cov` binary write its counts into `gcdaDir`. */
export function gcovEnvironment(target: Target, gcdaDir: string): Record<string, string> {
  return { GCOV_PREFIX: gcdaDir, GCOV_PREFIX_STRIP: String(coverageNotes(target).strip) };
}

/** Runs gcov over the counts in `gcdaDir` (objects never run count as all zero). */
export async function lineCoverage(target: Target, gcdaDir: string): Promise<FileLines[]> {
  const notes = coverageNotes(target);
  for (const name of readdirSync(notes.dir))
    if (name.endsWith(".gcno")) copyFileSync(join(notes.dir, name), join(gcdaDir, name));
  const result = await execa(targetGcov(), ["--json-format", "--stdout", ...notes.sources], {
    cwd: gcdaDir,
    reject: false,
  });
  if (result.exitCode !== 0)
    throw new LjfuzzError(ExitCode.internal, `${targetGcov()} failed (exit ${result.exitCode})`, result.stderr);
  const docs = result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as GcovDocument);
  return mergeGcov(docs, (file) => reportedFile(file, notes.sources));
}
