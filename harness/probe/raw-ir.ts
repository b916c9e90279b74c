// A trace's IR from jit.util.traceraw's bytes (harness/targets/trace-raw.ts):
// the slots T->ir[nk..nins-1] as LuaJIT stores them, read here into the same
// instructions and constants that traceir and tracek give one call at a time.
// Pure: the bytes, the build's op modes and names in; the record's parts out.
import { IR_TYPE_NAMES, type IrConstant, type PackedIr, PackedIrBuilder } from "../../oracle/trace/index.ts";
import type { IrLayout, VmNames } from "./events.ts";
import { setIrInstruction } from "./ir-names.ts";

/** REF_BIAS (lj_ir.h): instruction refs count up from it, constant refs down. */
const REF_BIAS = 0x8000;
/** Bytes per IRIns: op1, op2 (16 bits each), ot (type in the low byte, op in the high), prev (r, s). */
const SLOT = 8;
/** IRMref, in each operand's two mode bits: the operand is a ref, biased by REF_BIAS. */
const IRM_REF = 0;

export interface RawIr {
  readonly ir: PackedIr;
  /** The constants the instructions use, nearest the IR first (as tracek's readers list them). */
  readonly constants: IrConstant[];
}

/**
 * The bytes as a latin1 text reads them, one char each (the probe log is
 * read so): indexed in place, with no copy per trace.
 */
export class RawBytes {
  constructor(
    private readonly text: string,
    private readonly start: number,
    readonly length: number,
  ) {}
  u8(at: number): number {
    return this.text.charCodeAt(this.start + at);
  }
  u16(at: number): number {
    const i = this.start + at;
    return this.text.charCodeAt(i) | (this.text.charCodeAt(i + 1) << 8);
  }
  i32(at: number): number {
    return this.u16(at) | (this.u16(at + 2) << 16);
  }
  /**
   * The eight bytes at `at`, copied into a shared scratch and viewed there
   * (read it before the next call): no Buffer per constant, and a trace has
   * dozens.
   */
  eight(at: number): DataView {
    for (let k = 0; k < 8; k++) SCRATCH[k] = this.text.charCodeAt(this.start + at + k);
    return SCRATCH_VIEW;
  }
}

const SCRATCH = new Uint8Array(8);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);

/**
 * Decodes the slots of one trace. `nk` is T->nk - REF_BIAS (<= 0). Throws
 * when the bytes do not fit (a slot count that is not whole, an op with no
 * mode): a record that cannot be right is unreadable, not guessed at.
 */
export function decodeRawIr(bytes: RawBytes, nk: number, layout: IrLayout, names: VmNames | null): RawIr {
  if (bytes.length % SLOT !== 0 || nk > 0) throw new Error("raw IR framing");
  const slots = bytes.length / SLOT;
  const count = slots + nk - 1; // refs 1..count: REF_BASE (0) is not an instruction
  const ir = new PackedIrBuilder(count);
  const used: number[] = [];
  for (let ref = 1; ref <= count; ref++) {
    const o = (ref - nk) * SLOT; // the slot of a ref relative to REF_BIAS
    const ot = bytes.u16(o + 4);
    const opn = ot >> 8;
    const mode = layout.modes[opn];
    if (mode === undefined) throw new Error(`raw IR op ${opn}`);
    // As traceir: REF_BIAS comes off reference operands only.
    const op1 = bytes.u16(o) - ((mode & 3) === IRM_REF ? REF_BIAS : 0);
    const op2 = bytes.u16(o + 2) - (((mode >> 2) & 3) === IRM_REF ? REF_BIAS : 0);
    if (op1 < 0) used.push(op1);
    if (op2 < 0) used.push(op2);
    setIrInstruction(ir, ref, mode, ot, op1, op2, bytes.u16(o + 6), names);
  }
  const constants: IrConstant[] = [];
  used.sort((a, b) => b - a);
  for (let i = 0; i < used.length; i++) {
    const ref = used[i]!;
    if (ref === used[i - 1] || ref < nk) continue; // once each; tracek gives nothing below nk
    constants.push(constantAt(bytes, nk, ref, layout, names));
  }
  return { ir: ir.build(), constants };
}

/** What tracek gives for the constant at `ref`: a KSLOT gives its key, with the slot. */
function constantAt(bytes: RawBytes, nk: number, ref: number, layout: IrLayout, names: VmNames | null): IrConstant {
  let o = (ref - nk) * SLOT;
  let op = names?.ops?.[bytes.u16(o + 4) >> 8];
  let slot: number | undefined;
  if (op === "KSLOT") {
    slot = bytes.u16(o + 2);
    const key = bytes.u16(o) - REF_BIAS;
    o = (key - nk) * SLOT;
    if (o < 0 || o + SLOT > bytes.length) throw new Error("raw IR KSLOT key");
    op = names?.ops?.[bytes.u16(o + 4) >> 8];
  }
  const t = bytes.u8(o + 4) & 31;
  const value = constantValue(bytes, o, op, t, layout);
  const type = IR_TYPE_NAMES[t] ?? "?";
  return slot === undefined ? { ref, type, value } : { ref, type, value, slot };
}

/** The value as the tracek readers give it (compact-log.ts); a GC object as its type and address. */
function constantValue(
  bytes: RawBytes,
  o: number,
  op: string | undefined,
  t: number,
  layout: IrLayout,
): number | string {
  switch (op) {
    case "KPRI":
      return t === 0 ? "nil:nil" : t === 1 ? "boolean:false" : t === 2 ? "boolean:true" : `${IR_TYPE_NAMES[t]}:?`;
    case "KINT":
      return bytes.i32(o);
    case "KNULL":
      return 0;
    case "KNUM": {
      const n = bytes.eight(wide(bytes, o)).getFloat64(0, true);
      if (Number.isNaN(n)) return "nan";
      if (n === Number.POSITIVE_INFINITY) return "inf";
      if (n === Number.NEGATIVE_INFINITY) return "-inf";
      return Object.is(n, -0) ? "-0" : n;
    }
    case "KINT64":
      // tracek boxes it as an int64_t cdata, whatever the IR type.
      return `cdata:${bytes.eight(wide(bytes, o)).getBigInt64(0, true)}LL`;
    case "KPTR":
    case "KKPTR":
      return layout.gc64 ? Number(bytes.eight(wide(bytes, o)).getBigUint64(0, true)) : bytes.i32(o) >>> 0;
    case "KGC": {
      // The object itself is not in the bytes: its type and address stand for it.
      const address = layout.gc64 ? bytes.eight(wide(bytes, o)).getBigUint64(0, true) : BigInt(bytes.i32(o) >>> 0);
      return `gc:${IR_TYPE_NAMES[t] ?? "?"}:0x${address.toString(16)}`;
    }
    default:
      throw new Error(`raw IR constant op ${op ?? "?"}`);
  }
}

/**
 * Where the slot after the constant at `o` starts, which holds 64-bit
 * payloads: numbers, 64-bit integers, and on GC64 builds GC references and
 * pointers.
 */
function wide(bytes: RawBytes, o: number): number {
  if (o + 2 * SLOT > bytes.length) throw new Error("raw IR constant payload");
  return o + SLOT;
}
