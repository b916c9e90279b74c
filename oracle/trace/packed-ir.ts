// A trace's IR as columns: one typed array for the numbers of every
// instruction and one array each for the op and type names, indexed by ref.
// Screening reads about 10^5 instructions a batch; as one object each they
// were the collector's main work (a third of the screening CPU), so the probe
// log reader builds this form and the oracle and the trace features read it.
// IrInstruction objects are made from it only when someone asks for them
// (reports, -jdump-like listings, tests).
import type { IrInstruction } from "./instruction.ts";

/** Numbers per instruction in `PackedIr.numbers`: ot, op1, op2, mode, rid, spill. */
const STRIDE = 6;
const OT = 0;
const OP1 = 1;
const OP2 = 2;
const MODE = 3;
const RID = 4;
const SPILL = 5;

/** Builds a PackedIr instruction by instruction, refs 1, 2, 3, … (or any refs, for hand-made records). */
export class PackedIrBuilder {
  private readonly numbers: Int32Array;
  private readonly ops: string[];
  private readonly types: string[];
  private lits: Map<number, string> | undefined;
  private gaps = false;
  private last = 0;

  /** `count`: the highest ref that will be set. */
  constructor(private readonly count: number) {
    this.numbers = new Int32Array((count + 1) * STRIDE);
    this.ops = new Array<string>(count + 1);
    this.types = new Array<string>(count + 1);
  }

  set(
    ref: number,
    op: string,
    type: string,
    mode: number,
    ot: number,
    op1: number,
    op2: number,
    rid: number,
    spill: number,
    lit?: string,
  ): void {
    if (ref !== this.last + 1) this.gaps = true;
    this.last = ref;
    const at = ref * STRIDE;
    const n = this.numbers;
    n[at + OT] = ot;
    n[at + OP1] = op1;
    n[at + OP2] = op2;
    n[at + MODE] = mode;
    n[at + RID] = rid;
    n[at + SPILL] = spill;
    this.ops[ref] = op;
    this.types[ref] = type;
    if (lit !== undefined) {
      this.lits ??= new Map();
      this.lits.set(ref, lit);
    }
  }

  build(): PackedIr {
    if (this.last !== this.count) this.gaps = true;
    return new PackedIr(this.count, this.numbers, this.ops, this.types, this.lits, this.gaps);
  }
}

/** The instructions of one trace, refs 1 to `count` (REF_BIAS removed, as -jdump numbers them). */
export class PackedIr {
  private objects: IrInstruction[] | undefined;

  constructor(
    /** The highest ref. */
    readonly count: number,
    private readonly numbers: Int32Array,
    private readonly ops: readonly (string | undefined)[],
    private readonly types: readonly (string | undefined)[],
    private readonly lits: ReadonlyMap<number, string> | undefined,
    /** Whether some ref in 1..count has no instruction (only hand-made records skip refs). */
    private readonly gaps: boolean,
  ) {}

  /** The same IR from instruction objects (a JSON record, a test's). */
  static of(list: readonly IrInstruction[]): PackedIr {
    let count = 0;
    for (const ins of list) if (ins.ref > count) count = ins.ref;
    const builder = new PackedIrBuilder(count);
    for (const ins of list)
      if (ins.ref >= 1)
        builder.set(ins.ref, ins.op, ins.type, ins.mode, ins.ot, ins.op1, ins.op2, ins.rid, ins.spill, ins.lit);
    return builder.build();
  }

  /** Whether `ref` is an instruction of this trace. */
  has(ref: number): boolean {
    return ref >= 1 && ref <= this.count && (!this.gaps || this.ops[ref] !== undefined);
  }
  /** Opcode name ("XLOAD"); "" for a ref that is no instruction. */
  op(ref: number): string {
    return (ref >= 1 && this.ops[ref]) || "";
  }
  type(ref: number): string {
    return (ref >= 1 && this.types[ref]) || "";
  }
  ot(ref: number): number {
    return this.numbers[ref * STRIDE + OT] ?? 0;
  }
  op1(ref: number): number {
    return this.numbers[ref * STRIDE + OP1] ?? 0;
  }
  op2(ref: number): number {
    return this.numbers[ref * STRIDE + OP2] ?? 0;
  }
  mode(ref: number): number {
    return this.numbers[ref * STRIDE + MODE] ?? 0;
  }
  rid(ref: number): number {
    return this.numbers[ref * STRIDE + RID] ?? 0;
  }
  spill(ref: number): number {
    return this.numbers[ref * STRIDE + SPILL] ?? 0;
  }
  lit(ref: number): string | undefined {
    return this.lits?.get(ref);
  }

  /** The instruction at `ref` as an object, or undefined. */
  instruction(ref: number): IrInstruction | undefined {
    if (!this.has(ref)) return undefined;
    const lit = this.lit(ref);
    const ins = {
      ref,
      op: this.op(ref),
      type: this.type(ref),
      mode: this.mode(ref),
      ot: this.ot(ref),
      op1: this.op1(ref),
      op2: this.op2(ref),
      rid: this.rid(ref),
      spill: this.spill(ref),
    };
    return lit === undefined ? ins : { ...ins, lit };
  }

  /** Every instruction as an object, in ref order: made once, on the first call. */
  instructions(): readonly IrInstruction[] {
    if (this.objects === undefined) {
      const list: IrInstruction[] = [];
      for (let ref = 1; ref <= this.count; ref++) {
        const ins = this.instruction(ref);
        if (ins !== undefined) list.push(ins);
      }
      this.objects = list;
    }
    return this.objects;
  }
}
