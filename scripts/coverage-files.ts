// The sources whose line coverage issue 14 compares (the arm64 backend, its
// emitter, and three optimizer passes), as the coverage scripts print them.
import { writeFileSync } from "node:fs";
import type { FileHits, FileLines } from "../harness/coverage/index.ts";

export const MEASURED_FILES = ["lj_asm_arm64.h", "lj_emit_arm64.h", "lj_opt_fold.c", "lj_opt_mem.c", "lj_opt_narrow.c"];

export interface MeasuredFile extends FileLines {
  readonly percent: number;
}

/** The measured files (in MEASURED_FILES order) and a total over every instrumented one. */
export function measuredFiles(all: readonly FileLines[]): MeasuredFile[] {
  const pick = (f: FileLines): MeasuredFile => ({ ...f, percent: Math.round((1000 * f.covered) / f.lines) / 10 });
  const lines = all.reduce((n, f) => n + f.lines, 0);
  const covered = all.reduce((n, f) => n + f.covered, 0);
  return [
    ...MEASURED_FILES.flatMap((name) => all.filter((f) => f.file === name).map(pick)),
    pick({ file: "all instrumented", lines, covered }),
  ];
}

export function formatFiles(files: readonly MeasuredFile[]): string {
  return files
    .map(
      (f) => `  ${f.file.padEnd(17)} ${String(f.covered).padStart(6)} / ${String(f.lines).padEnd(6)} ${f.percent}%\n`,
    )
    .join("");
}

/** What `--lines FILE` writes: every reported file's count per line, for scripts/coverage-gap.ts. */
export interface LineHitsFile {
  readonly target: string;
  readonly files: readonly FileHits[];
}

export function writeLineHits(path: string, target: string, files: readonly FileHits[]): void {
  const doc: LineHitsFile = { target, files };
  writeFileSync(path, `${JSON.stringify(doc)}\n`);
}
