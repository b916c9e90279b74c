// `run --seeds N`: what a file did at each seed, per target, for people and
// for --json.
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import type { Reproduction } from "../reproduction/index.ts";
import { formatSignature, signatureOf } from "../signature/index.ts";

/** One target's sweep, as --json prints it. */
export interface SweepReport {
  readonly target: string;
  readonly seeds: readonly PrngSeed[];
  /** How many seeds failed, and which. */
  readonly failing: number;
  readonly failingSeeds: readonly PrngSeed[];
  readonly runs: ReadonlyArray<{
    readonly seed: PrngSeed;
    readonly verdict: TargetResult["verdict"];
    readonly signal: string | null;
    readonly signature: string;
    readonly reason: string;
  }>;
}

export function sweepReport(target: string, sweep: Reproduction<TargetResult>): SweepReport {
  return {
    target,
    seeds: sweep.runs.map((r) => r.seed),
    failing: sweep.failingSeeds.length,
    failingSeeds: sweep.failingSeeds,
    runs: sweep.runs.map(({ seed, result }) => ({
      seed,
      verdict: result.verdict,
      signal: result.signal,
      signature: formatSignature(signatureOf(result)),
      reason: result.reason,
    })),
  };
}

/** `luajit-2022      fails at 3 of 8 seeds: 123 mismatch, 456 crash SIGSEGV, …` */
export function formatSweepLine(report: SweepReport, replay: TargetResult["replay"]): string {
  const of = `${report.seeds.length} seed${report.seeds.length === 1 ? "" : "s"}`;
  // The seeds mean nothing to a build that cannot read them, and less where the heap still moves.
  const caveat = replay === "random" ? " (replay: random)" : replay === "code-pinned" ? " (heap addresses random)" : "";
  const failing = report.runs
    .filter((r) => r.verdict !== "pass")
    .map((r) => `${r.seed} ${r.verdict}${r.signal ? ` ${r.signal}` : ""}`);
  const what =
    report.failing === 0
      ? `passes at all ${of} from ${report.seeds[0]}`
      : `fails at ${report.failing} of ${of}: ${failing.join(", ")}`;
  return `${report.target.padEnd(16)} ${what}${caveat}`;
}
