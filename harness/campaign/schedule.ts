// Which cases a worker takes next, and how many at once: pure. Shard I of N
// takes case indices I, I+N, I+2N…, so N machines never overlap. Batches
// start small and double up to --batch while their processes live to the
// end; a crash halves them. On a build that crashes every few cases (each
// crash costs a restart and a rerun of the rest), small batches find and
// confirm sooner; on a sound one, large ones spend least on starting LuaJIT.

/**
 * The most cases per LuaJIT process. Starting LuaJIT under qemu costs about
 * as much as running four generated cases; past a hundred the start is a
 * few percent. (Batches start smaller: FIRST_BATCH_SIZE.)
 */
export const DEFAULT_BATCH_SIZE = 100;

/** The first batch of each worker, and the least a crash cuts a batch to. */
export const FIRST_BATCH_SIZE = 10;

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface ScheduleLimits {
  readonly shard: Shard;
  /** Stop after this many cases. */
  readonly caseLimit?: number;
  /** Stop taking new cases after this long. */
  readonly timeLimitMs?: number;
  readonly jobs: number;
}

/** What the schedule asks of the campaign as it goes. */
export interface CampaignClock {
  /** Seconds since the campaign started. */
  seconds(): number;
  aborted(): boolean;
  /** Cases screened so far, by every worker. */
  casesDone(): number;
}

export class Schedule {
  readonly #limits: ScheduleLimits;
  #taken = 0;

  constructor(limits: ScheduleLimits) {
    this.#limits = limits;
  }

  /** The next case indices, up to `wanted` (fewer near the time limit; none once a limit is reached). */
  take(wanted: number, clock: CampaignClock): number[] {
    const { shard, caseLimit, timeLimitMs } = this.#limits;
    const indices: number[] = [];
    const size = fitToTime(wanted, this.#limits, clock);
    while (indices.length < size) {
      if (clock.aborted()) break;
      if (caseLimit !== undefined && this.#taken >= caseLimit) break;
      if (timeLimitMs !== undefined && clock.seconds() * 1000 >= timeLimitMs) break;
      indices.push(shard.index + this.#taken * shard.count);
      this.#taken++;
    }
    return indices;
  }
}

/**
 * Near the time limit a batch is cut to what a worker can still run in
 * time, at the pace so far: a whole batch on a build that crashes often
 * (each crash reruns the rest) would overrun --time by far.
 */
export function fitToTime(size: number, limits: ScheduleLimits, clock: CampaignClock): number {
  if (limits.timeLimitMs === undefined || clock.casesDone() === 0) return size;
  const secondsPerCase = (clock.seconds() * Math.max(1, limits.jobs)) / clock.casesDone();
  const left = limits.timeLimitMs / 1000 - clock.seconds();
  return Math.max(1, Math.min(size, Math.floor(left / secondsPerCase)));
}

export function firstBatchSize(batchSize: number): number {
  return Math.min(FIRST_BATCH_SIZE, batchSize);
}

/** The next batch's size: double after a batch whose processes all lived to the end, halve after a crash. */
export function nextBatchSize(size: number, restarts: number, batchSize: number): number {
  return Math.min(batchSize, restarts > 0 ? Math.max(FIRST_BATCH_SIZE, Math.floor(size / 2)) : size * 2);
}
