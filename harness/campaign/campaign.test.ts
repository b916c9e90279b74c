import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCase } from "../../generators/index.ts";
import { knownBugs, readCorpus } from "../corpus/index.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import { runCampaign } from "./campaign.ts";
import type { CampaignOptions, CampaignResult } from "./options.ts";

/** A campaign on the fixed target whose every case is `source`. */
async function campaignOf(
  source: string,
  jitOptions: readonly string[],
  cases: number,
  more: Partial<CampaignOptions> = {},
): Promise<CampaignResult> {
  const generated = generateCase(1, 0);
  const outDir = mkdtempSync(join(tmpdir(), "ljfuzz-campaign-test-"));
  try {
    return await runCampaign({
      targets: [await target(FIXED_TARGET)],
      seed: 1,
      makeCase: () => ({ ...generated, source, jitOptions }),
      outDir,
      caseLimit: cases,
      jobs: 1,
      shard: { index: 0, count: 1 },
      batchSize: cases,
      caseTimeoutMs: 30_000,
      ...more,
    });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

describe("runCampaign, on a real build", () => {
  it("does not report a wrong result of a program that breaks the generator's rules, and says so", async () => {
    // A NaN stored into an int8_t and 2^41 into an int32_t: the JIT and the
    // interpreter convert them differently, and neither is wrong.
    const source = [
      'local ffi = require("ffi")',
      'local b = ffi.new("int8_t[64]")',
      "for i = 0, 63 do b[i] = i % 0 end",
      'local w = ffi.new("int32_t[64]")',
      "for i = 0, 63 do w[i] = (i + 1) * 2^40 end",
      "local h = 0",
      "for i = 0, 63 do h = h + b[i] + w[i] end",
      "print(h)",
      "",
    ].join("\n");
    const result = await campaignOf(source, ["hotloop=1"], 2);
    expect(result.findings).toEqual([]);
    expect(result.progress.invalid).toBe(2);
    expect(result.invalid[0]).toMatchObject({ target: FIXED_TARGET, caseIndex: 0 });
    expect(result.invalid[0]!.rule).toMatch(/^line 3, column \d+: a NaN/);
  }, 120_000);

  it("logs a suspect that differs only in its batch, with its batch and solo outputs, after a sweep of seeds", async () => {
    // State leaking between the cases of a batch: each case reads what the
    // one before it left in a global, and the JIT-off process left another
    // value there than the JIT-on one. Alone, both runs print nil.
    const outDir = mkdtempSync(join(tmpdir(), "ljfuzz-campaign-test-"));
    try {
      const result = await campaignOf("print(_G.leak)\n_G.leak = jit.status()\n", ["hotloop=1"], 2, {
        outDir,
        sweepSeeds: 2,
      });
      expect(result.findings).toEqual([]);
      expect(result.progress.unconfirmed).toBe(1);
      const [suspect] = result.unconfirmed;
      expect(suspect).toMatchObject({
        target: FIXED_TARGET,
        caseIndex: 1,
        signature: "mismatch:-:-:-",
        batch: { jitOn: { output: "true" }, jitOff: { output: "false" }, jitOnEnded: null },
        alone: { jitOn: { stdout: "nil\n" }, jitOff: { stdout: "nil\n" } },
      });
      expect(suspect!.seeds).toHaveLength(3);
      const log = JSON.parse(readFileSync(join(outDir, "unconfirmed.json"), "utf8"));
      expect(log).toMatchObject({ unconfirmed: 1, suspects: [{ caseIndex: 1, seeds: suspect!.seeds }] });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("tells a known bug by the corpus patch that fixes it, when its signature says nothing", async () => {
    const entry = readCorpus().find((e) => e.id === "nodce-fload-ksimd-fpr")!;
    // No signature to go by: only the fix can tell.
    const result = await campaignOf(readFileSync(entry.program, "utf8"), entry.jitOptions, 1, {
      known: knownBugs([]),
      fixed: new Map([[FIXED_TARGET, await target(`${FIXED_TARGET}+fixes`)]]),
    });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ verdict: "mismatch", known: "nodce-fload-ksimd-fpr", knownBy: "fix" });
  }, 300_000);
});
