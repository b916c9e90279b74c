import { describe, expect, it } from "vitest";
import { neededOptions, optionsWhere } from "./needed-options.ts";

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

  it("names the options without their values, sorted", () => {
    expect(optionsWhere(["hotexit=1", "-fold", "-dce"])).toBe("opts(-dce,-fold,hotexit)");
    expect(optionsWhere([])).toBe("opts()");
  });
});
