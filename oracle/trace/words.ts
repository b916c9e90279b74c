import type { MachineCode, TraceRecord } from "./record.ts";

/** Nibble values by char code; -1 for a char that is no hex digit. */
const NIBBLES = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLES[i.toString(16).charCodeAt(0)] = i;
  NIBBLES[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}

/**
 * Machine code from its raw bytes, one char each (the probe log is read as
 * latin1): the words are made at once, the hex only when someone reads it
 * (reports, JSON). Every screened trace comes this way, and the oracle reads
 * only the words.
 */
export function machineCodeOfBytes(address: number, loop: number, bytes: string): MachineCode {
  const words: number[] = new Array(bytes.length >>> 2);
  for (let i = 0, w = 0; i + 4 <= bytes.length; i += 4, w++)
    words[w] =
      (bytes.charCodeAt(i) |
        (bytes.charCodeAt(i + 1) << 8) |
        (bytes.charCodeAt(i + 2) << 16) |
        (bytes.charCodeAt(i + 3) << 24)) >>>
      0;
  let hex: string | undefined;
  const code = {
    address,
    loop,
    get hex(): string {
      hex ??= Buffer.from(bytes, "latin1").toString("hex");
      return hex;
    },
  };
  Object.defineProperty(code, "words", { value: words, enumerable: false });
  return code;
}

/**
 * The machine code of a trace as little-endian 32-bit words: the reader's
 * own, or read from the hex by char codes, without a substring per byte.
 */
export function traceWords(trace: TraceRecord): readonly number[] {
  if (trace.mcode.words !== undefined) return trace.mcode.words;
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
