// Reading a TraceRecord's IR the way the arm64 backend sees it: constants by
// ref, registers by id, sizes by type, and LuaJIT's numbering conventions.
import { type IrConstant, type IrInstruction, type PackedIr, packedIrOf, type TraceRecord } from "../trace/index.ts";

/** Register ids (lj_target_arm64.h plus RID_NONE/SINK/SUNK of lj_target.h). */
export const RID = { sp: 31, firstFpr: 32, base: 19, gl: 22, tmp: 30, sunk: 253, sink: 254, none: 255 } as const;

/** REF_NIL in the probe's numbering (REF_BIAS removed): FLOAD of it reads global_State. */
export const REF_NIL = -1;

/** IR field offsets of FLOAD/FSTORE (lj_ir.h IRFLDEF), by vmdef's name; the same in every 2.1 arm64 build. */
export const FIELD_OFFSETS: Readonly<Record<string, number>> = {
  "str.len": 20,
  "func.env": 16,
  "func.pc": 32,
  "func.ffid": 10,
  "thread.env": 72,
  "thread.exdata": 96,
  "thread.exdata2": 104,
  "tab.meta": 32,
  "tab.array": 16,
  "tab.node": 40,
  "tab.asize": 48,
  "tab.hmask": 52,
  "tab.nomm": 10,
  "udata.meta": 32,
  "udata.udtype": 10,
  "udata.file": 48,
  "sbuf.w": 48,
  "sbuf.e": 56,
  "sbuf.b": 64,
  "sbuf.l": 72,
  "sbuf.ref": 80,
  "sbuf.r": 88,
  "cdata.ctypeid": 10,
  "cdata.ptr": 16,
  "cdata.int": 16,
  "cdata.int64": 16,
  "cdata.int64_4": 20,
};

/** Bytes of a value of an IR type in memory (0 when the type is not a scalar the backend loads). */
export function typeSize(type: string): number {
  switch (type) {
    case "i8":
    case "u8":
      return 1;
    case "i16":
    case "u16":
      return 2;
    case "int":
    case "u32":
    case "flt":
      return 4;
    case "num":
    case "i64":
    case "u64":
    case "p64":
    case "p32":
    case "lud":
    case "str":
    case "tab":
    case "fun":
    case "cdt":
    case "udt":
    case "thr":
    case "pro":
      return 8;
    default:
      return 0;
  }
}

export const isFloatType = (type: string): boolean => type === "num" || type === "flt";

const readings = new WeakMap<TraceRecord, TraceIr>();

/**
 * Fast access to one trace's IR, by ref: its columns (oracle/trace's
 * PackedIr), its constants, where its loop starts and who uses each ref.
 * The oracle and the trace features read every screened trace through it,
 * without an object per instruction.
 */
export class TraceIr {
  readonly constants = new Map<number, IrConstant>();
  /** Ref of the LOOP instruction, or undefined. */
  readonly loopRef: number | undefined;
  /** Refs a RENAME moves to another register somewhere: their rid is not their register everywhere. */
  readonly renamed = new Set<number>();
  /** The instructions, as columns. */
  readonly packed: PackedIr;
  /** The refs that take each ref as an operand, in IR order (users of r: list[start[r]] up to list[start[r + 1]]): made when first asked. */
  private users: { readonly start: Int32Array; readonly list: Int32Array } | undefined;

  /**
   * The reading of a trace, made once per record: the oracle and the trace
   * features (oracle/features) both read every screened trace.
   */
  static of(trace: TraceRecord): TraceIr {
    let ir = readings.get(trace);
    if (ir === undefined) {
      ir = new TraceIr(trace);
      readings.set(trace, ir);
    }
    return ir;
  }

  constructor(readonly trace: TraceRecord) {
    for (const k of trace.constants) this.constants.set(k.ref, k);
    const packed = packedIrOf(trace);
    this.packed = packed;
    let loopRef: number | undefined;
    for (let ref = 1; ref <= packed.count; ref++) {
      const op = packed.op(ref);
      if (op === "LOOP" && loopRef === undefined) loopRef = ref;
      else if (op === "RENAME") this.renamed.add(packed.op1(ref));
    }
    this.loopRef = loopRef;
  }

