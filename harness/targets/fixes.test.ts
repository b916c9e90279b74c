// The corpus's fixes on a real +fixes build: each patch alone fixes its own
// entry's bug, and the build without it has the bug.
import { describe, expect, it } from "vitest";
import { readCorpus } from "../corpus/entry.ts";
import { runDifferential } from "../execution/differential.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import type { Target } from "./build.ts";
import { corpusFixes } from "./fixes.ts";

describe("a +fixes build", () => {
  it("has a binary per corpus fix.patch, which makes its entry pass where the plain build fails it", async () => {
    const plain = await target(FIXED_TARGET);
    const fixed = await target(`${FIXED_TARGET}+fixes`);
    const withFixes = readCorpus().filter((e) => e.fixPatch !== null);
    expect(withFixes.length).toBeGreaterThan(0);
    expect([...fixed.fixes.keys()]).toEqual(corpusFixes().map((f) => f.id));
    for (const entry of withFixes) {
      const run = (t: Target) => runDifferential(t, entry.program, { jitOptions: entry.jitOptions, timeoutMs: 30_000, dump: false });
      expect((await run(plain)).verdict, `${entry.id} on the plain build`).toBe(entry.expect[FIXED_TARGET]!.verdict);
      expect((await run({ ...fixed, luajit: fixed.fixes.get(entry.id)! })).verdict, `${entry.id} with its fix`).toBe("pass");
      expect((await run(fixed)).verdict, `${entry.id} with every fix`).toBe("pass");
    }
  }, 600_000);
});
