import { describe, expect, it } from "vitest";
import type { BatchRun } from "../execution/batch.ts";
import type { ProcessOutcome } from "../execution/process.ts";
import { compareBatch } from "./campaign.ts";

const outcome: ProcessOutcome = { command: [], exitCode: 0, signal: null, stdout: "", stderr: "", timedOut: false, durationMs: 1, spawnError: null };

function run(mode: "on" | "off", outputs: Array<[number, string]>, unfinished: number | null = null): BatchRun {
  return {
    mode,
    outcome,
    outputs: new Map(outputs.map(([i, out]) => [i, { ok: true, output: out, error: "" }])),
    unfinished,
    probe: mode === "on" ? { version: null, traces: [], aborts: [], flushes: 0, unreadable: 0 } : null,
  };
}

const files = [0, 1, 2, 3].map((index) => ({ index, path: `case-${index}.lua`, jitOptions: ["hotloop=1"] }));

describe("compareBatch", () => {
  it("suspects the cases whose outputs differ, and the one a crash stopped", () => {
    const on = run("on", [[0, "a"], [1, "b"]], 2);
    const off = run("off", [[0, "a"], [1, "B"], [2, "c"], [3, "d"]]);
    const progress = { traces: 0, pairs: 0, words: 0, unmodeled: 0 };
    const { suspects, done } = compareBatch(files, on, off, progress);
    expect(suspects.map((s) => [s.file.index, s.signature])).toEqual([
      [1, "mismatch:-:-:-"],
      [2, "crash:-:-:-"],
    ]);
    // Case 3 never ran with the JIT on: it goes into the next batch.
    expect([...done].sort()).toEqual([0, 1, 2]);
  });

  it("ignores heap addresses in outputs", () => {
    const on = run("on", [[0, "table: 0x7f0011223344"]]);
    const off = run("off", [[0, "table: 0x400011223344"]]);
    expect(compareBatch(files.slice(0, 1), on, off, { traces: 0, pairs: 0, words: 0, unmodeled: 0 }).suspects).toEqual([]);
  });
});
