// Every A64 load/store word of a trace as a form: addressing mode, size,
// kind, register file, and where its offset sits in its own immediate
// field. Read from the bits (the load/store encoding classes of the Arm
// ARM, C4.1.66 onwards), so that it costs nothing next to the oracle's
// full decode; exclusive, atomic and SIMD-structure forms, which LuaJIT
// never emits, are not forms here.
import { WordCache } from "../a64/index.ts";
import { imm9Class, type OffsetClass, pairClass, uimmClass } from "./offset-class.ts";

export type AddressingMode =
  | "uimm"
  | "unscaled"
  | "pre"
  | "post"
  | "unprivileged"
  | "register"
  | "literal"
  | "pair-offset"
  | "pair-pre"
  | "pair-post"
  | "pair-noalloc";

export interface LoadStoreForm {
  readonly mode: AddressingMode;
  /** Bytes per register. */
  readonly size: number;
  /** "st", "ld", "ldsw"/"ldsx" (sign-extending), "prfm", "ldpsw", "stgp". */
  readonly kind: string;
  readonly fp: boolean;
  /** The offset in bytes (0 for register and literal forms). */
  readonly offset: number;
  /** Where it sits in its field; for register forms the extend and shift ("uxtw-s1"). */
  readonly offsetClass: OffsetClass | string;
}

const field = (w: number, at: number, bits: number): number => (w >>> at) & ((1 << bits) - 1);
const signed = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

const EXTENDS: Readonly<Record<number, string>> = { 2: "uxtw", 3: "lsl", 6: "sxtw", 7: "sxtx" };

/** Size and kind of a single (non-pair) load/store from its size, V and opc fields. */
function singleKind(w: number): { size: number; kind: string; fp: boolean } {
  const sizeField = w >>> 30;
  const fp = field(w, 26, 1) === 1;
  const opc = field(w, 22, 2);
  if (fp) return { size: opc >= 2 ? 16 : 1 << sizeField, kind: opc % 2 === 1 ? "ld" : "st", fp };
  const kind = opc === 0 ? "st" : opc === 1 ? "ld" : opc === 2 ? (sizeField === 3 ? "prfm" : "ldsx") : "ldsw";
  return { size: 1 << sizeField, kind, fp };
}

function pairForm(w: number): LoadStoreForm | undefined {
  const opc = w >>> 30;
  const fp = field(w, 26, 1) === 1;
  const load = field(w, 22, 1) === 1;
  const mode = (["pair-noalloc", "pair-post", "pair-offset", "pair-pre"] as const)[field(w, 23, 2)]!;
  let size: number;
  let kind = load ? "ld" : "st";
  if (fp) size = [4, 8, 16][opc] ?? 0;
  else if (opc === 1) [size, kind] = load ? [4, "ldpsw"] : [16, "stgp"];
  else size = opc === 0 ? 4 : opc === 2 ? 8 : 0;
  if (size === 0) return undefined;
  const offset = signed(field(w, 15, 7), 7) * size;
  return { mode, size, kind, fp, offset, offsetClass: pairClass(offset, size) };
}

/** Forms of words already read (oracle/a64's WordCache): screening reads every word of every trace. */
const forms = new WordCache<LoadStoreForm | undefined>(12, (w) => readForm(w));

/** The form of a load/store word, or undefined for any other word. */
export function loadStoreForm(word: number): LoadStoreForm | undefined {
  return forms.get(word);
}

function readForm(w: number): LoadStoreForm | undefined {
  if ((w & 0x3a000000) >>> 0 === 0x28000000) return pairForm(w);
  if ((w & 0x3b000000) >>> 0 === 0x39000000) {
    const k = singleKind(w);
    const offset = field(w, 10, 12) * k.size;
    return { mode: "uimm", ...k, offset, offsetClass: uimmClass(offset, k.size) };
  }
  if ((w & 0x3b200000) >>> 0 === 0x38000000) {
    const k = singleKind(w);
    const mode = (["unscaled", "post", "unprivileged", "pre"] as const)[field(w, 10, 2)]!;
    const offset = signed(field(w, 12, 9), 9);
    const aligned = offset % k.size === 0;
    return {
      mode,
      ...k,
      offset,
      offsetClass: imm9Class(offset) === "in" && !aligned ? "misaligned" : imm9Class(offset),
    };
  }
  if ((w & 0x3b200c00) >>> 0 === 0x38200800) {
    const k = singleKind(w);
    const extend = EXTENDS[field(w, 13, 3)] ?? `option${field(w, 13, 3)}`;
    return { mode: "register", ...k, offset: 0, offsetClass: `${extend}-s${field(w, 12, 1)}` };
  }
  if ((w & 0x3b000000) >>> 0 === 0x18000000) {
    const opc = w >>> 30;
    const fp = field(w, 26, 1) === 1;
    const size = fp ? ([4, 8, 16][opc] ?? 4) : opc === 0 ? 4 : opc === 1 ? 8 : 4;
    const kind = fp ? "ld" : opc === 2 ? "ldsw" : opc === 3 ? "prfm" : "ld";
    const offset = signed(field(w, 5, 19), 19) * 4;
    return { mode: "literal", size, kind, fp, offset, offsetClass: offset < 0 ? "back" : "forward" };
  }
  return undefined;
}
