import type { TraceRecord } from "./record.ts";

/** The machine code of a trace as little-endian 32-bit words. */
export function traceWords(trace: TraceRecord): number[] {
  const { hex } = trace.mcode;
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
