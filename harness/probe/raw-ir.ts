// A trace from jit.util.traceraw's record (harness/targets/trace-raw.ts):
// its start, link, exit stubs and machine code, and the IR slots
// T->ir[nk..nins-1] as LuaJIT stores them, read here into the same
// instructions and constants that traceir and tracek give one call at a time.
// Pure: the bytes, the build's op modes and names in; the record's parts out.
import { IR_TYPE_NAMES, type IrConstant, type IrInstruction, type TraceRecord } from "../../oracle/trace/index.ts";
import type { IrLayout, VmNames } from "./events.ts";
import { irInstruction } from "./ir-names.ts";

/** REF_BIAS (lj_ir.h): instruction refs count up from it, constant refs down. */
const REF_BIAS = 0x8000;
/** Bytes per IRIns: op1, op2 (16 bits each), ot (type in the low byte, op in the high), prev (r, s). */
const SLOT = 8;
/** IRMref, in each operand's two mode bits: the operand is a ref, biased by REF_BIAS. */
const IRM_REF = 0;

export interface RawIr {
  readonly ir: IrInstruction[];
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
  /** An unsigned 64-bit number that a double holds exactly (an address). */
  u64(at: number): number {
    return (this.i32(at) >>> 0) + (this.i32(at + 4) >>> 0) * 2 ** 32;
  }
  /** `length` bytes from `at` as a latin1 text (a char each). */
  latin1(at: number, length: number): string {
    return this.text.slice(this.start + at, this.start + at + length);
  }
  /** `length` bytes from `at`, in place. */
  view(at: number, length: number): RawBytes {
    return new RawBytes(this.text, this.start + at, length);
  }
  /** Eight bytes, for the few constants that need them (numbers, 64-bit integers, addresses). */
  eight(at: number): Buffer {
    return Buffer.from(this.text.slice(this.start + at, this.start + at + 8), "latin1");
  }
}

/** The record's fixed head (trace-raw.patch): nine int32s, then the mcode address. */
const HEAD = { nk: 0, irBytes: 4, link: 8, line: 12, exits: 16, mcodeBytes: 20, loop: 24, source: 28, linkType: 32 };
const ADDRESS_AT = 36;
const HEAD_BYTES = 44;

/** What a traceraw record gives of a trace: all of a lean record but its number, parent and parent exit. */
export type RawTrace = Omit<TraceRecord, "trace" | "parent" | "parentExit" | "caseIndex">;

/**
 * Decodes one traceraw record. Throws when its parts do not add up to its
 * length: a record that cannot be right is unreadable, not guessed at.
 */
export function decodeRawRecord(bytes: RawBytes, layout: IrLayout, names: VmNames | null): RawTrace {
  if (bytes.length < HEAD_BYTES) throw new Error("raw record framing");
  const sourceBytes = bytes.i32(HEAD.source);
  const linkTypeBytes = bytes.i32(HEAD.linkType);
  const irBytes = bytes.i32(HEAD.irBytes);
  const exits = bytes.i32(HEAD.exits);
  const mcodeBytes = bytes.i32(HEAD.mcodeBytes);
  const parts = [sourceBytes, linkTypeBytes, irBytes, exits, mcodeBytes];
  if (
    parts.some((n) => n < 0) ||
    HEAD_BYTES + sourceBytes + linkTypeBytes + irBytes + 8 * exits + mcodeBytes !== bytes.length
  )
    throw new Error("raw record framing");
  let at = HEAD_BYTES;
  const source = bytes.latin1(at, sourceBytes);
  at += sourceBytes;
  const linkType = bytes.latin1(at, linkTypeBytes);
  at += linkTypeBytes;
  const { ir, constants } = decodeRawIr(bytes.view(at, irBytes), bytes.i32(HEAD.nk), layout, names);
  at += irBytes;
  const exitStubs: number[] = [];
  for (let i = 0; i < exits; i++, at += 8) exitStubs.push(bytes.u64(at));
  const hex = Buffer.from(bytes.latin1(at, mcodeBytes), "latin1").toString("hex");
  return {
    source,
    line: bytes.i32(HEAD.line),
    link: bytes.i32(HEAD.link),
    linkType,
    bytecode: [],
    ir,
    constants,
    snapshots: [],
    mcode: { address: bytes.u64(ADDRESS_AT), loop: bytes.i32(HEAD.loop), hex },
    exitStubs,
  };
}

/**
 * Decodes the slots of one trace. `nk` is T->nk - REF_BIAS (<= 0). Throws
 * when the bytes do not fit (a slot count that is not whole, an op with no
 * mode): a record that cannot be right is unreadable, not guessed at.
 */
export function decodeRawIr(bytes: RawBytes, nk: number, layout: IrLayout, names: VmNames | null): RawIr {
  if (bytes.length % SLOT !== 0 || nk > 0) throw new Error("raw IR framing");
  const slots = bytes.length / SLOT;
  const count = slots + nk - 1; // refs 1..count: REF_BASE (0) is not an instruction
  const ir: IrInstruction[] = [];
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
    ir.push(irInstruction(ref, mode, ot, op1, op2, bytes.u16(o + 6), names));
  }
  const constants: IrConstant[] = [];
  used.sort((a, b) => b - a);
  for (let i = 0; i < used.length; i++) {
    const ref = used[i]!;
    if (ref === used[i - 1] || ref < nk) continue; // once each; tracek gives nothing below nk
    constants.push(constantAt(bytes, nk, ref, layout, names));
  }
  return { ir, constants };
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
      const n = wide(bytes, o).readDoubleLE(0);
      if (Number.isNaN(n)) return "nan";
      if (n === Number.POSITIVE_INFINITY) return "inf";
      if (n === Number.NEGATIVE_INFINITY) return "-inf";
      return Object.is(n, -0) ? "-0" : n;
    }
    case "KINT64":
      // tracek boxes it as an int64_t cdata, whatever the IR type.
      return `cdata:${wide(bytes, o).readBigInt64LE(0)}LL`;
    case "KPTR":
    case "KKPTR":
      return layout.gc64 ? Number(wide(bytes, o).readBigUInt64LE(0)) : bytes.i32(o) >>> 0;
    case "KGC": {
      // The object itself is not in the bytes: its type and address stand for it.
      const address = layout.gc64 ? wide(bytes, o).readBigUInt64LE(0) : BigInt(bytes.i32(o) >>> 0);
      return `gc:${IR_TYPE_NAMES[t] ?? "?"}:0x${address.toString(16)}`;
    }
    default:
      throw new Error(`raw IR constant op ${op ?? "?"}`);
  }
}

/**
 * The slot after the constant at `o`, which holds 64-bit payloads: numbers,
 * 64-bit integers, and on GC64 builds GC references and pointers.
 */
function wide(bytes: RawBytes, o: number): Buffer {
  if (o + 2 * SLOT > bytes.length) throw new Error("raw IR constant payload");
  return bytes.eight(o + SLOT);
}
