// The trace oracle: every word of a trace's machine code must be an
// instruction, and every LDP/STP must be the pair the IR's two accesses make.
// A word that is not an instruction but carries the PR #1028 smear (bits
// 31..21 all ones, the low 22 bits of an LDP/STP intact) is matched back to
// the two accesses it came from, so the finding says what it should have been.

import { classify, decode, field, signExtend } from "../a64/index.ts";
import type { TraceRecord } from "../trace/index.ts";
import { type Access, type BackendOptions, DEFAULT_BACKEND_OPTIONS, spillAccesses } from "./accesses.ts";
import { RID, TraceIr } from "./ir.ts";
import { decodePair, decodeSingle, type PairOp, type SingleOp, type TraceCode, traceCode } from "./mcode.ts";
import { fusable, makePair, type PredictedPair } from "./pairs.ts";
import { tracePrediction } from "./prediction.ts";
import { SourceMap } from "./source.ts";
import type { ExpectedWord, FindingCause, OracleFinding, TraceCheck } from "./types.ts";

/** The smear of the buggy emit_lso: sign bits of a negative imm7 ORed over bits 31..22. */
export const isSmearedPair = (w: number): boolean => w >>> 21 === 0x7ff;

/**
 * What a check reads. The source map and the single accesses are made when
 * first asked (a finding, an LDP/STP whose half the IR does not state):
 * most screened traces need neither.
 */
class Context {
  private sourceMap: SourceMap | undefined;
  private singleOps: readonly SingleOp[] | undefined;
  constructor(
    readonly trace: TraceRecord,
    readonly ir: TraceIr,
    readonly code: TraceCode,
    readonly accesses: readonly Access[],
    readonly pairs: readonly PredictedPair[],
  ) {}
  get source(): SourceMap {
    this.sourceMap ??= new SourceMap(this.trace);
    return this.sourceMap;
  }
  /** The single loads/stores of the machine code: an access emitted on its own is not a pair's half. */
  get singles(): readonly SingleOp[] {
    const { code } = this;
    this.singleOps ??= code.words.flatMap((w, i) => (code.data.has(i) ? [] : (decodeSingle(w) ?? [])));
    return this.singleOps;
  }
}

/** `options`: the optimization flags the trace was compiled with (fusion changes what the backend emits). */
export function checkTrace(trace: TraceRecord, options: BackendOptions = DEFAULT_BACKEND_OPTIONS): TraceCheck {
  const ir = TraceIr.of(trace);
  const { accesses: irAccesses, pairs } = tracePrediction(ir, options);
  const code = traceCode(trace);
  const ctx = new Context(trace, ir, code, [...irAccesses, ...spillAccesses(ir)], pairs);
  const findings: OracleFinding[] = [];
  let words = 0;
  let unmodeled = 0;
  for (let i = 0; i < code.words.length; i++) {
    if (code.data.has(i)) continue;
    const w = code.words[i]!;
    words++;
    const status = classify(w);
    if (status === "unmodeled") {
      unmodeled++;
      continue;
    }
    // Where the word is: made only for the words that need it, as most are neither.
    if (status === "unallocated") {
      findings.push(illegalWord(ctx, w, wordAt(code.address, i)));
      continue;
    }
    const pair = decodePair(w);
    if (pair !== undefined) {
      const f = checkPair(ctx, w, pair, wordAt(code.address, i));
      if (f !== undefined) findings.push(f);
    }
  }
  const present = pairs.length === 0 ? undefined : code.wordSet;
  const pairsMatched = pairs.filter((p) => present?.has(p.word)).length;
  return { findings, stats: { words, pairsPredicted: pairs.length, pairsMatched, unmodeled } };
}

interface At {
  readonly offset: number;
  readonly address: number;
}

const wordAt = (address: number, index: number): At => ({ offset: 4 * index, address: address + 4 * index });

function finding(
  ctx: Context,
  kind: OracleFinding["kind"],
  cause: FindingCause,
  w: number,
  at: At,
  refs: readonly number[],
  expected: ExpectedWord | undefined,
  message: string,
): OracleFinding {
  const d = decode(w, at.address);
  const sorted = [...new Set(refs)].sort((a, b) => a - b);
  const anchor = sorted.find((r) => ctx.source.lineOf(r)?.approximate === false) ?? sorted[0];
  return {
    kind,
    cause,
    trace: ctx.trace.trace,
    offset: at.offset,
    address: at.address,
    word: w,
    text: d.status === "valid" ? d.text : undefined,
    expected,
    refs: sorted,
    line: anchor === undefined ? undefined : ctx.source.lineOf(anchor),
    message,
  };
}

const hex32 = (w: number): string => `0x${(w >>> 0).toString(16).padStart(8, "0")}`;

