import { describe, expect, it } from "vitest";
import { formatSignature, parseSignature, type Signature } from "../signature/index.ts";
import { TriageMemo } from "./sign.ts";

const base = parseSignature("mismatch:-:-:-")!;
const triaged = (where: string): Signature => parseSignature(`mismatch:-:-:${where}`)!;

describe("signing a confirmed failure", () => {
  it("triages every hit of a kind until the limit, then reuses a signature of the same option names", async () => {
    const memo = new TriageMemo(2);
    let runs = 0;
    const triage = (where: string) => async () => {
      runs++;
      return triaged(where);
    };
    const sign = async (jitOptions: string[], where: string) =>
      formatSignature(await memo.sign("luajit-2022", base, jitOptions, triage(where)));
    expect(await sign(["hotloop=1", "hotexit=2"], "opts(hotexit)")).toBe("mismatch:-:-:opts(hotexit)");
    expect(await sign(["hotloop=1", "hotexit=2"], "opts()")).toBe("mismatch:-:-:opts()");
    expect(runs).toBe(2);
    // The limit is reached: the same option names (whatever their values) take the last signature, unrun.
    expect(await sign(["hotloop=1", "hotexit=5"], "opts(-fold)")).toBe("mismatch:-:-:opts()");
    expect(runs).toBe(2);
    // Other option names are triaged still.
    expect(await sign(["hotloop=1", "-fold"], "opts(-fold)")).toBe("mismatch:-:-:opts(-fold)");
    expect(runs).toBe(3);
  });

  it("counts each target and each way of showing apart", async () => {
    const memo = new TriageMemo(1);
    let runs = 0;
    const triage = async () => {
      runs++;
      return triaged("opts()");
    };
    await memo.sign("luajit-2022", base, ["hotloop=1"], triage);
    await memo.sign("openresty-2023", base, ["hotloop=1"], triage);
    await memo.sign("luajit-2022", parseSignature("crash:SIGSEGV:-:-")!, ["hotloop=1"], triage);
    expect(runs).toBe(3);
    await memo.sign("luajit-2022", base, ["hotloop=1"], triage);
    expect(runs).toBe(3);
  });
});
