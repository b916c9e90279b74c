import { describe, expect, it } from "vitest";
import { parseSignature } from "../signature/index.ts";
import { Tally } from "./progress.ts";

describe("the campaign's tally", () => {
  it("adds up what screening read, what became of the suspects, and what the cases reached", () => {
    const tally = new Tally();
    tally.screened({ traces: 4, pairs: 1, words: 300, unmodeled: 0 });
    tally.screened({ traces: 2, pairs: 0, words: 100, unmodeled: 1 });
    tally.batchDone(10);
    tally.suspect();
    tally.suspect();
    tally.ranClean("openresty-2023", 7, parseSignature("mismatch:-:-:-")!);
    tally.brokeRule("openresty-2023", 8, "line 3: a NaN");
    expect(tally.snapshot(2.5, 1, { features: 300, edges: { "a+cov": 40, "b+cov": 2 } })).toEqual({
      cases: 10,
      seconds: 2.5,
      traces: 6,
      pairs: 1,
      words: 400,
      unmodeled: 1,
      findings: 1,
      suspects: 2,
      unconfirmed: 1,
      invalid: 1,
      features: 300,
      edges: 42,
    });
    expect(tally.unconfirmed).toEqual([{ target: "openresty-2023", caseIndex: 7, signature: "mismatch:-:-:-" }]);
    expect(tally.invalid).toEqual([{ target: "openresty-2023", caseIndex: 8, rule: "line 3: a NaN" }]);
  });

  it("names the first hundred unconfirmed suspects and invalid programs, and counts them all", () => {
    const tally = new Tally();
    for (let i = 0; i < 120; i++) tally.brokeRule("luajit-2022", i, "rule");
    expect(tally.invalid).toHaveLength(100);
    expect(tally.snapshot(0, 0, { features: 0 })).toMatchObject({ invalid: 120, features: 0, edges: null });
  });
});
