// The batch driver on a real target: many programs in one process, each
// case's output and traces kept apart, and a crash pinned to its case.
import { describe, expect, it } from "vitest";
import { BUGGY_TARGETS, FIXED_TARGET, luaFile, PR1028_CASE, target } from "../testing/fixtures.ts";
import { parseResults, runBatch } from "./batch.ts";

const loop = (n: number) => luaFile(`local s = 0 for i = 1, ${n} do s = s + i end print("sum", s)\n`);

describe("runBatch", () => {
  it("runs every case, keeps outputs apart and attributes traces to cases", async () => {
    const cases = [
      { index: 0, path: loop(10), jitOptions: ["hotloop=1"] },
      { index: 1, path: luaFile(`error("boom")\n`), jitOptions: ["hotloop=1"] },
      { index: 2, path: loop(20), jitOptions: ["hotloop=1", "-fold"] },
      { index: 3, path: PR1028_CASE, jitOptions: ["hotloop=1"] },
    ];
    const t = await target(FIXED_TARGET);
    const [on, off] = await Promise.all([runBatch(t, cases, "on", 20_000), runBatch(t, cases, "off", 20_000)]);
    for (const run of [on, off]) {
      expect(run.outcome.exitCode).toBe(0);
      expect(run.unfinished).toBeNull();
      expect(run.outputs.get(0)).toEqual({ ok: true, output: "sum\t55", error: "" });
      expect(run.outputs.get(1)?.ok).toBe(false);
      expect(run.outputs.get(1)?.error).toMatch(/boom$/);
      expect(run.outputs.get(2)?.output).toBe("sum\t210");
      expect(run.outputs.get(3)?.output).toBe("2500");
    }
    const traceCases = new Set(on.probe?.traces.map((tr) => tr.caseIndex));
    expect([...traceCases].sort()).toEqual([0, 2, 3]);
    // Each case starts from a flushed JIT: its traces are numbered from 1.
    expect(on.probe?.traces.find((tr) => tr.caseIndex === 3)?.trace).toBe(1);
    expect(off.probe).toBeNull();
  });

  it("pins a crash on the case that was running", async () => {
    const cases = [
      { index: 7, path: loop(10), jitOptions: ["hotloop=1"] },
      { index: 8, path: PR1028_CASE, jitOptions: ["hotloop=1"] },
      { index: 9, path: loop(30), jitOptions: ["hotloop=1"] },
    ];
    const run = await runBatch(await target(BUGGY_TARGETS[1]), cases, "on", 20_000);
    expect(run.outcome.signal).toBe("SIGILL");
    expect(run.unfinished).toBe(8);
    expect([...run.outputs.keys()]).toEqual([7]);
    expect(run.probe?.traces.some((tr) => tr.caseIndex === 8)).toBe(true);
  });
});

describe("parseResults", () => {
  it("frames outputs by length, whatever bytes they hold", () => {
    const text = "S 1\nR 1 ok 5 0\na\nb\nR\n" + "S 2\nR 2 err 0 3\nx y\n" + "S 3\n";
    const { outputs, unfinished } = parseResults(text);
    expect(outputs.get(1)).toEqual({ ok: true, output: "a\nb\nR", error: "" });
    expect(outputs.get(2)).toEqual({ ok: false, output: "", error: "x y" });
    expect(unfinished).toBe(3);
  });
});
