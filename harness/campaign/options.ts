// What a campaign is asked to do, and what it gives back.
import type { KnownBugs } from "../corpus/index.ts";
import type { Target } from "../targets/index.ts";
import type { CaseFactory } from "./cases.ts";
import type { CoverageSummary } from "./coverage.ts";
import type { ShrinkOptions } from "./minimize.ts";
import type { CampaignProgress, InvalidProgram } from "./progress.ts";
import type { Shard } from "./schedule.ts";
import type { FindingSummary } from "./store.ts";
import type { UnconfirmedSuspect } from "./unconfirmed.ts";

export interface CampaignOptions {
  readonly targets: readonly Target[];
  readonly seed: number;
  readonly makeCase: CaseFactory;
  /** Shrinks each new finding's case within this budget; omit to keep cases as found. */
  readonly shrink?: ShrinkOptions;
  readonly outDir: string;
  /** Bugs the corpus holds already: counted and kept, but not new (and not minimized). */
  readonly known?: KnownBugs;
  /**
   * `+fixes` builds of the targets, by target name: a failure the oracle
   * cannot place that one corpus patch fixes is that entry's bug, and one
   * that the patch of the entry its optimizations point to does not fix is not.
   */
  readonly fixed?: ReadonlyMap<string, Target>;
  /** Stop taking new cases after this long. */
  readonly timeLimitMs?: number;
  /** Stop after this many cases. */
  readonly caseLimit?: number;
  readonly jobs: number;
  readonly shard: Shard;
  readonly batchSize: number;
  /**
   * A suspect that passes alone at its own seed is tried at this many more
   * (reproduction/; default DEFAULT_SWEEP_SEEDS); 0 confirms at its own seed only.
   */
  readonly sweepSeeds?: number;
  /** Timeout of a confirmation run, per mode. */
  readonly caseTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** After every batch. */
  readonly onProgress?: (progress: CampaignProgress) => void;
  /** When a signature is first confirmed on a target (so once per signature and target). */
  readonly onFinding?: (finding: FindingSummary) => void;
}

export interface CampaignResult {
  readonly progress: CampaignProgress;
  readonly findings: FindingSummary[];
  /**
   * The first suspects that ran clean alone at every seed (up to 100), with
   * their batch output and their output alone: for anyone who wants to look.
   */
  readonly unconfirmed: UnconfirmedSuspect[];
  /** The first wrong results of invalid programs (up to 100), with the rule each broke. */
  readonly invalid: InvalidProgram[];
  /** What the cases reached: trace features, and edges per `+cov` target. */
  readonly coverage: CoverageSummary;
}
