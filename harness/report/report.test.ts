// `report` on the PR #1028 case, as a LuaJIT maintainer would read it.
import { describe, expect, it } from "vitest";
import { runDifferential } from "../execution/differential.ts";
import { BUGGY_TARGETS, FIXED_TARGET, PR1028_CASE, target } from "../testing/fixtures.ts";
import { bugReport } from "./bug-report.ts";
import { resolveCase } from "./case-input.ts";

describe("bugReport", () => {
  it("reads as a complete upstream report for PR #1028", async () => {
    const input = resolveCase("pr1028-ldp-negative-offset");
    const runs = [];
    for (const name of [...BUGGY_TARGETS, FIXED_TARGET]) {
      const t = await target(name);
      runs.push({
        target: t,
        result: await runDifferential(t, PR1028_CASE, { jitOptions: input.jitOptions, timeoutMs: 20_000, dump: false }),
      });
    }
    const md = bugReport(input, runs);
    for (const section of ["## Reproducer", "## Affected builds", "## Expected and actual", "## Trace"])
      expect(md).toContain(section);
    expect(md).toContain("luajit -Ohotloop=1 case.lua");
    expect(md).toContain(`pinned to PRNG seed ${runs[0]!.result.prngSeed}: ljfuzz's builds read \`LJFUZZ_PRNG_SEED=`);
    expect(md).toMatch(/\| `openresty-2023`: LuaJIT .*luajit2` 2\.1-20230119-1\) \| killed by SIGILL \|/);
    expect(md).toMatch(/\| `openresty-2025`: .* \| correct/);
    expect(md).toContain("Not affected: `openresty-2025`.");
    // The trace excerpt: source lines, the IR of the two loads, the bad word marked.
    expect(md).toContain("Lua lines: case.lua:10, case.lua:11");
    expect(md).toMatch(/0007 x3 +int XLOAD {2}0006/);
    expect(md).toMatch(/>>> [0-9a-f]{8} {2}0xffff00a3 {2}\.inst 0xffff00a3 ; undefined/);
    // The oracle's analysis: what the word should have been.
    expect(md).toContain("## Analysis");
    expect(md).toContain("ldp w3, w0, [x5, #-8]");
    expect(md).toContain("0x297f00a3");
    // No local paths leak into a report meant for a public tracker.
    expect(md).not.toContain("/work/");
  });

  it("hands over an entry's fix.patch as the suggested fix", async () => {
    const input = resolveCase("nofold-bnot-constant");
    const t = await target(FIXED_TARGET);
    const md = bugReport(input, [
      {
        target: t,
        result: await runDifferential(t, input.program, {
          jitOptions: input.jitOptions,
          timeoutMs: 20_000,
          dump: false,
        }),
      },
    ]);
    expect(md).toContain("## Suggested fix");
    expect(md).toContain("+  /* MVN has no immediate form: a constant operand goes in a register. */");
    expect(md).toMatch(/\| `openresty-2025`: .* \| mismatch: JIT on vs off: stdout differs \|/);
  });
});
