// Decoder and encoder on known words, without binutils: LuaJIT's own
// instruction templates (lj_target_arm64.h) and the PR #1028 words.
import { describe, expect, it } from "vitest";
import { classify, decode } from "./decode.ts";
import { encode, encodeCandidates } from "./encode.ts";

const text = (w: number, address = 0): string => {
  const d = decode(w, address);
  return d.status === "valid" ? d.text : d.status;
};

describe("decode", () => {
  it("decodes the PR #1028 pair and calls its smeared form unallocated", () => {
    expect(text(0x297f6f7a)).toBe("ldp w26, w27, [x27, #-8]");
    expect(decode(0xffff6f7a)).toEqual({ status: "unallocated", group: "reserved-top" });
    expect(text(0xffff00a3)).toBe("unallocated");
  });

  it("prints loads and stores as objdump does", () => {
    expect(text(0xf9400020)).toBe("ldr x0, [x1]");
    expect(text(0xf8400c20)).toBe("ldr x0, [x1, #0]!");
    expect(text(0xf8400420)).toBe("ldr x0, [x1], #0");
    expect(text(0xb860d820)).toBe("ldr w0, [x1, w0, sxtw #2]");
    expect(text(0x3860f820)).toBe("ldrb w0, [x1, x0, sxtx #0]");
    expect(text(0x5c000040, 0x1000)).toBe("ldr d0, 1008");
    expect(text(0x6d7f8be0)).toBe("ldp d0, d2, [sp, #-8]");
  });

  it("prints aliases binutils prefers", () => {
    expect(text(0xaa0203e0)).toBe("mov x0, x2");
    expect(text(0xd2a00200)).toBe("mov x0, #0x100000");
    expect(text(0x1a9f17e0)).toBe("cset w0, eq");
    expect(text(0xd37df020)).toBe("lsl x0, x1, #3");
    expect(text(0x93407c20)).toBe("sxtw x0, w1");
    expect(text(0x9b227c20)).toBe("smull x0, w1, w2");
    expect(text(0xeb0203ff)).toBe("cmp xzr, x2");
  });

  it("prints branch targets relative to the address, as bare hex", () => {
    expect(text(0x14000001, 0x8)).toBe("b c");
    expect(text(0x54ffffe1, 0x232ff7c)).toBe("b.ne 232ff78");
    expect(text(0x17ffffff, 0)).toBe("b fffffffffffffffc");
  });

  it("tells unmodeled words apart", () => {
    expect(classify(0xd5033fdf)).toBe("unmodeled"); // isb
    expect(classify(0x4e221c20)).toBe("unmodeled"); // and v0.16b, …
  });
});

describe("encode", () => {
  it("reads objdump's syntax back", () => {
    expect(encode("ldp w26, w27, [x27, #-8]")).toBe(0x297f6f7a);
    expect(encode("ldp w3, w0, [x5, #-8]")).toBe(0x297f00a3);
    expect(encode("ldr x0, [x1, #0]!")).toBe(0xf8400c20);
    expect(encode("mov x0, #0x100000")).toBe(0xd2a00200);
    expect(encode("b.ne 232ff78", 0x232ff7c)).toBe(0x54ffffe1);
    expect(encode("fmov d0, #2.000000000000000000e+00")).toBe(0x1e601000);
  });

  it("accepts other spellings of the same instruction", () => {
    expect(encode("LDP W26, W27, [X27, #-0x8]")).toBe(0x297f6f7a);
    expect(encode("ldr x0, [x1, #0]")).toBe(0xf9400020);
    expect(encode("orr x0, xzr, x2")).toBe(0xaa0203e0);
    expect(encode("fmov d0, #2.0")).toBe(0x1e601000);
  });

  it("prefers the word that decodes back to the same text", () => {
    expect(encodeCandidates("mov x0, #0x10").length).toBeGreaterThan(0);
    for (const w of [0x910003e0, 0xd2800200, 0xb2400000, 0xaa0203e0, 0x13017c20, 0x2f07e7e0]) {
      expect(encode(text(w))).toBe(w);
    }
  });

  it("rejects what it cannot encode", () => {
    expect(() => encode("ldp w0, w1, [x2, #-9]")).toThrow(/cannot encode/);
    expect(() => encode("frobnicate x0")).toThrow(/cannot encode/);
    expect(() => encode("add x0, x1, #0x1000")).toThrow(/cannot encode/);
  });
});