  /** The highest ref; refs 1 to it are the instructions (has() tells the rare gaps of hand-made records). */
  get count(): number {
    return this.packed.count;
  }
  has(ref: number): boolean {
    return this.packed.has(ref);
  }
  /** Opcode name ("XLOAD"), "" for a ref that is no instruction. */
  op(ref: number): string {
    return this.packed.op(ref);
  }
  /** Result type name ("int", "p64"), "" for a ref that is no instruction. */
  type(ref: number): string {
    return this.packed.type(ref);
  }
  op1(ref: number): number {
    return this.packed.op1(ref);
  }
  op2(ref: number): number {
    return this.packed.op2(ref);
  }
  ot(ref: number): number {
    return this.packed.ot(ref);
  }
  rid(ref: number): number {
    return this.packed.rid(ref);
  }
  spill(ref: number): number {
    return this.packed.spill(ref);
  }
  /** Name of an op2 literal where vmdef has one (FLOAD field, CALL target). */
  lit(ref: number): string | undefined {
    return this.packed.lit(ref);
  }
  /** True when the op1 (or op2) operand is an instruction or constant ref rather than a literal. */
  op1IsRef(ref: number): boolean {
    return (this.packed.mode(ref) & 3) === 0;
  }
  op2IsRef(ref: number): boolean {
    return ((this.packed.mode(ref) >> 2) & 3) === 0;
  }
  /** Whether the result lives in a register (a GPR or FPR id). */
  hasRegister(ref: number): boolean {
    return this.packed.rid(ref) < 64;
  }
  /** Guard flag (">" in -jdump): IRT_GUARD, 0x80 of the type byte (0x40 is IRT_ISPHI, "+"). */
  isGuard(ref: number): boolean {
    return (this.packed.ot(ref) & 0x80) !== 0;
  }
  /** PHI flag ("+" in -jdump): IRT_ISPHI, 0x40 of the type byte. canfuse() never fuses such a ref. */
  isPhi(ref: number): boolean {
    return (this.packed.ot(ref) & 0x40) !== 0;
  }

  /** Whether some instruction that takes `ref` as an operand passes `test` (users in IR order). */
  someUser(ref: number, test: (user: number) => boolean): boolean {
    this.users ??= this.userLists();
    const { start, list } = this.users;
    if (ref < 1 || ref > this.count) return false;
    for (let i = start[ref]!, end = start[ref + 1]!; i < end; i++) if (test(list[i]!)) return true;
    return false;
  }

  /** The users of every ref, counted first, then filled in (no array per ref). */
  private userLists(): { start: Int32Array; list: Int32Array } {
    const n = this.count;
    const start = new Int32Array(n + 2);
    // Counting: each ref's users into start[ref + 1], then summed into where its list starts.
    this.forEachUse((used) => start[used + 1]!++);
    for (let r = 1; r <= n + 1; r++) start[r]! += start[r - 1]!;
    const list = new Int32Array(start[n + 1]!);
    const fill = start.slice(0, n + 1);
    this.forEachUse((used, user) => {
      list[fill[used]!++] = user;
    });
    return { start, list };
  }

  /** Each instruction's use of an instruction as an operand, in IR order; a ref used twice by one user counts once. */
  private forEachUse(use: (used: number, user: number) => void): void {
    const n = this.count;
    for (let ref = 1; ref <= n; ref++) {
      if (!this.has(ref)) continue;
      const op1 = this.op1IsRef(ref) ? this.op1(ref) : 0;
      const op2 = this.op2IsRef(ref) ? this.op2(ref) : 0;
      if (op1 > 0 && op1 <= n) use(op1, ref);
      if (op2 > 0 && op2 <= n && op2 !== op1) use(op2, ref);
    }
  }

  /** The register (0-31 within its file) a ref is in wherever it is used, undefined when that varies or is none. */
  register(ref: number): number | undefined {
    if (!this.has(ref) || !this.hasRegister(ref) || this.renamed.has(ref)) return undefined;
    return this.rid(ref) & 31;
  }

  /** The instruction at `ref` as an object (for listings and reports; the hot paths read the columns). */
  ins(ref: number): IrInstruction | undefined {
    return this.packed.instruction(ref);
  }

  /** Integer value of a constant ref (int or 64-bit cdata), or undefined. */
  intConstant(ref: number): bigint | undefined {
    const k = this.constants.get(ref);
    if (k === undefined) return undefined;
    if (typeof k.value === "number") return Number.isInteger(k.value) && k.type !== "num" ? BigInt(k.value) : undefined;
    const m = /^cdata:(-?\d+)U?LL$/.exec(k.value);
    return m ? BigInt(m[1] ?? "0") : undefined;
  }

  /** A constant ref's value as a 32-bit offset (asm_isk32), or undefined. */
  offsetConstant(ref: number): number | undefined {
    const v = this.intConstant(ref);
    if (v === undefined || v < -(2n ** 31n) || v >= 2n ** 31n) return undefined;
    return Number(v);
  }
}

/** True when an instruction object's op1 (or op2) operand is a ref rather than a literal (listings). */
export const op1IsRef = (ins: IrInstruction): boolean => (ins.mode & 3) === 0;
export const op2IsRef = (ins: IrInstruction): boolean => ((ins.mode >> 2) & 3) === 0;

/** Register name as -jdump prints it: x0..x30, sp, d0..d31; "" for none. */
export function ridName(rid: number): string {
  if (rid < 31) return `x${rid}`;
  if (rid === 31) return "sp";
  if (rid < 64) return `d${rid - 32}`;
  if (rid === RID.sink) return "{sink";
  if (rid === RID.sunk) return "{sunk}";
  return "";
}
