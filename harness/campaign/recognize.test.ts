import { describe, expect, it } from "vitest";
import type { KnownBugs } from "../corpus/index.ts";
import { parseSignature } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { recordedResult } from "../testing/recorded.ts";
import { fixCheckApplies, fixedBy, Recognizer, recognized } from "./recognize.ts";

/** A build as recognition sees one: a name, and one-patch binaries for a +fixes build. */
const build = (name: string, fixes: Record<string, string> = {}): Target => ({
  name,
  spec: { name, source: { kind: "bin", path: name }, assert: false, fixes: false, arch: "arm64", cov: false },
  luajit: `${name}/luajit`,
  luaDir: undefined,
  manifest: undefined,
  fixes: new Map(Object.entries(fixes)),
  replay: { kind: "random", why: "a recorded build" },
});
const plain = build("luajit-2022");
const fixed = build("luajit-2022+fixes", { "nodce-fload": "fixes/nodce-fload/luajit", nofold: "fixes/nofold/luajit" });
const mismatch = recordedResult("mismatch", { target: plain.name });
const triaged = parseSignature("mismatch:-:-:opts(-dce)-hidden-by(fold)")!;

/** Fails on the builds named (by the binary each runs), counting the runs per binary. */
function failsOn(failing: readonly string[]) {
  const runs = new Map<string, number>();
  return {
    runs,
    fails: async (t: Target) => {
      runs.set(t.luajit, (runs.get(t.luajit) ?? 0) + 1);
      return failing.includes(t.luajit);
    },
  };
}

describe("recognizing a known bug", () => {
  it("goes by the fix when a check ran: a patch that fixes it names it; one that does not unnames its entry", () => {
    const patched = fixed.fixes;
    const bySignature = { id: "nofold", by: "signature" } as const;
    expect(recognized(bySignature, null, patched)).toBe(bySignature);
    expect(recognized(bySignature, { kind: "fixed", id: "nodce-fload" }, patched)).toEqual({
      id: "nodce-fload",
      by: "fix",
    });
    expect(recognized(bySignature, { kind: "unfixed" }, patched)).toBeNull();
    // An entry without a patch for this build keeps its claim.
    expect(recognized({ id: "kdelta", by: "optimizations" }, { kind: "unfixed" }, patched)).toEqual({
      id: "kdelta",
      by: "optimizations",
    });
    expect(recognized(null, { kind: "unfixed" }, patched)).toBeNull();
  });

  it("checks fixes only for what the oracle did not place, on a build with patches", () => {
    expect(fixCheckApplies(mismatch, fixed)).toBe(true);
    expect(fixCheckApplies(mismatch, undefined)).toBe(false);
    expect(fixCheckApplies(mismatch, build("openresty-2025+fixes"))).toBe(false);
    const placed = recordedResult("mismatch", { findings: [["pair-mismatch", "pair-unaligned-offset"]] });
    expect(fixCheckApplies(placed, fixed)).toBe(false);
  });

  it("names the patch whose binary passes as often in a row as the plain build's failures ask", async () => {
    // The plain build fails every time: two passes in a row name a patch.
    const f = failsOn([plain.luajit, "fixes/nodce-fload/luajit"]);
    expect(await fixedBy(plain, fixed, f.fails, mismatch.prngSeed)).toEqual({ kind: "fixed", id: "nofold" });
    expect(Object.fromEntries(f.runs)).toEqual({
      [plain.luajit]: 2,
      "fixes/nodce-fload/luajit": 1,
      "fixes/nofold/luajit": 2,
    });
    // No patch makes it pass.
    expect(
      await fixedBy(plain, fixed, failsOn([plain.luajit, ...fixed.fixes.values()]).fails, mismatch.prngSeed),
    ).toEqual({
      kind: "unfixed",
    });
  });

  it("asks the corpus, checks the fix once per target and signature, and lets the fix decide", async () => {
    const known: KnownBugs = () => ({ id: "nodce-fload", by: "optimizations" });
    const recognizer = new Recognizer(known, new Map([[plain.name, fixed]]));
    const f = failsOn([plain.luajit, ...fixed.fixes.values()]);
    expect(await recognizer.recognize(plain, mismatch, triaged, f.fails)).toBeNull();
    const runs = [...f.runs.values()].reduce((a, b) => a + b, 0);
    expect(await recognizer.recognize(plain, mismatch, triaged, f.fails)).toBeNull();
    expect([...f.runs.values()].reduce((a, b) => a + b, 0)).toBe(runs);
    // Without +fixes builds, the corpus's word stands.
    expect(await new Recognizer(known, undefined).recognize(plain, mismatch, triaged, f.fails)).toEqual({
      id: "nodce-fload",
      by: "optimizations",
    });
  });
});
