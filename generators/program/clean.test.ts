import { describe, expect, it } from "vitest";
import {
  CLEAN_DOUBLES,
  CLEAN_FLOATS,
  doubleBytes,
  fillByte,
  floatBytes,
  isCleanByte,
  MASK32_NONNEG,
  MASK32_SIGNED,
  MASK64_NONNEG,
  MASK64_SIGNED,
} from "./clean.ts";

describe("the NaN-free memory invariant", () => {
  it("fills with clean bytes only", () => {
    for (let seed = 0; seed < 254; seed++)
      for (let i = 0; i < 254; i++) expect(isCleanByte(fillByte(i, seed))).toBe(true);
  });

  it("masks every integer store to clean bytes", () => {
    const bytes32 = (v: number) => [0, 8, 16, 24].map((s) => (v >>> s) & 0xff);
    for (const v of [-1, 0x7fffffff, -0x80000000, 0x7f7f7f7f, 0x12345678]) {
      expect(bytes32(v & MASK32_NONNEG).every(isCleanByte)).toBe(true);
      expect(bytes32(v & MASK32_SIGNED).every(isCleanByte)).toBe(true);
      expect(v & MASK32_NONNEG).toBeGreaterThanOrEqual(0);
    }
    const bytes64 = (v: bigint) =>
      Array.from({ length: 8 }, (_, i) => Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 0xffn));
    for (const v of [-1n, 0x7fffffffffffffffn, -(1n << 63n)]) {
      expect(bytes64(v & MASK64_NONNEG).every(isCleanByte)).toBe(true);
      expect(bytes64(v & MASK64_SIGNED).every(isCleanByte)).toBe(true);
    }
  });

  it("keeps only FP literals whose encodings are clean, and a fair number of them", () => {
    expect(CLEAN_DOUBLES.length).toBeGreaterThan(20);
    expect(CLEAN_FLOATS.length).toBeGreaterThan(15);
    for (const d of CLEAN_DOUBLES) expect(doubleBytes(d).every(isCleanByte)).toBe(true);
    for (const f of CLEAN_FLOATS) expect(floatBytes(f).every(isCleanByte)).toBe(true);
  });

  it("no float or double read of clean bytes is a NaN or an infinity", () => {
    // Exhaustive over the top two bytes, which hold sign and exponent.
    const bad: number[] = [];
    const dv = new DataView(new ArrayBuffer(8));
    for (let hi = 0; hi < 256; hi++) {
      for (let lo = 0; lo < 256; lo++) {
        if (!isCleanByte(hi) || !isCleanByte(lo)) continue;
        dv.setUint8(2, lo);
        dv.setUint8(3, hi);
        dv.setUint8(6, lo);
        dv.setUint8(7, hi);
        if (!Number.isFinite(dv.getFloat32(0, true)) || !Number.isFinite(dv.getFloat64(0, true)))
          bad.push((hi << 8) | lo);
      }
    }
    expect(bad).toEqual([]);
  });
});
