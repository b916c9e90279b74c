// The trace's machine code as the checker needs it: words with addresses,
// which words are data rather than code, and the structure of load/store
// pairs and single loads/stores, read straight from the bits.

import { field, signExtend } from "../a64/index.ts";
import { type TraceRecord, traceWords } from "../trace/index.ts";

export interface PairOp {
  readonly kind: "load" | "store";
  /** Bytes per register: 4, 8 or 16. */
  readonly size: number;
  readonly fp: boolean;
  readonly rt: number;
  readonly rt2: number;
  readonly rn: number;
  readonly offset: number;
  /** Only "offset" pairs come out of emit_lso; the others never should. */
  readonly mode: "offset" | "pre" | "post" | "no-allocate";
  /** ldpsw or stgp: pair kinds LuaJIT never emits. */
  readonly special: boolean;
}

/** A valid LDP/STP-family word as fields, or undefined for other words. */
export function decodePair(w: number): PairOp | undefined {
  if ((w & 0x3a000000) >>> 0 !== 0x28000000) return undefined;
  const opc = w >>> 30;
  const fp = field(w, 26, 1) === 1;
  const load = field(w, 22, 1) === 1;
  const mode = (["no-allocate", "post", "offset", "pre"] as const)[field(w, 23, 2)] ?? "offset";
  let size: number;
  let special = false;
  if (fp) size = [4, 8, 16][opc] ?? 0;
  else if (opc === 1) {
    special = true;
    size = load ? 4 : 16;
  } else size = opc === 0 ? 4 : opc === 2 ? 8 : 0;
  if (size === 0) return undefined;
  return {
    kind: load ? "load" : "store",
    size,
    fp,
    rt: field(w, 0, 5),
    rt2: field(w, 10, 5),
    rn: field(w, 5, 5),
    offset: signExtend(field(w, 15, 7), 7) * size,
    mode,
    special,
  };
}

export interface SingleOp {
  readonly kind: "load" | "store";
  readonly size: number;
  readonly fp: boolean;
  readonly rt: number;
  readonly rn: number;
  readonly offset: number;
}

/**
 * An LDR/STR (unsigned scaled offset) or LDUR/STUR of w/x/s/d as fields: the
 * single accesses emit_lso makes when it does not fuse. Other words: undefined.
 */
export function decodeSingle(w: number): SingleOp | undefined {
  const unsigned = (w & 0x3b000000) >>> 0 === 0x39000000;
  const unscaled = (w & 0x3b200c00) >>> 0 === 0x38000000;
  if (!unsigned && !unscaled) return undefined;
  const size = 1 << (w >>> 30);
  const fp = field(w, 26, 1) === 1;
  const opc = field(w, 22, 2);
  if (opc > 1 || size < 4) return undefined;
  const offset = unsigned ? field(w, 10, 12) * size : signExtend(field(w, 12, 9), 9);
  return { kind: opc === 1 ? "load" : "store", size, fp, rt: field(w, 0, 5), rn: field(w, 5, 5), offset };
}

/** Indices of words that are data (literal-pool entries an LDR literal points at), not code. */
export function dataWords(words: readonly number[]): Set<number> {
  const data = new Set<number>();
  words.forEach((w, i) => {
    // LDR (literal) w/x/s/d/q and LDRSW: opc V 011 x00 imm19 Rt.
    if ((w & 0x3b000000) >>> 0 !== 0x18000000) return;
    const opc = w >>> 30;
    const v = field(w, 26, 1);
    if (opc === 3) return; // prfm: no data
    const bytes = v === 1 ? ([4, 8, 16][opc] ?? 4) : opc === 0 ? 4 : 8;
    const target = i + signExtend(field(w, 5, 19), 19);
    for (let k = 0; k < bytes / 4; k++) if (target + k >= 0 && target + k < words.length) data.add(target + k);
  });
  return data;
}

export interface TraceCode {
  readonly words: readonly number[];
  readonly address: number;
  readonly data: ReadonlySet<number>;
  /** The distinct words, made on first read: the oracle and the trace features both ask whether a predicted pair is there. */
  readonly wordSet: ReadonlySet<number>;
}

const codes = new WeakMap<TraceRecord, TraceCode>();

/** The trace's code, read once per record (the oracle and the trace features both read it). */
export function traceCode(trace: TraceRecord): TraceCode {
  let code = codes.get(trace);
  if (code === undefined) {
    const words = traceWords(trace);
    let wordSet: ReadonlySet<number> | undefined;
    code = {
      words,
      address: trace.mcode.address,
      data: dataWords(words),
      get wordSet() {
        wordSet ??= new Set(words);
        return wordSet;
      },
    };
    codes.set(trace, code);
  }
  return code;
}
