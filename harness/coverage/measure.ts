// Runs programs on a `+cov` build and says what of the compiler they
// reached: gcov's line coverage per source file, and the distinct edges of
// the runtime's maps. Programs run JIT-on in batches (batch.lua), each case
// as in a process of its own; a batch that dies is rerun from the case
// after the one that killed it (that one's counts were written by the
// runtime's signal handler).
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import { CoverageSet } from "../../oracle/features/index.ts";
import { type BatchCase, runBatch } from "../execution/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import type { Target } from "../targets/index.ts";
import { type FileLines, gcovEnvironment, lineCoverage } from "./gcov-report.ts";

export interface CoverageProgram {
  readonly path: string;
  readonly jitOptions: readonly string[];
}

export interface CoverageMeasure {
  readonly programs: number;
  /** Programs that ended in a Lua error, or whose process died or timed out. */
  readonly failed: number;
  readonly files: readonly FileLines[];
  /** Distinct entries of the edge map the programs reached (of 65536). */
  readonly edges: number;
}

export interface MeasureOptions {
  readonly timeoutMs: number;
  readonly batchSize?: number;
  readonly jobs?: number;
}

export async function measureCoverage(
  target: Target,
  programs: readonly CoverageProgram[],
  options: MeasureOptions,
): Promise<CoverageMeasure> {
  const gcda = makeScratch("gcda");
  try {
    const env = gcovEnvironment(target, gcda);
    const edges = new CoverageSet();
    let failed = 0;
    const size = options.batchSize ?? 50;
    const chunks: BatchCase[][] = [];
    for (let i = 0; i < programs.length; i += size)
      chunks.push(programs.slice(i, i + size).map((p, k) => ({ index: i + k, ...p })));
    const limit = pLimit(options.jobs ?? availableParallelism());
    await Promise.all(
      chunks.map((chunk) =>
        limit(async () => {
          let pending = chunk;
          while (pending.length > 0) {
            const run = await runBatch(target, pending, "on", options.timeoutMs * (1 + pending.length), {
              probe: false,
              env,
            });
            for (const map of run.edges?.values() ?? []) edges.addCounts(map);
            for (const c of pending) if (run.outputs.get(c.index)?.ok === false) failed++;
            const stopped = pending.findIndex((c) => !run.outputs.has(c.index));
            if (stopped < 0) break;
            failed++; // the case that killed or stalled the process
            pending = pending.slice(stopped + 1);
          }
        }),
      ),
    );
    return { programs: programs.length, failed, files: await lineCoverage(target, gcda), edges: edges.size };
  } finally {
    removeScratch(gcda);
  }
}