/** A word that is not an instruction; recovers the intended pair when it carries the smear. */
function illegalWord(ctx: Context, w: number, at: At): OracleFinding {
  const smeared = isSmearedPair(w);
  const cause: FindingCause = smeared ? "pair-offset-smear" : "not-an-instruction";
  const recovered = smeared ? recoverPair(ctx, w) : undefined;
  if (recovered === undefined)
    return finding(ctx, "illegal-word", cause, w, at, [], undefined, `${hex32(w)} is not an instruction`);
  return finding(
    ctx,
    "illegal-word",
    cause,
    w,
    at,
    [...recovered.low.refs, ...recovered.high.refs],
    { word: recovered.word, text: recovered.text },
    `${hex32(w)} is not an instruction: expected ${hex32(recovered.word)} (${recovered.text}), got ${hex32(w)}`,
  );
}

/**
 * The buggy emission is aip | Rn<<5 | ((ofsm >> sc) << 15) | opcode: Rt, Rn,
 * Rt2 and the low 7 bits of the scaled offset survive. Finds the two IR
 * accesses with that base register, registers and offset.
 */
export function recoverPair(
  ctx: { readonly accesses: readonly Access[]; readonly pairs: readonly PredictedPair[] },
  w: number,
): PredictedPair | undefined {
  const rt = field(w, 0, 5);
  const rn = field(w, 5, 5);
  const rt2 = field(w, 10, 5);
  const scaled = signExtend(field(w, 15, 7), 7);
  const fits = (p: PredictedPair): boolean =>
    p.low.baseReg === rn && p.low.dataReg === rt && p.high.dataReg === rt2 && p.low.offset === scaled * p.low.size;
  const predicted = ctx.pairs.find(fits);
  if (predicted !== undefined) return predicted;
  for (const a of ctx.accesses) {
    for (const b of ctx.accesses) {
      if (a === b || a.offset >= b.offset || !fusable(a, b)) continue;
      const p = makePair(a, b);
      if (fits(p)) return p;
    }
  }
  return undefined;
}

/** Accesses the IR states outright (not via tagged slots, the stack or spills). */
const DIRECT: ReadonlySet<string> = new Set(["XLOAD", "XSTORE", "FLOAD", "FSTORE"]);

/** Bases whose pairs come from the backend's own bookkeeping (spills, global_State), not only the IR. */
const INFRASTRUCTURE_BASES: ReadonlySet<number> = new Set([RID.sp, RID.gl]);

/** The word as objdump shows it, for a finding's message only. */
function shownWord(w: number, at: At): string {
  const text = decode(w, at.address);
  return text.status === "valid" ? text.text : hex32(w);
}

/** The IR access that is exactly this half of the pair: its base, kind, file, offset, size and (when known) register. */
function exactHalf(accesses: readonly Access[], p: PairOp, offset: number, reg: number): Access | undefined {
  for (const a of accesses)
    if (
      a.baseReg === p.rn &&
      a.kind === p.kind &&
      a.fp === p.fp &&
      a.offset === offset &&
      a.size === p.size &&
      (a.dataReg === undefined || a.dataReg === reg)
    )
      return a;
  return undefined;
}

/** A half the IR does not ask for: its wrong place, unless it goes through the backend's own bookkeeping (spills, global_State), which is not looked into. */
const unexplainedHalf = (ctx: Context, p: PairOp, offset: number, reg: number): Access | undefined =>
  INFRASTRUCTURE_BASES.has(p.rn) ? undefined : wrongPlace(ctx, p, offset, reg);

/**
 * The IR access a half of the pair stands for although it reads or writes
 * another place: same base and data register, another offset or size. Only
 * accesses the IR makes directly, and only when no single instruction
 * already does them. Only conclusive evidence: an unaligned IR access of the
 * pair's size whose offset, scaled down the way emit_lso scales a pair's
 * offset, lands exactly on this half (the 2023 unaligned-fusion bug), and
 * only when it is the one such access. Anything looser matches unrelated
 * accesses through reused registers (and the hash-chain walk of asm_href
 * emits an LDP of its own).
 */
function wrongPlace(ctx: Context, p: PairOp, offset: number, reg: number): Access | undefined {
  let found: Access | undefined;
  let count = 0;
  for (const a of ctx.accesses) {
    if (a.baseReg !== p.rn || a.kind !== p.kind || a.fp !== p.fp) continue;
    if (a.dataReg !== reg && a.dataReg !== undefined) continue;
    if (a.size !== p.size || a.offset % a.size === 0 || Math.floor(a.offset / a.size) * a.size !== offset) continue;
    if (!DIRECT.has(a.origin) || emittedAlone(ctx, a)) continue;
    found = a;
    count++;
  }
  return count === 1 ? found : undefined;
}

