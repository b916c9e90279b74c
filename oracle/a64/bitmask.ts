// Logical (bitmask) immediates: a rotated run of ones, replicated to fill the
// register. Decoding follows the architecture's DecodeBitMasks; encoding looks
// the value up in a table of all valid encodings, built once on first use.

/** The value of (N, immr, imms) for a 32- or 64-bit register, or undefined when reserved. */
export function decodeBitmask(n: number, immr: number, imms: number, is64: boolean): bigint | undefined {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return undefined;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return undefined;
  if (!is64 && n === 1) return undefined;
  const levels = (1 << len) - 1;
  if ((imms & levels) === levels) return undefined;
  const s = imms & levels;
  const r = immr & levels;
  const esize = 1 << len;
  const emask = (1n << BigInt(esize)) - 1n;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const rotated = ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & emask;
  const width = is64 ? 64 : 32;
  let value = 0n;
  for (let i = 0; i < width; i += esize) value |= rotated << BigInt(i);
  return value;
}

const tables = new Map<boolean, Map<bigint, number>>();

/** Fields N:immr:imms (as N<<12 | immr<<6 | imms) for a value, or undefined. */
export function encodeBitmask(value: bigint, is64: boolean): number | undefined {
  let table = tables.get(is64);
  if (!table) {
    table = new Map();
    for (let n = 0; n < (is64 ? 2 : 1); n++) {
      for (let immr = 0; immr < 64; immr++) {
        for (let imms = 0; imms < 64; imms++) {
          const v = decodeBitmask(n, immr, imms, is64);
          if (v !== undefined && !table.has(v)) table.set(v, (n << 12) | (immr << 6) | imms);
        }
      }
    }
    tables.set(is64, table);
  }
  return table.get(BigInt.asUintN(is64 ? 64 : 32, value));
}

/**
 * Whether MOVZ or MOVN could make the value: one 16-bit chunk holds all of its
 * bits, or all of its complement's. binutils prints ORR-with-zero as `mov`
 * only when this is false (or when the destination is the stack pointer, which
 * MOVZ/MOVN cannot write) - not by the architecture's MoveWidePreferred.
 */
export function isWideConstant(value: bigint, is64: boolean): boolean {
  const width = is64 ? 64 : 32;
  for (const v of [BigInt.asUintN(width, value), BigInt.asUintN(width, ~value)]) {
    for (let hw = 0; hw < width / 16; hw++) {
      if ((v & ~(0xffffn << BigInt(16 * hw))) === 0n) return true;
    }
  }
  return false;
}
