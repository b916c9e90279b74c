// A target's x86-64 leg, built for real (natively on an x86-64 host, the way
// `+x64` builds are made there): an x86-64 executable from the same pinned
// sources, whose runs are judged without the A64 oracle, which says so.
import { describe, expect, it } from "vitest";
import { runDifferential } from "../execution/index.ts";
import { HEAD_TARGET, PR1028_CASE, REPO, target } from "../testing/fixtures.ts";
import { checkExecutable } from "./elf.ts";
import { isNative } from "./host.ts";

const X64_TARGET = `${HEAD_TARGET}+x64`;

describe("an +x64 build", () => {
  it("is an x86-64 executable of the same sources, its own build", async () => {
    const [arm, x64] = [await target(HEAD_TARGET), await target(X64_TARGET)];
    expect(checkExecutable(x64.luajit, "x64")).toEqual({ ok: true });
    expect(checkExecutable(arm.luajit, "x64")).toMatchObject({ ok: false, why: expect.stringMatching(/aarch64/) });
    expect(x64.spec.arch).toBe("x64");
    expect(x64.manifest?.provenance).toEqual(arm.manifest?.provenance);
    expect(x64.manifest?.recipe).toMatchObject({ arch: "x64", host: isNative("x64") ? "native" : "cross" });
    expect(x64.manifest?.luajitVersion).toBe(arm.manifest?.luajitVersion);
  });

  it("records traces, compares the runs, and says the oracle did not apply", async () => {
    const x64 = await target(X64_TARGET);
    const options = { jitOptions: ["hotloop=1"], timeoutMs: 20_000, dump: true };
    const clean = await runDifferential(x64, PR1028_CASE, options);
    // PR #1028's program: an arm64 SIGILL, nothing on x86-64.
    expect(clean).toMatchObject({ verdict: "pass", oracle: { applied: false, findings: [] } });
    expect(clean.traces.length).toBeGreaterThan(0);
    expect(clean.traces[0]!.mcode.hex.length).toBeGreaterThan(0);
    expect(clean.dump).toMatch(/---- TRACE 1 mcode/);
    // And a difference between the runs is still a verdict: a program that
    // prints whether the JIT is on differs by design.
    const differs = await runDifferential(x64, `${REPO}harness/targets/fixtures/jit-status.lua`, options);
    expect(differs).toMatchObject({ verdict: "mismatch", oracle: { applied: false } });
  });
});
