// Trace features: what the JIT did with a case, as short texts hashed into
// the 64 Ki map (feature-hash.ts). Pure functions of the probe's trace
// records (the lean records screening writes: IR, constants, machine code,
// exits, parents; no snapshots) and of the oracle's reading of them
// (oracle/trace-check: the accesses the backend folds, the pairs it
// should fuse). Families, each a text prefix:
//   ir      IR opcode × type (">" for a guard: each guard is an exit)
//   du      def-use edges: the op defining an operand × the op using it
//   xoff    an FFI access's constant offset (ADD base, K) against every
//           load/store encoding of its size (offset-class.ts)
//   acc     an access the backend folds into one LDR/STR, by origin and offset class
//   adj     two accesses in a row through one base, offsets a size apart or not
//   fuse    a pair the IR says must fuse into LDP/STP, by size and offset
//           class, and whether the machine code has it
//   ls      every load/store word of the machine code: addressing mode,
//           size, kind, register file, offset within its field
//   bar     an access within two IR instructions of a write barrier or GC step
//   link    how the trace ends; side traces by their parent's kind and depth
//   exits   exit stubs (log2 bucket); spill, spills: spilled values, by op
//   abort   why the recorder gave up
import { type Access, type BackendOptions, DEFAULT_BACKEND_OPTIONS, predictAccesses } from "../trace-check/accesses.ts";
import { op1IsRef, op2IsRef, TraceIr, typeSize } from "../trace-check/ir.ts";
import { traceCode } from "../trace-check/mcode.ts";
import { predictPairs } from "../trace-check/pairs.ts";
import { featureIndex } from "./feature-hash.ts";
import { loadStoreForm } from "./load-store-form.ts";
import { offsetClasses, pairClass } from "./offset-class.ts";
import type { IrInstruction, TraceAbort, TraceRecord } from "./trace.ts";

const BARRIERS: ReadonlySet<string> = new Set(["TBAR", "OBAR", "XBAR", "GCSTEP"]);
const ACCESS_OPS: ReadonlySet<string> = new Set([
  "ALOAD",
  "HLOAD",
  "ULOAD",
  "FLOAD",
  "XLOAD",
  "SLOAD",
  "VLOAD",
  "ASTORE",
  "HSTORE",
  "USTORE",
  "FSTORE",
  "XSTORE",
]);
/** How far from a barrier an access counts as next to it, in IR instructions. */
const BARRIER_WINDOW = 2;

const log2Bucket = (n: number): number => (n <= 0 ? 0 : 1 + Math.floor(Math.log2(n)));
const fpTag = (fp: boolean): string => (fp ? "fp" : "gp");

/** The feature texts of one trace; `parents` holds the traces of the same case by number (for side traces). */
export function traceFeatureTexts(
  trace: TraceRecord,
  options: BackendOptions = DEFAULT_BACKEND_OPTIONS,
  parents: ReadonlyMap<number, TraceRecord> = new Map(),
): Set<string> {
  const out = new Set<string>();
  const ir = new TraceIr(trace);
  const code = traceCode(trace);
  irFeatures(ir, out);
  accessFeatures(ir, options, new Set(code.words), out);
  // The literal pool is data, not loads and stores.
  code.words.forEach((w, i) => {
    const f = code.data.has(i) ? undefined : loadStoreForm(w);
    if (f) out.add(`ls ${f.mode} ${f.size} ${f.kind} ${fpTag(f.fp)} ${f.offsetClass}`);
  });
  shapeFeatures(trace, parents, out);
  return out;
}

function defName(ir: TraceIr, ref: number): string {
  if (ref < 0) return `K${ir.constants.get(ref)?.type ?? "?"}`;
  return ir.ins(ref)?.op ?? "?";
}

function irFeatures(ir: TraceIr, out: Set<string>): void {
  const list = ir.trace.ir;
  let spills = 0;
  for (const ins of list) {
    out.add(`ir ${ins.op} ${ins.type}${(ins.ot & 0x80) !== 0 ? " >" : ""}`);
    if (op1IsRef(ins) && ins.op1 !== 0) out.add(`du ${defName(ir, ins.op1)} ${ins.op} 1`);
    if (op2IsRef(ins) && ins.op2 !== 0) out.add(`du ${defName(ir, ins.op2)} ${ins.op} 2`);
    if (ins.spill > 0) {
      spills++;
      out.add(`spill ${ins.op} ${ins.type}${ins.rid < 64 ? " reg" : ""}`);
    }
    if (BARRIERS.has(ins.op)) barrierNeighbours(list, ins, out);
    const offset = intendedOffset(ir, ins);
    if (offset !== undefined)
      for (const c of offsetClasses(offset, typeSize(ins.type))) out.add(`xoff ${ins.op} ${ins.type} ${c}`);
  }
  out.add(`spills ${log2Bucket(spills)}`);
}

