import { describe, expect, it } from "vitest";
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import { parseSignature } from "../signature/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { DEFAULT_SWEEP_SEEDS, passesNeeded } from "./policy.ts";
import {
  failed,
  fixCheckSeeds,
  passesAtEverySeed,
  replays,
  reproduceAt,
  reproduces,
  showsAtAnySeed,
  sweepFile,
} from "./reproduce.ts";
import { seedsFrom, sweepSeeds } from "./seeds.ts";

/** A program as recorded: what it gave at each seed (a pass elsewhere), and the seeds it was run at. */
function recorded<R>(at: ReadonlyMap<PrngSeed, R>, otherwise: R) {
  const asked: PrngSeed[] = [];
  return {
    asked,
    run: async (seed: PrngSeed): Promise<R> => {
      asked.push(seed);
      return at.get(seed) ?? otherwise;
    },
  };
}

const pass = recordedResult("pass");
const crash = recordedResult("crash", { signal: "SIGSEGV" });
const mismatch = recordedResult("mismatch");
const own = 1234;
const swept = sweepSeeds(own, DEFAULT_SWEEP_SEEDS);

describe("the seeds of a sweep", () => {
  it("are derived from the program's seed, the same every time, never that seed, and a longer sweep extends a shorter", () => {
    expect(swept).toEqual(sweepSeeds(own, DEFAULT_SWEEP_SEEDS));
    expect(new Set([own, ...swept]).size).toBe(DEFAULT_SWEEP_SEEDS + 1);
    expect(sweepSeeds(own, 8).slice(0, DEFAULT_SWEEP_SEEDS)).toEqual(swept);
    expect(sweepSeeds(own + 1, DEFAULT_SWEEP_SEEDS)).not.toEqual(swept);
    for (const seed of sweepSeeds(own, 50)) expect(seed >= 0 && seed < 2 ** 48 && Number.isInteger(seed)).toBe(true);
    expect(seedsFrom(own, 3)).toEqual([own, ...swept.slice(0, 2)]);
  });
});

describe("a suspect alone", () => {
  it("is confirmed by its own seed when it fails there, with no sweep", async () => {
    const p = recorded(new Map([[own, crash]]), pass);
    const r = await reproduceAt(p.run, own, failed, DEFAULT_SWEEP_SEEDS);
    expect(reproduces(r)).toBe(true);
    expect(r.decisive).toEqual({ seed: own, result: crash, fails: true });
    expect(p.asked).toEqual([own]);
  });

  it("that passes at its own seed is swept at every seed, and the seeds where it fails are kept", async () => {
    const p = recorded(
      new Map([
        [swept[1]!, mismatch],
        [swept[3]!, crash],
      ]),
      pass,
    );
    const r = await reproduceAt(p.run, own, failed, DEFAULT_SWEEP_SEEDS);
    expect(p.asked).toEqual([own, ...swept]);
    expect(r.failingSeeds).toEqual([swept[1], swept[3]]);
    expect(r.decisive).toMatchObject({ seed: swept[1], result: mismatch });
  });

  it("that passes at every seed does not reproduce; its own seed's run speaks for it", async () => {
    const p = recorded(new Map(), pass);
    const r = await reproduceAt(p.run, own, failed, 2);
    expect(reproduces(r)).toBe(false);
    expect(r.decisive.seed).toBe(own);
    expect(p.asked).toHaveLength(3);
    expect(reproduces(await reproduceAt(recorded(new Map(), pass).run, own, failed, 0))).toBe(false);
  });
});

describe("a file at N seeds", () => {
  it("runs at every one, its own first, however many fail", async () => {
    const p = recorded(new Map([[own, crash]]), pass);
    const r = await sweepFile(p.run, own, 8);
    expect(p.asked).toEqual(seedsFrom(own, 8));
    expect(r.failingSeeds).toEqual([own]);
    expect(r.runs).toHaveLength(8);
  });
});

describe("the fix check", () => {
  const plainFails = (failing: readonly PrngSeed[]) => recorded(new Map(failing.map((s) => [s, true])), false);

  it("asks a patch to pass at more seeds the fewer of the plain build's three seeds failed, those first", async () => {
    expect([passesNeeded(3), passesNeeded(2), passesNeeded(1)]).toEqual([2, 4, 6]);
    const more = sweepSeeds(own, 6);
    for (const [failing, seeds] of [
      [
        [own, ...more.slice(0, 2)],
        [own, more[0]],
      ],
      [
        [own, more[1]!],
        [own, more[1], more[0], more[2]],
      ],
      [[own], [own, ...more.slice(0, 5)]],
    ] as const) {
      const plain = plainFails(failing);
      expect(await fixCheckSeeds(plain.run, own)).toEqual(seeds);
      // The failing run was the confirming one; the plain build runs at two more.
      expect(plain.asked).toEqual(more.slice(0, 2));
    }
  });

  it("names a patch only when it passes at every seed, stopping at the first failure", async () => {
    const seeds = sweepSeeds(own, 4);
    expect(await passesAtEverySeed(plainFails([]).run, seeds)).toBe(true);
    const failsSecond = plainFails([seeds[1]!]);
    expect(await passesAtEverySeed(failsSecond.run, seeds)).toBe(false);
    expect(failsSecond.asked).toEqual(seeds.slice(0, 2));
  });
});

describe("triage", () => {
  it("finds a failure at the seed it failed at or the next, and stops at the first", async () => {
    const next = sweepSeeds(own, 1)[0]!;
    const atOwn = recorded(new Map([[own, true]]), false);
    expect(await showsAtAnySeed(atOwn.run, own)).toBe(true);
    expect(atOwn.asked).toEqual([own]);
    expect(await showsAtAnySeed(recorded(new Map([[next, true]]), false).run, own)).toBe(true);
    const nowhere = recorded(new Map(), false);
    expect(await showsAtAnySeed(nowhere.run, own)).toBe(false);
    expect(nowhere.asked).toEqual([own, next]);
  });
});

describe("a smaller program", () => {
  const expected = parseSignature("crash:SIGILL:illegal-word:pair-offset-smear")!;
  const sigill = recordedResult("crash", { signal: "SIGILL", findings: [["illegal-word", "pair-offset-smear"]] });
  const unpinned: TargetResult = { ...sigill, replay: "random" };

  it("reproduces by one run at the pinned seed on a build that pins it", async () => {
    const p = recorded(new Map([[own, sigill]]), pass);
    expect(await replays(p.run, own, expected)).toBe(sigill);
    expect(p.asked).toEqual([own]);
    expect(await replays(recorded(new Map([[own, crash]]), pass).run, own, expected)).toBeUndefined();
  });

  it("needs two in a row where the build cannot pin the run; the second comes back", async () => {
    const second: TargetResult = { ...unpinned, reason: "the second" };
    const runs = [unpinned, second];
    let i = 0;
    expect(await replays(async () => runs[i++]!, own, expected)).toBe(second);
    const thenPass = [unpinned, pass];
    let j = 0;
    expect(await replays(async () => thenPass[j++]!, own, expected)).toBeUndefined();
  });
});
