// The trace oracle on real recordings: the PR #1028 word on the buggy builds
// (also when the bad trace never runs), nothing at all on the fixed build.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encode } from "../a64/index.ts";
import { FIXTURES, recording } from "../fixtures/index.ts";
import type { TraceRecord } from "../trace/index.ts";
import { predictAccesses } from "./accesses.ts";
import { checkTrace, formatOracleFinding, recoverPair } from "./index.ts";
import { TraceIr } from "./ir.ts";
import { predictPairs } from "./pairs.ts";

const traces = (file: string): readonly TraceRecord[] => recording(file).traces;
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".probe.jsonl"));
/** Programs that trigger the PR #1028 bug on the buggy builds. */
const triggersBug = (f: string): boolean =>
  f.startsWith("pr1028") || f.startsWith("ffi-negative") || f.startsWith("ldp-unaligned");

/** A copy of the trace with one machine-code word replaced. */
function withWord(trace: TraceRecord, index: number, word: number): TraceRecord {
  const le = [0, 8, 16, 24].map((s) => ((word >>> s) & 0xff).toString(16).padStart(2, "0")).join("");
  const hex = trace.mcode.hex.slice(0, 8 * index) + le + trace.mcode.hex.slice(8 * index + 8);
  return { ...trace, mcode: { ...trace.mcode, hex } };
}

function wordIndex(trace: TraceRecord, word: number): number {
  const le = [0, 8, 16, 24].map((s) => ((word >>> s) & 0xff).toString(16).padStart(2, "0")).join("");
  for (let i = 0; i < trace.mcode.hex.length; i += 8) if (trace.mcode.hex.slice(i, i + 8) === le) return i / 8;
  return -1;
}

describe("checkTrace on the fixed build (openresty 2025)", () => {
  const fixed = fixtures.filter((f) => f.includes(".openresty-2025."));
  it("has fixtures of many programs", () => {
    expect(fixed.length).toBeGreaterThanOrEqual(8);
  });
  it.each(fixed)("%s: no findings, every word modeled", (file) => {
    for (const t of traces(file)) {
      const c = checkTrace(t);
      expect(c.findings).toEqual([]);
      expect(c.stats.unmodeled).toBe(0);
      expect(c.stats.pairsMatched).toBe(c.stats.pairsPredicted);
    }
  });
});

