// A case as the campaign handles it: the generated program, written to a
// file for its batch, and the runs the later stages make of it on a target.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedCase } from "../../generators/index.ts";
import { type BatchCase, type PrngSeed, runDifferential, type TargetResult } from "../execution/index.ts";
import { failed } from "../reproduction/index.ts";
import { ruleBroken } from "../sanitizer/index.ts";
import type { Target } from "../targets/index.ts";

export interface CaseFile extends BatchCase {
  readonly source: string;
  readonly generated: GeneratedCase;
}

/** Makes case `index` of a seed: the same pair always gives the same case. */
export type CaseFactory = (seed: number, index: number) => GeneratedCase;

export function writeCaseFiles(
  dir: string,
  indices: readonly number[],
  make: (index: number) => GeneratedCase,
): CaseFile[] {
  return indices.map((index): CaseFile => {
    const generated = make(index);
    const path = join(dir, `case-${index}.lua`);
    writeFileSync(path, generated.source);
    return { index, path, source: generated.source, jitOptions: generated.jitOptions, generated };
  });
}

export function removeCaseFiles(files: readonly CaseFile[]): void {
  for (const file of files) rmSync(file.path, { force: true });
}

/** What the stages after screening run of one case on a build. */
export interface CaseRuns {
  /** JIT on and off, the case alone in its processes (with -jdump when asked), at a PRNG seed (default: its own). */
  readonly alone: (target: Target, dump: boolean, seed?: PrngSeed) => Promise<TargetResult>;
  /** Whether it fails alone at a seed (one run, no -jdump). */
  readonly fails: (target: Target, seed: PrngSeed) => Promise<boolean>;
  /** The generator's rule the program breaks, or null (sanitizer/). */
  readonly ruleBroken: (target: Target) => Promise<string | null>;
}

/** The runs of one case, with its own JIT options, each killed after `timeoutMs`. */
export function caseRuns(file: CaseFile, timeoutMs: number): CaseRuns {
  const alone = (target: Target, dump: boolean, prngSeed?: PrngSeed): Promise<TargetResult> =>
    runDifferential(target, file.path, { jitOptions: file.jitOptions, timeoutMs, dump, prngSeed });
  return {
    alone,
    fails: async (target: Target, seed: PrngSeed): Promise<boolean> => failed(await alone(target, false, seed)),
    ruleBroken: (target: Target): Promise<string | null> =>
      ruleBroken(target, file.source, { jitOptions: file.jitOptions, timeoutMs }),
  };
}
