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
//   link    how the trace ends; side: side traces by their parent's kind and depth
//   exits   exit stubs (log2 bucket); spill, spills: spilled values, by op
//   abort   why the recorder gave up
import {
  type Access,
  type BackendOptions,
  DEFAULT_BACKEND_OPTIONS,
  type TraceCode,
  TraceIr,
  traceCode,
  tracePrediction,
  typeSize,
} from "../trace-check/index.ts";
import { type FeatureSink, IndexSink, TextSink } from "./feature-hash.ts";
import { loadStoreForm } from "./load-store-form.ts";
import { imm9Class, pairClass, uimmClass } from "./offset-class.ts";
import type { TraceAbort, TraceRecord } from "./trace.ts";

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
const fpTag = (fp: boolean): "fp" | "gp" => (fp ? "fp" : "gp");

/** Features of an offset of `size` bytes against every encoding that could hold it (offset-class.ts). */
function addOffset(out: FeatureSink, family: string, op: string, kind: string, size: number, offset: number): void {
  out.add(family, op, kind, size, "uimm", uimmClass(offset, size));
  out.add(family, op, kind, size, "imm9", imm9Class(offset));
  if (size === 4 || size === 8) out.add(family, op, kind, size, "pair", pairClass(offset, size));
}

/** Extracts one trace's features into `out`; `parents` holds the traces of the same case by number. */
function extract(
  trace: TraceRecord,
  options: BackendOptions,
  parents: ReadonlyMap<number, TraceRecord>,
  out: FeatureSink,
): void {
  const ir = TraceIr.of(trace);
  const code = traceCode(trace);
  irFeatures(ir, out);
  accessFeatures(ir, options, code, out);
  for (let i = 0; i < code.words.length; i++) {
    if (code.data.has(i)) continue; // the literal pool is data, not loads and stores
    const f = loadStoreForm(code.words[i]!);
    if (f) out.add("ls", f.mode, f.size, f.kind, fpTag(f.fp), f.offsetClass);
  }
  shapeFeatures(trace, parents, out);
}

/** "K" and a constant's type ("Kint"), made once per type: a trace has a constant operand every few instructions. */
const constantNames = new Map<string, string>();

function defName(ir: TraceIr, ref: number): string {
  if (ref >= 0) return ir.op(ref) || "?";
  const type = ir.constants.get(ref)?.type ?? "?";
  let name = constantNames.get(type);
  if (name === undefined) {
    name = `K${type}`;
    constantNames.set(type, name);
  }
  return name;
}

function irFeatures(ir: TraceIr, out: FeatureSink): void {
  let spills = 0;
  for (let ref = 1; ref <= ir.count; ref++) {
    if (!ir.has(ref)) continue;
    const op = ir.op(ref);
    const type = ir.type(ref);
    out.add("ir", op, type, ir.isGuard(ref) ? ">" : undefined);
    if (ir.op1IsRef(ref) && ir.op1(ref) !== 0) out.add("du", defName(ir, ir.op1(ref)), op, 1);
    if (ir.op2IsRef(ref) && ir.op2(ref) !== 0) out.add("du", defName(ir, ir.op2(ref)), op, 2);
    if (ir.spill(ref) > 0) {
      spills++;
      out.add("spill", op, type, ir.hasRegister(ref) ? "reg" : undefined);
    }
    if (BARRIERS.has(op)) barrierNeighbours(ir, ref, out);
    const offset = intendedOffset(ir, ref);
    if (offset !== undefined) addOffset(out, "xoff", op, type, typeSize(type), offset);
  }
  out.add("spills", log2Bucket(spills));
}

/** The constant offset an XLOAD/XSTORE asks for (its address is ADD(base, K)), whatever the backend makes of it. */
function intendedOffset(ir: TraceIr, ref: number): number | undefined {
  const op = ir.op(ref);
  if ((op !== "XLOAD" && op !== "XSTORE") || typeSize(ir.type(ref)) === 0) return undefined;
  const address = ir.op1(ref);
  if (ir.op(address) !== "ADD" || !ir.op2IsRef(address)) return undefined;
  return ir.offsetConstant(ir.op2(address));
}

