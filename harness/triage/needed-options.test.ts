import { describe, expect, it } from "vitest";
import { hidingOptimizations, neededOptions } from "./needed-options.ts";

describe("neededOptions", () => {
  it("keeps exactly the options the failure needs, and never tries without hotloop=1", async () => {
    const tried: string[][] = [];
    // The failure needs -fold and hotexit (any value).
    const fails = async (opts: readonly string[]) => {
      tried.push([...opts]);
      expect(opts).toContain("hotloop=1");
      return opts.includes("-fold") && opts.some((o) => o.startsWith("hotexit="));
    };
    const needed = await neededOptions(["hotloop=1", "hotexit=2", "-fold", "-dce", "loopunroll=30"], fails);
    expect(needed).toEqual(["hotexit=2", "-fold"]);
    expect(tried).toHaveLength(4);
  });

  it("gives nothing when the defaults fail too", async () => {
    expect(await neededOptions(["hotloop=1", "-dse"], async () => true)).toEqual([]);
  });

  it("finds the optimizations whose absence hides the failure, not trying those already off", async () => {
    const tried: string[][] = [];
    // A DSE bug: gone without DSE or without FWD (which DSE needs).
    const fails = async (opts: readonly string[]) => {
      tried.push([...opts]);
      return !opts.includes("-dse") && !opts.includes("-fwd");
    };
    expect(await hidingOptimizations(["-fold"], fails)).toEqual(["fwd", "dse"]);
    expect(tried.some((o) => o.filter((x) => x === "-fold").length > 1)).toBe(false);
    expect(tried[0]).toEqual(["hotloop=1", "-fold", "-cse"]);
  });
});
