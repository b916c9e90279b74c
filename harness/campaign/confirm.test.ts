import { describe, expect, it } from "vitest";
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import { sweepSeeds } from "../reproduction/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { confirm } from "./confirm.ts";

const own = 77;
const sweep = sweepSeeds(own, 4);

/** The suspect's runs alone, by seed as recorded (a pass elsewhere), and what the sanitizer says; counts what was asked. */
function runs(at: ReadonlyArray<readonly [PrngSeed, TargetResult]>, rule: string | null = null) {
  const asked = { alone: 0, rule: 0 };
  const bySeed = new Map(at);
  return {
    asked,
    alone: async (seed: PrngSeed) => {
      asked.alone++;
      return bySeed.get(seed) ?? recordedResult("pass");
    },
    ruleBroken: async () => {
      asked.rule++;
      return rule;
    },
  };
}

describe("confirming a suspect alone", () => {
  it("calls it unconfirmed when it passes at its own seed and at every seed of the sweep", async () => {
    const r = runs([]);
    expect(await confirm(r, own, 4)).toMatchObject({
      kind: "unconfirmed",
      alone: { verdict: "pass" },
      seeds: { own, tried: [own, ...sweep], failing: [] },
    });
    expect(r.asked).toEqual({ alone: 5, rule: 0 });
  });

  it("confirms a crash at its own seed with one run, without the sanitizer", async () => {
    const crash = recordedResult("crash", { signal: "SIGSEGV" });
    const r = runs([[own, crash]]);
    expect(await confirm(r, own, 4)).toEqual({
      kind: "confirmed",
      result: crash,
      seeds: { own, tried: [own], failing: [own] },
    });
    expect(r.asked).toEqual({ alone: 1, rule: 0 });
  });

  it("confirms what fails only at some seeds of the sweep, and records them", async () => {
    const crash = recordedResult("crash", { signal: "SIGSEGV" });
    const r = runs([
      [sweep[1]!, crash],
      [sweep[2]!, recordedResult("mismatch")],
    ]);
    expect(await confirm(r, own, 4)).toEqual({
      kind: "confirmed",
      result: crash,
      seeds: { own, tried: [own, ...sweep], failing: [sweep[1], sweep[2]] },
    });
  });

  it("holds a wrong result to the generator's rules", async () => {
    const mismatch = recordedResult("mismatch");
    expect(await confirm(runs([[own, mismatch]], "line 3: a NaN stored into an int8_t"), own, 4)).toEqual({
      kind: "invalid",
      rule: "line 3: a NaN stored into an int8_t",
    });
    expect(await confirm(runs([[own, mismatch]]), own, 4)).toMatchObject({ kind: "confirmed", result: mismatch });
  });
});