/** Accesses within BARRIER_WINDOW instructions of the barrier at `at`, before and after it. */
function barrierNeighbours(ir: TraceIr, at: number, out: FeatureSink): void {
  const barrier = ir.op(at);
  const near = (step: 1 | -1, where: "before" | "after"): void => {
    for (let ref = at + step, seen = 0; ref >= 1 && ref <= ir.count && seen < BARRIER_WINDOW; ref += step) {
      if (!ir.has(ref)) continue; // a hand-made record's gap is no instruction
      seen++;
      const op = ir.op(ref);
      if (ACCESS_OPS.has(op)) out.add("bar", barrier, op, ir.type(ref), where);
    }
  };
  near(-1, "before");
  near(1, "after");
}

/** "load-fp" and the like: an access's kind and register file as one part, without a string made per access. */
const KIND_FILE = {
  load: { fp: "load-fp", gp: "load-gp" },
  store: { fp: "store-fp", gp: "store-gp" },
} as const;

function accessFeatures(ir: TraceIr, options: BackendOptions, code: TraceCode, out: FeatureSink): void {
  const { accesses, pairs } = tracePrediction(ir, options);
  for (const a of accesses) addOffset(out, "acc", a.origin, KIND_FILE[a.kind][fpTag(a.fp)], a.size, a.offset);
  for (let i = 1; i < accesses.length; i++) adjacency(accesses[i - 1]!, accesses[i]!, out);
  if (pairs.length === 0) return;
  const present = code.wordSet;
  for (const p of pairs) {
    const emitted = present.has(p.word) ? "emitted" : "missing";
    out.add("fuse", p.low.kind, p.low.size, fpTag(p.low.fp), pairClass(p.low.offset, p.low.size), emitted);
  }
}

/** Neighbouring accesses (in IR order) through one base: a size apart (a pair candidate), aligned or not, or near misses. */
function adjacency(a: Access, b: Access, out: FeatureSink): void {
  if (a.baseRef !== b.baseRef || a.kind !== b.kind) return;
  const gap = Math.abs(b.offset - a.offset);
  const low = Math.min(a.offset, b.offset);
  const relation = a.size !== b.size ? "sizes" : gap === a.size ? "size-apart" : gap === 0 ? "same" : "other";
  out.add("adj", a.kind, a.size, fpTag(a.fp && b.fp), relation, low % a.size === 0 ? "aligned" : "misaligned");
}

function shapeFeatures(trace: TraceRecord, parents: ReadonlyMap<number, TraceRecord>, out: FeatureSink): void {
  out.add("link", trace.linkType, trace.parent === null ? "root" : "side");
  out.add("exits", log2Bucket(trace.exitStubs.length));
  if (trace.parent === null) return;
  let depth = 0;
  let parent: TraceRecord | undefined = trace;
  while (parent?.parent != null && depth < 8) {
    depth++;
    parent = parents.get(parent.parent);
  }
  const kind = parents.get(trace.parent)?.linkType ?? "?";
  out.add("side", "of", kind, "depth", depth, log2Bucket(trace.parentExit ?? 0));
}

/** An abort reason without the addresses that differ from run to run. */
function abortFeature(abort: TraceAbort, out: FeatureSink): void {
  out.add("abort", abort.reason.replace(/0x[0-9a-f]+/gi, "ADDR"));
}

function extractCase(
  traces: readonly TraceRecord[],
  aborts: readonly TraceAbort[],
  options: BackendOptions,
  out: FeatureSink,
): void {
  const byNumber = new Map(traces.map((t) => [t.trace, t] as const));
  for (const t of traces) extract(t, options, byNumber, out);
  for (const a of aborts) abortFeature(a, out);
}

/**
 * The features of one case (its traces and aborts) as map indices, each
 * once, ascending. Deterministic for the same records, whatever their order.
 */
export function caseFeatures(
  traces: readonly TraceRecord[],
  aborts: readonly TraceAbort[] = [],
  options: BackendOptions = DEFAULT_BACKEND_OPTIONS,
): number[] {
  const sink = new IndexSink();
  let indices: number[] = [];
  try {
    extractCase(traces, aborts, options, sink);
  } finally {
    // Even when a record throws: the scratch map must be clear for the next case.
    indices = sink.sortedIndices();
  }
  return indices;
}

/** The same features as texts (what caseFeatures hashes), for people and tests. */
export function caseFeatureTexts(
  traces: readonly TraceRecord[],
  aborts: readonly TraceAbort[] = [],
  options: BackendOptions = DEFAULT_BACKEND_OPTIONS,
): Set<string> {
  const sink = new TextSink();
  extractCase(traces, aborts, options, sink);
  return sink.texts;
}
