import { describe, expect, it } from "vitest";
import type { TargetResult } from "../execution/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { confirm } from "./confirm.ts";

/** The suspect's runs alone, as recorded, and what the sanitizer says; counts what was asked. */
function runs(alone: readonly TargetResult[], rule: string | null = null) {
  const asked = { alone: 0, rule: 0 };
  return {
    asked,
    alone: async () => alone[Math.min(asked.alone++, alone.length - 1)]!,
    ruleBroken: async () => {
      asked.rule++;
      return rule;
    },
  };
}

describe("confirming a suspect alone", () => {
  it("calls it unconfirmed when every run alone passes", async () => {
    const r = runs([recordedResult("pass")]);
    expect(await confirm(r)).toEqual({ kind: "unconfirmed" });
    expect(r.asked).toEqual({ alone: 3, rule: 0 });
  });

  it("confirms a crash that shows on the second try, without the sanitizer", async () => {
    const crash = recordedResult("crash", { signal: "SIGSEGV" });
    const r = runs([recordedResult("pass"), crash]);
    expect(await confirm(r)).toEqual({ kind: "confirmed", result: crash });
    expect(r.asked).toEqual({ alone: 2, rule: 0 });
  });

  it("holds a wrong result to the generator's rules", async () => {
    const mismatch = recordedResult("mismatch");
    expect(await confirm(runs([mismatch], "line 3: a NaN stored into an int8_t"))).toEqual({
      kind: "invalid",
      rule: "line 3: a NaN stored into an int8_t",
    });
    expect(await confirm(runs([mismatch]))).toEqual({ kind: "confirmed", result: mismatch });
  });
});
