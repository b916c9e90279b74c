// `report` on real builds, as a LuaJIT maintainer would read it: PR #1028's
// case, an open bug of upstream HEAD (narrowing, in x86-64 too), and
// `report --all` over a small corpus, with no path of this machine in any
// of it.
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { runDifferential } from "../execution/index.ts";
import { CATALOG, cacheRoot, parseTargetSpec } from "../targets/index.ts";
import { BUGGY_TARGETS, FIXED_TARGET, HEAD_TARGET, PR1028_CASE, REPO, target } from "../testing/fixtures.ts";
import { bugReport } from "./bug-report.ts";
import { resolveCase } from "./case-input.ts";
import { gatherFacts, reportMarkdown } from "./report-runs.ts";

/** No folder of this machine: not the repository, the cache, the temporary folder or the home folder. */
function expectNoLocalPath(md: string): void {
  for (const folder of [REPO, cacheRoot(), tmpdir(), homedir(), "/work/", "/root/"])
    expect(md, `a report names ${folder}`).not.toContain(folder);
}

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
    const md = bugReport(input, { runs, head: null });
    for (const section of ["## Reproducer", "## Affected builds", "## Expected and actual", "## Trace", "## Cause"])
      expect(md).toContain(section);
    expect(md).toContain("luajit -Ohotloop=1 case.lua");
    expect(md).toContain(`pinned to PRNG seed ${runs[0]!.result.prngSeed}: ljfuzz's builds read \`LJFUZZ_PRNG_SEED=`);
    expect(md).toMatch(/\| `openresty-2023`: LuaJIT .*luajit2` 2\.1-20230119-1\) \| arm64 \| killed by SIGILL \|/);
    expect(md).toMatch(/\| `openresty-2025`: .* \| arm64 \| correct/);
    expect(md).toContain("Not affected: `openresty-2025`.");
    // The trace excerpt: source lines, the IR of the two loads, the bad word marked.
    expect(md).toContain("Lua lines: case.lua:7, case.lua:8");
    expect(md).toMatch(/0007 x3 +int XLOAD {2}0006/);
    expect(md).toMatch(/>>> [0-9a-f]{8} {2}0xffff00a3 {2}\.inst 0xffff00a3 ; undefined/);
    // The oracle's analysis: what the word should have been.
    expect(md).toContain("## Analysis");
    expect(md).toContain("ldp w3, w0, [x5, #-8]");
    expect(md).toContain("0x297f00a3");
  });

  it("names HEAD's commit, its x86-64 verdict and the bad words of an open bug, with a program of 10 lines or fewer", async () => {
    const input = resolveCase(join(REPO, "corpus", "narrow-int64-add-overflow"));
    const specs = CATALOG.map((e) => parseTargetSpec(e.name));
    const facts = await gatherFacts(input, specs, { head: HEAD_TARGET, timeoutMs: 30_000, x64: true });
    const md = reportMarkdown(input, facts);
    expect(md).toMatch(/`luajit-2026`, upstream commit 1ee778a4\) prints another result than the interpreter/);
    expect(md).toMatch(/\| `luajit-2026\+x64`: .* \| x86-64 \| mismatch: /);
    expect(md).toMatch(/^Not arm64-only: /m);
    const lines = /(\d+) lines, saved as `case.lua`/.exec(md);
    expect(Number(lines?.[1])).toBeLessThanOrEqual(10);
    // Defined behaviour, checked afresh; the 32-bit add marked in the IR and the machine code.
    expect(md).toContain("The program's result is defined: ljfuzz's sanitizer ran it");
    expect(md).toMatch(/>>> \d{4} \S+ +int ADD +(\d{4}) +\1/);
    expect(md).toMatch(/>>> [0-9a-f]{8} {2}0x[0-9a-f]{8} {2}add w(\d+), w\1, w\1/);
    expect(md).toContain("## Cause");
    expect(md).toContain("`narrow_conv_backprop`");
    // The patch against HEAD, checked on HEAD's +fixes build (built before the tests).
    expect(md).toContain(
      "Against 1ee778a4. Checked afresh on `luajit-2026+fixes` with this patch applied: JIT on and off agree.",
    );
    expect(md).toContain("+++ b/src/lj_opt_narrow.c");
    expectNoLocalPath(md);
  }, 600_000);

  it("hands over an entry's fix.patch as the suggested fix", async () => {
    const input = resolveCase("nofold-bnot-constant");
    const t = await target(FIXED_TARGET);
    const result = await runDifferential(t, input.program, {
      jitOptions: input.jitOptions,
      timeoutMs: 20_000,
      dump: false,
    });
    const md = bugReport(input, { runs: [{ target: t, result }], head: null });
    expect(md).toContain("## Suggested fix");
    expect(md).toContain("+  /* MVN has no immediate form: a constant operand goes in a register. */");
    expect(md).toMatch(/\| `openresty-2025`: .* \| arm64 \| mismatch: JIT on vs off: stdout differs \|/);
    // The entry's own mark: the ORR that should have been an MVN.
    expect(md).toMatch(/>>> [0-9a-f]{8} {2}0x[0-9a-f]{8} {2}orr w\d+, wzr, #0x1/);
  });
});

describe("report --all", () => {
  it("writes a report per open bug and an index that answers HEAD, options, arm64-only and builds", async () => {
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));
    // An open bug of HEAD, and one fixed upstream: the fixed one gets no report.
    for (const id of ["nofold-bnot-constant", "pr1028-ldp-negative-offset"])
      cpSync(join(REPO, "corpus", id), join(corpus, id), { recursive: true });
    const out = mkdtempSync(join(tmpdir(), "ljfuzz-reports-"));
    const r = await execa(
      "node",
      [join(REPO, "bin", "ljfuzz.js"), "report", "--all", "--corpus", corpus, "--target", HEAD_TARGET, "--out", out],
      { reject: false },
    );
    expect(r.exitCode, r.stderr).toBe(ExitCode.ok);
    expect(readdirSync(out).sort()).toEqual(["index.md", "nofold-bnot-constant.md"]);
    const index = readFileSync(join(out, "index.md"), "utf8");
    expect(index).toMatch(
      /^\| \[nofold-bnot-constant\]\(nofold-bnot-constant\.md\) \| yes \| `-O-fold` \| yes \| `luajit-2026`, `luajit-2022`, `openresty-2023`, `openresty-2025` \|$/m,
    );
    const md = readFileSync(join(out, "nofold-bnot-constant.md"), "utf8");
    expect(md).toMatch(
      /\| `luajit-2026\+x64`: .* \| x86-64 \| correct \(JIT on and off agree; x86-64 code, no oracle\) \|/,
    );
    expect(md).toContain("`asm_fuseopm`");
    for (const text of [index, md]) expectNoLocalPath(text);
  }, 600_000);

  it("needs a folder, and takes no case beside --all", async () => {
    const cli = (args: string[]) => execa("node", [join(REPO, "bin", "ljfuzz.js"), ...args], { reject: false });
    const noOut = await cli(["report", "--all"]);
    expect(noOut.exitCode).toBe(ExitCode.usage);
    expect(noOut.stderr).toMatch(/report --all needs --out DIR/);
    const both = await cli(["report", "--all", "nofold-bnot-constant", "--out", tmpdir()]);
    expect(both.exitCode).toBe(ExitCode.usage);
  });
});
