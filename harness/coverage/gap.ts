// What one run of a +cov build reached that another did not: the lines of a
// source file that `base` ran and `run` never did, grouped by the function
// they are in (for lj_asm_arm64.h, the asm_* routine of an IR instruction),
// so that the holes of a campaign against LuaJIT's test suite are named.
import type { FileHits, SourceFunction } from "./gcov-report.ts";

/** A function's lines that the base ran and the run did not, as ranges. */
export interface FunctionGap {
  readonly name: string;
  readonly lines: number;
  /** Inclusive line ranges, in order. */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
}

/** The innermost function spanning `line` (a line outside all of them is `(file scope)`). */
function enclosing(functions: readonly SourceFunction[], line: number): string {
  let best: SourceFunction | undefined;
  for (const f of functions)
    if (f.startLine <= line && line <= f.endLine && (!best || f.endLine - f.startLine < best.endLine - best.startLine))
      best = f;
  return best?.name ?? "(file scope)";
}

/** Consecutive executable lines make one range (lines without code between them do not break it). */
function ranges(lines: readonly number[], executable: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const next = new Map(executable.map((line, i) => [line, executable[i + 1]]));
  for (const line of lines) {
    const last = out.at(-1);
    if (last && next.get(last[1]) === line) last[1] = line;
    else out.push([line, line]);
  }
  return out;
}

/** Lines of one file run by `base` and not by `run`, per function, the biggest gap first. */
export function coverageGap(base: FileHits, run: FileHits | undefined): FunctionGap[] {
  const executable = Object.keys(base.hits)
    .map(Number)
    .sort((a, b) => a - b);
  const missed = executable.filter((line) => (base.hits[line] ?? 0) > 0 && (run?.hits[line] ?? 0) === 0);
  const functions = [...base.functions, ...(run?.functions ?? [])];
  const byFunction = new Map<string, number[]>();
  for (const line of missed) {
    const name = enclosing(functions, line);
    byFunction.set(name, [...(byFunction.get(name) ?? []), line]);
  }
  return [...byFunction]
    .map(([name, lines]) => ({ name, lines: lines.length, ranges: ranges(lines, executable) }))
    .sort((a, b) => b.lines - a.lines || a.name.localeCompare(b.name));
}
