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

/** A function of a source file, by the lines it spans. */
export interface SourceFunction {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** One source file's counts per line (line number to runs), and its functions. */
export interface FileHits {
  readonly file: string;
  readonly hits: Readonly<Record<number, number>>;
  readonly functions: readonly SourceFunction[];
}

/** gcov's JSON (--json-format), the part read here. */
export interface GcovDocument {
  readonly files: ReadonlyArray<{
    readonly file: string;
    readonly lines: ReadonlyArray<{ readonly line_number: number; readonly count: number }>;
    readonly functions?: ReadonlyArray<{
      readonly name: string;
      readonly start_line: number;
      readonly end_line: number;
    }>;
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
  return fileLines(mergeGcovHits(docs, keep));
}

/** The same merge, keeping each line's count and each file's functions. */
export function mergeGcovHits(docs: readonly GcovDocument[], keep: (file: string) => boolean): FileHits[] {
  const byFile = new Map<string, { hits: Record<number, number>; functions: Map<string, SourceFunction> }>();
  for (const doc of docs)
    for (const f of doc.files) {
      if (!keep(f.file)) continue;
      const entry = byFile.get(f.file) ?? { hits: {}, functions: new Map<string, SourceFunction>() };
      byFile.set(f.file, entry);
      for (const l of f.lines) entry.hits[l.line_number] = (entry.hits[l.line_number] ?? 0) + l.count;
      for (const fn of f.functions ?? [])
        entry.functions.set(fn.name, { name: fn.name, startLine: fn.start_line, endLine: fn.end_line });
    }
  return [...byFile]
    .map(([file, { hits, functions }]) => ({
      file,
      hits,
      functions: [...functions.values()].sort((a, b) => a.startLine - b.startLine),
    }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Per-file totals of per-line counts. */
export function fileLines(files: readonly FileHits[]): FileLines[] {
  return files.map(({ file, hits }) => {
    const counts = Object.values(hits);
    return { file, lines: counts.length, covered: counts.filter((c) => c > 0).length };
  });
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
  return fileLines(await lineHits(target, gcdaDir));
}

/** The same, per line: what `coverage-gap` compares between two runs. */
export async function lineHits(target: Target, gcdaDir: string): Promise<FileHits[]> {
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
  return mergeGcovHits(docs, (file) => reportedFile(file, notes.sources));
}