/** The constant offset an XLOAD/XSTORE asks for (its address is ADD(base, K)), whatever the backend makes of it. */
function intendedOffset(ir: TraceIr, ins: IrInstruction): number | undefined {
  if ((ins.op !== "XLOAD" && ins.op !== "XSTORE") || typeSize(ins.type) === 0) return undefined;
  const address = ir.ins(ins.op1);
  if (address?.op !== "ADD" || !op2IsRef(address)) return undefined;
  return ir.offsetConstant(address.op2);
}

function barrierNeighbours(list: readonly IrInstruction[], barrier: IrInstruction, out: Set<string>): void {
  const at = list.indexOf(barrier);
  for (let i = Math.max(0, at - BARRIER_WINDOW); i <= Math.min(list.length - 1, at + BARRIER_WINDOW); i++) {
    const ins = list[i]!;
    if (ACCESS_OPS.has(ins.op)) out.add(`bar ${barrier.op} ${ins.op} ${ins.type} ${i < at ? "before" : "after"}`);
  }
}

function accessFeatures(ir: TraceIr, options: BackendOptions, present: ReadonlySet<number>, out: Set<string>): void {
  const accesses = predictAccesses(ir, options);
  for (const a of accesses)
    for (const c of offsetClasses(a.offset, a.size)) out.add(`acc ${a.origin} ${a.kind} ${a.size} ${fpTag(a.fp)} ${c}`);
  const ordered = [...accesses].sort((x, y) => x.ref - y.ref);
  for (let i = 1; i < ordered.length; i++) adjacency(ordered[i - 1]!, ordered[i]!, out);
  let pairs: ReturnType<typeof predictPairs> = [];
  try {
    pairs = predictPairs(ir, accesses);
  } catch {
    // a register the encoder rejects predicts nothing (as in the oracle)
  }
  for (const p of pairs)
    out.add(
      `fuse ${p.low.kind} ${p.low.size} ${fpTag(p.low.fp)} ${pairClass(p.low.offset, p.low.size)} ${present.has(p.word) ? "emitted" : "missing"}`,
    );
}

/** Neighbouring accesses through one base: a size apart (a pair candidate), aligned or not, or near misses. */
function adjacency(a: Access, b: Access, out: Set<string>): void {
  if (a.baseRef !== b.baseRef || a.kind !== b.kind) return;
  const gap = Math.abs(b.offset - a.offset);
  const low = Math.min(a.offset, b.offset);
  const relation = a.size !== b.size ? "sizes" : gap === a.size ? "size-apart" : gap === 0 ? "same" : "other";
  out.add(
    `adj ${a.kind} ${a.size} ${fpTag(a.fp && b.fp)} ${relation} ${low % a.size === 0 ? "aligned" : "misaligned"}`,
  );
}

function shapeFeatures(trace: TraceRecord, parents: ReadonlyMap<number, TraceRecord>, out: Set<string>): void {
  out.add(`link ${trace.linkType} ${trace.parent === null ? "root" : "side"}`);
  out.add(`exits ${log2Bucket(trace.exitStubs.length)}`);
  if (trace.parent === null) return;
  let depth = 0;
  let parent: TraceRecord | undefined = trace;
  while (parent?.parent != null && depth < 8) {
    depth++;
    parent = parents.get(parent.parent);
  }
  const direct = parents.get(trace.parent);
  out.add(`side of ${direct ? direct.linkType : "?"} depth ${depth} exit ${log2Bucket(trace.parentExit ?? 0)}`);
}

/** An abort reason without the addresses and numbers that differ from run to run. */
export function abortFeatureText(abort: TraceAbort): string {
  return `abort ${abort.reason.replace(/0x[0-9a-f]+/gi, "ADDR")}`;
}

/**
 * The features of one case: its traces (and aborts), in one set of map
 * indices. Deterministic for the same records, whatever their order.
 */
export function caseFeatures(
  traces: readonly TraceRecord[],
  aborts: readonly TraceAbort[],
  options: BackendOptions = DEFAULT_BACKEND_OPTIONS,
): Set<number> {
  const byNumber = new Map(traces.map((t) => [t.trace, t] as const));
  const indices = new Set<number>();
  for (const t of traces) for (const text of traceFeatureTexts(t, options, byNumber)) indices.add(featureIndex(text));
  for (const a of aborts) indices.add(featureIndex(abortFeatureText(a)));
  return indices;
}
