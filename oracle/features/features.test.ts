// Trace features on real recordings (oracle/fixtures: probe logs of the
// three catalog builds): deterministic for a given record, telling apart
// what the builds did differently, each family where the program has it.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encode } from "../a64/index.ts";
import { FIXTURES, recording } from "../fixtures/index.ts";
import { CoverageSet, caseFeatures, caseFeatureTexts, featureIndex, loadStoreForm, offsetClasses } from "./index.ts";

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".probe.jsonl"));

describe("caseFeatures", () => {
  it.each(fixtures)("%s: the same record gives the same features, in any order, and texts hash to them", (file) => {
    const { traces, aborts } = recording(file);
    const once = caseFeatures(traces, aborts);
    expect(once.length).toBeGreaterThan(20);
    expect(once).toEqual([...new Set(once)].sort((x, y) => x - y));
    expect([...caseFeatures([...traces].reverse(), aborts)].sort()).toEqual([...once].sort());
    // A fresh parse (new objects, nothing cached) gives the same too.
    const again = recording(file);
    expect([...caseFeatures(again.traces, again.aborts)].sort()).toEqual([...once].sort());
    const hashed = new Set([...caseFeatureTexts(traces, aborts)].map(featureIndex));
    expect([...hashed].sort()).toEqual([...once].sort());
  });

  it("sees the PR #1028 pair missing on the buggy builds and emitted on the fixed one", () => {
    const pair = "fuse load 4 gp in";
    for (const build of ["luajit-2022", "openresty-2023"])
      expect(caseFeatureTexts(recording(`pr1028.${build}.probe.jsonl`).traces)).toContain(`${pair} missing`);
    const fixed = caseFeatureTexts(recording("pr1028.openresty-2025.probe.jsonl").traces);
    expect(fixed).toContain(`${pair} emitted`);
    expect(fixed).toContain("ls pair-offset 4 ld gp in");
  });

  it("has every family where the programs have it", () => {
    const all = new Set(fixtures.flatMap((f) => [...caseFeatureTexts(recording(f).traces, recording(f).aborts)]));
    const families = new Set([...all].map((t) => t.split(" ")[0]));
    for (const family of [
      "ir",
      "du",
      "xoff",
      "acc",
      "adj",
      "fuse",
      "ls",
      "bar",
      "link",
      "exits",
      "spill",
      "spills",
      "side",
    ])
      expect(families, family).toContain(family);
    // Negative FFI offsets: the XLOAD at -8 sits in LDUR's range, not LDR's.
    expect(all).toContain("xoff XLOAD int 4 imm9 in");
    // A side trace whose parent is in the same log is named by the parent's kind.
    expect([...all].some((t) => /^side of loop depth 1/.test(t))).toBe(true);
    // Table stores next to their write barrier.
    expect([...all].some((t) => /^bar TBAR (A|H)STORE/.test(t))).toBe(true);
  });
});

describe("loadStoreForm", () => {
  // Words from the oracle's encoder (checked bit for bit against binutils in oracle/a64).
  it.each([
    ["ldur w0, [x1, #-256]", { mode: "unscaled", size: 4, kind: "ld", fp: false, offsetClass: "lo" }],
    ["stur x0, [x1, #255]", { mode: "unscaled", size: 8, kind: "st", offsetClass: "hi" }],
    ["ldur x0, [x1, #3]", { mode: "unscaled", size: 8, offsetClass: "misaligned" }],
    ["ldr x0, [x1, #32760]", { mode: "uimm", size: 8, offset: 32760, offsetClass: "hi" }],
    ["ldr w0, [x1]", { mode: "uimm", size: 4, offsetClass: "lo" }],
    ["ldr d0, [x1, #8]", { mode: "uimm", size: 8, fp: true, offsetClass: "in" }],
    ["ldrsw x0, [x2, #4]", { mode: "uimm", size: 4, kind: "ldsx" }],
    ["ldrsh w0, [x2, #2]", { mode: "uimm", size: 2, kind: "ldsw" }],
    ["ldr x0, [x1, #-16]!", { mode: "pre", size: 8, offset: -16 }],
    ["str w0, [x1], #4", { mode: "post", size: 4, offset: 4 }],
    ["ldr w0, [x1, x2, lsl #2]", { mode: "register", size: 4, offsetClass: "lsl-s1" }],
    ["strb w0, [x1, w2, sxtw]", { mode: "register", size: 1, offsetClass: "sxtw-s0" }],
    ["ldp w1, w2, [x3, #-256]", { mode: "pair-offset", size: 4, offset: -256, offsetClass: "lo" }],
    ["stp x1, x2, [x3, #504]", { mode: "pair-offset", size: 8, offsetClass: "hi" }],
    ["ldp d0, d1, [sp], #16", { mode: "pair-post", size: 8, fp: true }],
  ] as const)("%s", (text, form) => {
    expect(loadStoreForm(encode(text))).toMatchObject(form);
  });

  it("is nothing for other words", () => {
    for (const text of ["add x0, x1, #8", "cmp x0, #1", "mov x0, #1"])
      expect(loadStoreForm(encode(text))).toBeUndefined();
  });
});

describe("offsetClasses", () => {
  it("places an offset at the ends of each encoding, one step past them, and misaligned", () => {
    expect(offsetClasses(0, 4)).toEqual(["uimm:lo", "imm9:in", "pair:in"]);
    expect(offsetClasses(16380, 4)).toEqual(["uimm:hi", "imm9:out", "pair:out"]);
    expect(offsetClasses(16384, 4)).toEqual(["uimm:past-hi", "imm9:out", "pair:out"]);
    expect(offsetClasses(-257, 8)).toEqual(["uimm:out", "imm9:past-lo", "pair:misaligned"]);
    expect(offsetClasses(256, 8)).toEqual(["uimm:in", "imm9:past-hi", "pair:in"]);
    expect(offsetClasses(-512, 8)).toEqual(["uimm:out", "imm9:out", "pair:lo"]);
    expect(offsetClasses(-520, 8)).toEqual(["uimm:out", "imm9:out", "pair:past-lo"]);
    expect(offsetClasses(6, 4)).toEqual(["uimm:misaligned", "imm9:in", "pair:misaligned"]);
    expect(offsetClasses(3, 2)).toEqual(["uimm:misaligned", "imm9:in"]);
  });
});

describe("CoverageSet and featureIndex", () => {
  it("keeps a union of indices, and says what was new", () => {
    const set = new CoverageSet();
    expect(set.addIndices([1, 2, 3])).toBe(3);
    expect(set.addIndices([3, 4, 65536 + 4])).toBe(1);
    expect(set.addCounts(Uint8Array.from([0, 7, 0, 0, 0, 1]))).toBe(1);
    expect(set.size).toBe(5);
    expect(set.has(5)).toBe(true);
  });

  it("hashes a text the same way in every run and version (FNV-1a, folded to 16 bits)", () => {
    expect(featureIndex("")).toBe((0x811c9dc5 ^ (0x811c9dc5 >>> 16)) & 0xffff);
    expect(featureIndex("ir XLOAD int")).toBe(featureIndex("ir XLOAD int"));
    expect(featureIndex("ir XLOAD int")).not.toBe(featureIndex("ir XLOAD num"));
  });
});
