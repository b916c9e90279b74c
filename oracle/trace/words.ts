import type { TraceRecord } from "./record.ts";

/** Nibble values by char code; -1 for a char that is no hex digit. */
const NIBBLES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLES[i.toString(16).charCodeAt(0)] = i;
  NIBBLES[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}

/**
 * The machine code of a trace as little-endian 32-bit words. Every screened
 * trace is read so: by char codes, without a substring per byte.
 */
export function traceWords(trace: TraceRecord): number[] {
  const { hex } = trace.mcode;
  const words: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) {
    let word = 0;
    for (let b = 0; b < 4; b++) {
      const high = NIBBLES[hex.charCodeAt(i + 2 * b)] ?? -1;
      const low = NIBBLES[hex.charCodeAt(i + 2 * b + 1)] ?? -1;
      if (high < 0 || low < 0) return slowWords(hex);
      word |= ((high << 4) | low) << (8 * b);
    }
    words.push(word >>> 0);
  }
  return words;
}

/** What parseInt makes of hex that is not all digits (a hand-written record), byte by byte. */
function slowWords(hex: string): number[] {
  const words: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) {
    const b0 = parseInt(hex.slice(i, i + 2), 16);
    const b1 = parseInt(hex.slice(i + 2, i + 4), 16);
    const b2 = parseInt(hex.slice(i + 4, i + 6), 16);
    const b3 = parseInt(hex.slice(i + 6, i + 8), 16);
    words.push((b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0);
  }
  return words;
}