/** Whether a single load or store of the machine code already does this access. */
const emittedAlone = (ctx: Context, a: Access): boolean =>
  ctx.singles.some(
    (s) =>
      s.rn === a.baseReg &&
      s.offset === a.offset &&
      s.size === a.size &&
      s.kind === a.kind &&
      s.fp === a.fp &&
      s.rt === a.dataReg,
  );

/** An LDP/STP in the trace: it must be a pair emit_lso can make, of two accesses the IR asked for. */
function checkPair(ctx: Context, w: number, p: PairOp, at: At): OracleFinding | undefined {
  if (p.mode !== "offset" || p.special || p.size === 16) {
    return finding(
      ctx,
      "pair-mismatch",
      "pair-form",
      w,
      at,
      [],
      undefined,
      `${shownWord(w, at)}: emit_lso never makes this kind of pair (${p.special ? "ldpsw/stgp" : p.size === 16 ? "q registers" : `${p.mode} addressing`})`,
    );
  }
  if (p.kind === "load" && p.rt === p.rt2) {
    return finding(
      ctx,
      "pair-mismatch",
      "pair-form",
      w,
      at,
      [],
      undefined,
      `${shownWord(w, at)}: both halves load into the same register (constrained unpredictable)`,
    );
  }
  // A half the IR asks for is explained.
  const high = p.offset + p.size;
  const lowExact = exactHalf(ctx.accesses, p, p.offset, p.rt);
  const highExact = exactHalf(ctx.accesses, p, high, p.rt2);
  const lowNear = lowExact === undefined ? unexplainedHalf(ctx, p, p.offset, p.rt) : undefined;
  const highNear = highExact === undefined ? unexplainedHalf(ctx, p, high, p.rt2) : undefined;
  // Nearly every pair: neither half is a wrong place, nothing more to look into (and nothing made for it).
  if (lowNear === undefined && highNear === undefined) return undefined;
  const refs: number[] = [];
  const problems: string[] = [];
  const causes: FindingCause[] = [];
  const expectedHalves: Access[] = [];
  for (const [offset, reg, exact, near] of [
    [p.offset, p.rt, lowExact, lowNear],
    [high, p.rt2, highExact, highNear],
  ] as const) {
    const a = exact ?? near;
    if (a === undefined) continue;
    refs.push(...a.refs);
    expectedHalves.push(a);
    if (exact !== undefined) continue;
    causes.push(a.size !== p.size ? "pair-size" : a.offset % a.size !== 0 ? "pair-unaligned-offset" : "pair-offset");
    problems.push(
      `IR ${String(a.ref).padStart(4, "0")} ${a.kind}s ${a.size} bytes at [${regName(p.rn)}, #${a.offset}] into ${regName(reg)}, the pair ${p.kind}s ${p.size} bytes at [${regName(p.rn)}, #${offset}]`,
    );
  }
  if (problems.length === 0 || explainedThroughOneBase(ctx.accesses, p)) return undefined;
  let expected: ExpectedWord | undefined;
  const [a, b] = expectedHalves;
  if (expectedHalves.length === 2 && a !== undefined && b !== undefined && fusable(a, b)) {
    const made = makePair(a, b);
    expected = { word: made.word, text: made.text };
  }
  // The most specific cause of the two halves names the finding.
  const order: FindingCause[] = ["pair-unaligned-offset", "pair-size", "pair-offset"];
  const cause = order.find((c) => causes.includes(c)) ?? "pair-offset";
  return finding(ctx, "pair-mismatch", cause, w, at, refs, expected, `${shownWord(w, at)}: ${problems.join("; ")}`);
}

const regName = (n: number): string => (n === 31 ? "sp" : `x${n}`);

/**
 * Whether two IR accesses through one base pointer ask for exactly this pair:
 * the pair's offsets, size and data registers. The register the IR gives a
 * base is where it was defined; a spilled base can be reloaded into another
 * register (here `ldp x0, x1, [sp, #8]` before a pair of the reloaded base),
 * and the pair is then right although its base register is not the IR's.
 */
function explainedThroughOneBase(accesses: readonly Access[], p: PairOp): boolean {
  const half = (offset: number, reg: number) =>
    accesses.filter(
      (a) =>
        a.kind === p.kind &&
        a.fp === p.fp &&
        a.size === p.size &&
        a.offset === offset &&
        a.dataReg === reg &&
        DIRECT.has(a.origin),
    );
  const low = half(p.offset, p.rt);
  const high = half(p.offset + p.size, p.rt2);
  return low.some((a) => high.some((b) => a.baseRef === b.baseRef));
}
