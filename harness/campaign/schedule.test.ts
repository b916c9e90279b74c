import { describe, expect, it } from "vitest";
import {
  type CampaignClock,
  FIRST_BATCH_SIZE,
  firstBatchSize,
  fitToTime,
  nextBatchSize,
  Schedule,
  type ScheduleLimits,
} from "./schedule.ts";

const clock = (seconds = 0, casesDone = 0, aborted = false): CampaignClock => ({
  seconds: () => seconds,
  casesDone: () => casesDone,
  aborted: () => aborted,
});
const one: ScheduleLimits = { shard: { index: 0, count: 1 }, jobs: 1 };

describe("the schedule", () => {
  it("gives shard I of N the indices I, I+N, I+2N…, one after another, so shards never overlap", () => {
    const schedule = new Schedule({ ...one, shard: { index: 1, count: 3 } });
    expect(schedule.take(4, clock())).toEqual([1, 4, 7, 10]);
    expect(schedule.take(2, clock())).toEqual([13, 16]);
  });

  it("stops at the case limit, at the time limit, and when the campaign is stopped", () => {
    const limited = new Schedule({ ...one, caseLimit: 5 });
    expect([limited.take(3, clock()), limited.take(3, clock()), limited.take(3, clock())]).toEqual([
      [0, 1, 2],
      [3, 4],
      [],
    ]);
    expect(new Schedule({ ...one, timeLimitMs: 10_000 }).take(3, clock(10, 50))).toEqual([]);
    expect(new Schedule(one).take(3, clock(0, 0, true))).toEqual([]);
  });

  it("cuts a batch near the time limit to what a worker can still run at the pace so far", () => {
    // Two workers, 100 cases in 10 s: 0.2 s a case per worker; 2 s are left.
    const limits = { ...one, jobs: 2, timeLimitMs: 12_000 };
    expect(fitToTime(100, limits, clock(10, 100))).toBe(10);
    expect(fitToTime(5, limits, clock(10, 100))).toBe(5);
    // At least one, however late; and no cut before any case has run, or without a time limit.
    expect(fitToTime(100, limits, clock(11.99, 100))).toBe(1);
    expect(fitToTime(100, limits, clock(10, 0))).toBe(100);
    expect(fitToTime(100, one, clock(10, 100))).toBe(100);
    expect(new Schedule(limits).take(100, clock(10, 100))).toHaveLength(10);
  });

  it("doubles batches while their processes live to the end, up to --batch, and halves them after a crash", () => {
    expect(firstBatchSize(100)).toBe(FIRST_BATCH_SIZE);
    expect(firstBatchSize(4)).toBe(4);
    expect(nextBatchSize(10, 0, 100)).toBe(20);
    expect(nextBatchSize(80, 0, 100)).toBe(100);
    expect(nextBatchSize(40, 1, 100)).toBe(20);
    expect(nextBatchSize(12, 3, 100)).toBe(FIRST_BATCH_SIZE);
    expect(nextBatchSize(10, 1, 4)).toBe(4);
  });
});
