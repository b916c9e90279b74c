// Reading a TraceRecord's IR the way the arm64 backend sees it: constants by
// ref, registers by id, sizes by type, and LuaJIT's numbering conventions.
import type { IrConstant, IrInstruction, TraceRecord } from "../trace/index.ts";

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

/** Fast access to one trace's IR. */
export class TraceIr {
  readonly constants = new Map<number, IrConstant>();
  /** Ref of the LOOP instruction, or undefined. */
  readonly loopRef: number | undefined;
  /** Refs a RENAME moves to another register somewhere: their rid is not their register everywhere. */
  readonly renamed = new Set<number>();
  /** Instructions by ref, made when a record does not list them as 1, 2, 3, … (the probe's always does). */
  private byRef: Map<number, IrInstruction> | undefined;
  /** The instructions that take each ref as an operand, in IR order: made when first asked. */
  private users: Map<number, IrInstruction[]> | undefined;

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
    let loopRef: number | undefined;
    const list = trace.ir;
    for (let i = 0; i < list.length; i++) {
      const ins = list[i]!;
      if (ins.ref !== i + 1) this.byRef ??= new Map();
      if (ins.op === "LOOP" && loopRef === undefined) loopRef = ins.ref;
      else if (ins.op === "RENAME") this.renamed.add(ins.op1);
    }
    this.loopRef = loopRef;
    if (this.byRef) for (const ins of list) this.byRef.set(ins.ref, ins);
  }

  /** The instructions that take `ref` as an operand. */
  usersOf(ref: number): readonly IrInstruction[] {
    if (this.users === undefined) {
      const users = new Map<number, IrInstruction[]>();
      const add = (r: number, ins: IrInstruction): void => {
        const list = users.get(r);
        if (list === undefined) users.set(r, [ins]);
        else list.push(ins);
      };
      for (const ins of this.trace.ir) {
        const op1 = op1IsRef(ins) ? ins.op1 : 0;
        const op2 = op2IsRef(ins) ? ins.op2 : 0;
        if (op1 > 0) add(op1, ins);
        if (op2 > 0 && op2 !== op1) add(op2, ins);
      }
      this.users = users;
    }
    return this.users.get(ref) ?? [];
  }

  /** The register (0-31 within its file) a ref is in wherever it is used, undefined when that varies or is none. */
  register(ref: number): number | undefined {
    const ins = this.ins(ref);
    if (ins === undefined || !hasRegister(ins) || this.renamed.has(ref)) return undefined;
    return ins.rid & 31;
  }

  ins(ref: number): IrInstruction | undefined {
    if (this.byRef) return this.byRef.get(ref);
    return ref >= 1 ? this.trace.ir[ref - 1] : undefined;
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

/** Whether an IR instruction's result lives in a register (a GPR or FPR id). */
export const hasRegister = (ins: IrInstruction): boolean => ins.rid < 64;

/** True when the op1 (or op2) operand is an instruction or constant ref rather than a literal. */
export const op1IsRef = (ins: IrInstruction): boolean => (ins.mode & 3) === 0;
export const op2IsRef = (ins: IrInstruction): boolean => ((ins.mode >> 2) & 3) === 0;

/** Guard flag (">" in -jdump): IRT_GUARD, 0x80 of the type byte (0x40 is IRT_ISPHI, "+"). */
export const isGuard = (ins: IrInstruction): boolean => (ins.ot & 0x80) !== 0;

/** PHI flag ("+" in -jdump): IRT_ISPHI, 0x40 of the type byte. canfuse() never fuses such a ref. */
export const isPhi = (ins: IrInstruction): boolean => (ins.ot & 0x40) !== 0;

/** Register name as -jdump prints it: x0..x30, sp, d0..d31; "" for none. */
export function ridName(rid: number): string {
  if (rid < 31) return `x${rid}`;
  if (rid === 31) return "sp";
  if (rid < 64) return `d${rid - 32}`;
  if (rid === RID.sink) return "{sink";
  if (rid === RID.sunk) return "{sunk}";
  return "";
}
