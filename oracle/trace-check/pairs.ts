// The LDP/STP fusion of emit_lso (lj_emit_arm64.h), as a prediction over the
// IR: two accesses fuse when the backend emits them back to back with the same
// base register and instruction, at adjacent offsets, aligned, within the
// signed 7-bit scaled range (the range the fixed emit_lso checks). The pair's
// word comes from our encoder, so a prediction can be compared bit for bit.
import { encode, gprName } from "../a64/index.ts";
import type { Access } from "./accesses.ts";
import { RID, type TraceIr } from "./ir.ts";

export interface PredictedPair {
  /** The access at the lower address (Rt) and the one above it (Rt2). */
  readonly low: Access;
  readonly high: Access;
  readonly word: number;
  readonly text: string;
}

/** IR ops that emit code even when their result has no register. */
const SIDE_EFFECTS = new Set([
  "XSTORE",
  "ASTORE",
  "HSTORE",
  "USTORE",
  "FSTORE",
  "CALLS",
  "CALLXS",
  "CALLL",
  "CALLN",
  "CALLA",
  "LOOP",
  "TBAR",
  "OBAR",
  "XBAR",
  "GCSTEP",
  "USE",
  "RETF",
  "PROF",
  "BUFPUT",
  "BUFHDR",
  "BUFSTR",
  "CNEW",
  "CNEWI",
  "TNEW",
  "TDUP",
  "HIOP",
  "PHI",
  "SNEW",
  "XSNEW",
  "TMPREF",
  "NEWREF",
  "STRTO",
]);

/** Whether an instruction between two accesses leaves them adjacent in the machine code. */
function codeless(ir: TraceIr, ref: number): boolean {
  if (!ir.has(ref)) return true;
  const op = ir.op(ref);
  if (op === "NOP") return true;
  return ir.rid(ref) === RID.none && ir.spill(ref) === 0 && !ir.isGuard(ref) && !SIDE_EFFECTS.has(op);
}

/** Register name for a pair operand: w/x for GPRs (31 = zero), s/d for FPRs. */
export function pairRegister(reg: number, size: number, fp: boolean): string {
  if (fp) return `${size === 8 ? "d" : "s"}${reg}`;
  return gprName(reg, size === 8 ? "x" : "w", "zr");
}

/** The text of an LDP/STP as objdump prints it. */
export function pairText(
  kind: "load" | "store",
  size: number,
  fp: boolean,
  rt: number,
  rt2: number,
  rn: number,
  offset: number,
): string {
  const base = gprName(rn, "x", "sp");
  const addr = offset === 0 ? `[${base}]` : `[${base}, #${offset}]`;
  return `${kind === "load" ? "ldp" : "stp"} ${pairRegister(rt, size, fp)}, ${pairRegister(rt2, size, fp)}, ${addr}`;
}

/** Whether emit_lso (fixed) would fuse these two accesses if emitted back to back. */
export function fusable(a: Access, b: Access): boolean {
  if (!a.pairable || !b.pairable) return false;
  if (a.baseRef !== b.baseRef || a.baseReg === undefined || a.baseReg !== b.baseReg) return false;
  if (a.kind !== b.kind || a.fp !== b.fp || a.size !== b.size || (a.size !== 4 && a.size !== 8)) return false;
  if (a.dataReg === undefined || b.dataReg === undefined) return false;
  if (Math.abs(a.offset - b.offset) !== a.size) return false;
  // The earlier load must not overwrite the base the later one still needs.
  if (a.kind === "load" && !a.fp && a.dataReg === a.baseReg) return false;
  const low = Math.min(a.offset, b.offset);
  return low % a.size === 0 && low / a.size >= -64 && low / a.size <= 63;
}

/**
 * Words of pair texts already encoded: the same few pairs recur in trace
 * after trace, and encoding parses the text and decodes its candidates.
 * Bounded: cleared when full.
 */
const pairWords = new Map<string, number>();
const PAIR_WORDS_MAX = 1 << 14;

function pairWord(text: string): number {
  let word = pairWords.get(text);
  if (word === undefined) {
    word = encode(text);
    if (pairWords.size >= PAIR_WORDS_MAX) pairWords.clear();
    pairWords.set(text, word);
  }
  return word;
}

/** Builds the pair two fusable accesses make. */
export function makePair(a: Access, b: Access): PredictedPair {
  const [low, high] = a.offset < b.offset ? [a, b] : [b, a];
  const text = pairText(low.kind, low.size, low.fp, low.dataReg ?? 0, high.dataReg ?? 0, low.baseReg ?? 0, low.offset);
  return { low, high, text, word: pairWord(text) };
}

/**
 * Pairs the backend should form from the IR's accesses. The backend emits
 * backwards, so in a run of fusable accesses the last two pair up first and
 * an access fuses at most once: walk from the end.
 */
export function predictPairs(ir: TraceIr, accesses: readonly Access[]): PredictedPair[] {
  const out: PredictedPair[] = [];
  const ordered = [...accesses].sort((x, y) => x.ref - y.ref);
  for (let i = ordered.length - 1; i > 0; i--) {
    const a = ordered[i - 1];
    const b = ordered[i];
    if (a === undefined || b === undefined || !fusable(a, b)) continue;
    let adjacent = true;
    for (let r = a.ref + 1; r < b.ref && adjacent; r++) if (!codeless(ir, r)) adjacent = false;
    if (!adjacent) continue;
    out.push(makePair(a, b));
    i--;
  }
  return out.reverse();
}