describe("checkTrace with DCE off (-O-dce)", () => {
  // fixtures/nodce-registered-add.lua, run with -Ohotloop=1,-dce. Without
  // DCE every ADD of a field address is assembled into a register of its
  // own, but the stores in the loop body were assembled before it, while the
  // ADD had no register yet (ra_noreg in asm_fusexref): they fuse it anyway,
  // [x0, #44] ... [x0, #72] from the struct pointer, and pair up. The oracle
  // once took the ADD's register for their base and predicted nothing, so
  // the 2023 unaligned-fusion pair (+44/+52 as stp at #40) was only a wrong
  // result (corpus ldp-unaligned-offset, seed 8 case 581).
  const nodce = { fuse: true, dce: false };
  const recorded = (build: string): TraceRecord =>
    JSON.parse(readFileSync(join(FIXTURES, `nodce-registered-add.${build}.trace.json`), "utf8")) as TraceRecord;

  it("predicts the pair of the fused ADDs and finds nothing on the fixed build", () => {
    const c = checkTrace(recorded("openresty-2025"), nodce);
    expect(c.findings).toEqual([]);
    expect(c.stats.unmodeled).toBe(0);
    expect(c.stats.pairsPredicted).toBe(1);
    expect(c.stats.pairsMatched).toBe(1);
    const ir = new TraceIr(recorded("openresty-2025"));
    expect(predictPairs(ir, predictAccesses(ir, nodce)).map((p) => p.text)).toEqual(["stp x27, x27, [x0, #64]"]);
  });

  it("flags the unaligned pair on a buggy build", () => {
    const c = checkTrace(recorded("luajit-2022"), nodce);
    expect(c.stats.pairsMatched).toBe(1);
    expect(c.findings).toHaveLength(1);
    expect(c.findings[0]).toMatchObject({
      kind: "pair-mismatch",
      cause: "pair-unaligned-offset",
      text: "stp x27, x27, [x0, #40]",
    });
    expect(c.findings[0]?.message).toMatch(
      /stores 8 bytes at \[x0, #44\] into x27, the pair stores 8 bytes at \[x0, #40\]/,
    );
  });

  it("fuses the ADDs before LOOP too, but pairs nothing there: each ADD is emitted between two stores", () => {
    // add x27, x0, #44; stur x1, [x0, #44]; add x27, x0, #52; stur x1, [x0, #52]...
    const ir = new TraceIr(recorded("openresty-2025"));
    const before = predictAccesses(ir, nodce).filter((a) => a.origin === "XSTORE" && a.ref < (ir.loopRef ?? 0));
    expect(before.map((a) => a.offset)).toEqual([44, 52, 64, 72]);
    expect(before.every((a) => ir.ins(a.baseRef)?.lit === "cdata.ptr")).toBe(true);
    // With -fuse as well, asm_fusexref folds nothing: every store goes through its ADD's register.
    const unfused = predictAccesses(ir, { fuse: false, dce: false }).filter((a) => a.origin === "XSTORE");
    expect(unfused.every((a) => ir.ins(a.baseRef)?.op === "ADD" && a.offset === 0)).toBe(true);
    expect(predictPairs(ir, unfused)).toEqual([]);
  });
});

describe("checkTrace on a pair through a reloaded base", () => {
  // Campaign seed 20261125, case 28365, on openresty-2025: a spilled base
  // pointer is reloaded into x0 (ldp x0, x1, [sp, #8]) for ldp w23, w24,
  // [x0, #-12], while the IR gives x0 to another base that an unaligned
  // load at -7 goes through. The pair is right: the oracle once called it
  // the 2023 unaligned-fusion bug.
  it("is not taken for an unaligned fusion", () => {
    const trace = JSON.parse(
      readFileSync(join(FIXTURES, "spill-reloaded-base.openresty-2025.trace.json"), "utf8"),
    ) as TraceRecord;
    const c = checkTrace(trace);
    expect(c.findings).toEqual([]);
    expect(c.stats.unmodeled).toBe(0);
    expect(wordIndex(trace, 0x297ee017)).toBeGreaterThan(0);
  });
});

describe("checkTrace on the buggy builds", () => {
  it.each(fixtures.filter((f) => !triggersBug(f)))("%s: no false alarms either", (file) => {
    for (const t of traces(file)) {
      const c = checkTrace(t);
      expect(c.findings).toEqual([]);
      expect(c.stats.unmodeled).toBe(0);
    }
  });

  it("finds exactly the PR #1028 word in the given recording, with the word it should be", () => {
    const all = traces("pr1028-openresty-2023.probe.jsonl").flatMap((t) => checkTrace(t).findings);
    expect(all).toHaveLength(1);
    const f = all[0];
    expect(f).toMatchObject({
      kind: "illegal-word",
      trace: 2,
      word: 0xffff00a3,
      offset: 0x30,
      address: 0x232ff08,
      expected: { word: 0x297f00a3, text: "ldp w3, w0, [x5, #-8]" },
      refs: [6, 7, 8, 9],
    });
    expect(f?.line).toMatchObject({ line: 7, bytecode: "TGETV", approximate: false });
    expect(encode("ldp w3, w0, [x5, #-8]")).toBe(0x297f00a3);
  });

  it.each([
    "pr1028.openresty-2023.probe.jsonl",
    "pr1028.luajit-2022.probe.jsonl",
    "pr1028-idle.openresty-2023.probe.jsonl",
    "pr1028-idle.luajit-2022.probe.jsonl",
  ])("%s: one illegal word, recovered to its LDP", (file) => {
    const all = traces(file).flatMap((t) => checkTrace(t).findings);
    expect(all).toHaveLength(1);
    expect(all[0]?.kind).toBe("illegal-word");
    expect(all[0]?.expected?.text).toMatch(/^ldp w\d+, w\d+, \[x\d+, #-8\]$/);
    expect((all[0]?.word ?? 0) >>> 21).toBe(0x7ff);
    expect(((all[0]?.word ?? 0) & 0x3fffff) >>> 0).toBe((all[0]?.expected?.word ?? 0) & 0x3fffff);
  });

  it.each(["ffi-negative.openresty-2023.probe.jsonl", "ffi-negative.luajit-2022.probe.jsonl"])(
    "%s: every smeared LDP/STP of every width, each recovered",
    (file) => {
      const all = traces(file).flatMap((t) => checkTrace(t).findings);
      expect(all).toHaveLength(7);
      for (const f of all) {
        expect(f.kind).toBe("illegal-word");
        expect(f.word >>> 21).toBe(0x7ff);
        expect((f.word & 0x3fffff) >>> 0).toBe(((f.expected?.word ?? 0) & 0x3fffff) >>> 0);
      }
      const texts = all.map((f) => `${f.expected?.text.split(" ")[0]} ${f.expected?.text.split(" ")[1]?.[0]}`);
      expect(new Set(texts)).toEqual(new Set(["ldp w", "ldp x", "ldp d", "stp w", "stp x", "stp s", "stp d"]));
    },
  );

  it("flags the idle variant although its bad trace never runs", () => {
    const fixed = traces("pr1028-idle.openresty-2025.probe.jsonl");
    const buggy = traces("pr1028-idle.openresty-2023.probe.jsonl");
    expect(fixed.flatMap((t) => checkTrace(t).findings)).toEqual([]);
    const f = buggy.flatMap((t) => checkTrace(t).findings)[0];
    expect(f?.trace).toBe(3);
    // The fixed build emits exactly the word the oracle expected from the buggy one.
    const fixedWords = fixed.flatMap((t) => {
      const c = checkTrace(t);
      return c.stats.pairsMatched;
    });
    expect(fixedWords.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe("pair checks", () => {
  const fixedTrace = traces("pr1028.openresty-2025.probe.jsonl").find((t) => t.trace === 2);
  if (fixedTrace === undefined) throw new Error("fixture lacks trace 2");
  const good = 0x297f00a3; // ldp w3, w0, [x5, #-8]

  it("predicts and matches the pair of the fixed build", () => {
    const c = checkTrace(fixedTrace);
    expect(c.stats).toMatchObject({ pairsPredicted: 1, pairsMatched: 1, unmodeled: 0 });
    expect(wordIndex(fixedTrace, good)).toBeGreaterThan(0);
  });

  it("does not guess at a pair whose offsets no known backend fault explains", () => {
    // Registers are reused all over a trace: an aligned pair at another offset
    // than an access on the same registers is most often an unrelated access
    // (a hash-chain walk, a reused base). No finding without conclusive evidence.
    const other = withWord(fixedTrace, wordIndex(fixedTrace, good), encode("ldp w3, w0, [x5, #-4]"));
    expect(checkTrace(other).findings).toEqual([]);
  });

  it("flags a pair that truncated unaligned offsets (the 2023 unaligned-fusion bug)", () => {
    for (const build of ["openresty-2023", "luajit-2022"]) {
      const log = recording(`ldp-unaligned.${build}.probe.jsonl`);
      const findings = log.traces.flatMap((t) => checkTrace(t).findings);
      expect(findings, build).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        kind: "pair-mismatch",
        cause: "pair-unaligned-offset",
        text: "ldp w1, w0, [x14]",
      });
      expect(findings[0]?.message).toMatch(
        /loads 4 bytes at \[x14, #2\] into x1, the pair loads 4 bytes at \[x14, #0\]/,
      );
    }
    const fixed = recording("ldp-unaligned.openresty-2025.probe.jsonl");
    expect(fixed.traces.flatMap((t) => checkTrace(t).findings)).toEqual([]);
  });

  it("flags pair kinds emit_lso never makes", () => {
    const bad = withWord(fixedTrace, wordIndex(fixedTrace, good), encode("ldp w3, w0, [x5, #-8]!"));
    expect(checkTrace(bad).findings[0]?.message).toMatch(/never makes/);
  });

  it("recovers a smeared word from the IR's accesses", () => {
    const ir = new TraceIr(fixedTrace);
    const accesses = predictAccesses(ir);
    const pair = recoverPair({ accesses, pairs: predictPairs(ir, accesses) }, 0xffff00a3);
    expect(pair?.word).toBe(good);
    expect(recoverPair({ accesses, pairs: [] }, 0xffff00a3)?.text).toBe("ldp w3, w0, [x5, #-8]");
    expect(recoverPair({ accesses, pairs: [] }, 0xffff01a3)).toBeUndefined();
  });

  it("does not decode literal-pool data as code", () => {
    // ldr w1, <next word>, then a 4-byte data word that is no instruction.
    const i = wordIndex(fixedTrace, good);
    let t = withWord(fixedTrace, i - 1, encode("ldr w1, 4", 0));
    t = withWord(t, i, 0xffffffff);
    const c = checkTrace(t);
    expect(c.findings.filter((f) => f.word === 0xffffffff)).toEqual([]);
    expect(c.stats.words).toBe(checkTrace(fixedTrace).stats.words - 1);
  });
});

describe("formatOracleFinding", () => {
  it("reads like the Kong SIGILL analysis", () => {
    const trace = traces("pr1028-openresty-2023.probe.jsonl").find((t) => t.trace === 2);
    if (trace === undefined) throw new Error("fixture lacks trace 2");
    const [f] = checkTrace(trace).findings;
    if (f === undefined) throw new Error("no finding");
    const text = formatOracleFinding(f, trace);
    expect(text).toContain("illegal-word in trace 2 +0x30 (0x232ff08)");
    expect(text).toContain("Lua: t2.lua:7 (TGETV), t2.lua:8 (TGETV)");
    expect(text).toMatch(/0007 x3 +int XLOAD {2}0006/);
    expect(text).toMatch(/0005 x5 +p64 FLOAD {2}0002 {2}cdata\.ptr/);
    expect(text).toMatch(/>>> +232ff08 {2}ffff00a3 {2}\(unallocated\)/);
    expect(text).toMatch(/232ff04 {2}f94008c5 {2}ldr x5, \[x6, #16\]/);
    expect(text).toContain("expected: 0x297f00a3  ldp w3, w0, [x5, #-8]");
  });
});
