// What memory accesses the IR asks for, as the arm64 backend addresses them:
// a base register, a constant offset, a size and a data register. Only the
// accesses whose address the backend forms as base + constant (emit_lso) are
// predicted; register-indexed forms and addresses without a known register
// are left out rather than guessed.
import type { IrInstruction } from "../../harness/probe/trace.ts";
import { FIELD_OFFSETS, REF_NIL, RID, type TraceIr, hasRegister, isFloatType, op2IsRef, typeSize } from "./ir.ts";

export type AccessKind = "load" | "store";

export interface Access {
  /** The load/store instruction. */
  readonly ref: number;
  /** It and the refs folded into its address (the ADD base, K), in IR order. */
  readonly refs: readonly number[];
  readonly kind: AccessKind;
  /** Bytes accessed: 1, 2, 4 or 8. */
  readonly size: number;
  /** Through an FP/SIMD register (s or d) rather than a GPR. */
  readonly fp: boolean;
  /** IR ref of the base pointer (0 is BASE). */
  readonly baseRef: number;
  /** Register number of the base (0-31), undefined when unknown. */
  readonly baseReg: number | undefined;
  readonly offset: number;
  /** Register number of the data (0-31, 31 = zr), undefined when unknown. */
  readonly dataReg: number | undefined;
  /** Which emitter it models: "XLOAD", "FSTORE", "SLOAD", "spill"... */
  readonly origin: string;
  /**
   * Whether its LDR/STR can sit right next to another access's: false when
   * the emitter always puts other instructions beside it (the type check
   * after an ALOAD/HLOAD or typed SLOAD, the tag ADD before an integer or
   * object ASTORE/HSTORE).
   */
  readonly pairable: boolean;
}

/** emit_checkofs: can a single LDR/STR (scaled or unscaled) reach this offset? */
export function offsetEncodable(offset: number, size: number): boolean {
  if (offset < 0 || offset % size !== 0) return offset >= -256 && offset <= 255;
  return offset < 4096 * size;
}


/** A base + constant address the backend folds into the access, or undefined. */
interface Address {
  readonly baseRef: number;
  readonly offset: number;
  readonly folded: readonly number[];
}

/** asm_fusexref for XLOAD/XSTORE: ADD(base, K) and STRREF(str, K) fold away. */
function xrefAddress(ir: TraceIr, ref: number, size: number): Address | undefined {
  const a = ir.ins(ref);
  if (a === undefined) return undefined;
  if (hasRegister(a)) return { baseRef: ref, offset: 0, folded: [] };
  if (a.spill !== 0) return undefined;
  if (a.op === "ADD" && op2IsRef(a)) {
    const k = ir.offsetConstant(a.op2);
    if (k !== undefined && offsetEncodable(k, size)) return { baseRef: a.op1, offset: k, folded: [ref] };
  }
  if (a.op === "STRREF") {
    const k2 = ir.offsetConstant(a.op2);
    if (k2 !== undefined && offsetEncodable(k2 + 24, size)) return { baseRef: a.op1, offset: k2 + 24, folded: [ref] };
  }
  return undefined;
}

/** asm_fuseahuref for ALOAD/HLOAD/ASTORE/HSTORE: AREF(array, K) and HREFK(node, slot). */
function ahuAddress(ir: TraceIr, ref: number): Address | undefined {
  const a = ir.ins(ref);
  if (a === undefined) return undefined;
  if (hasRegister(a)) return { baseRef: ref, offset: 0, folded: [] };
  if (a.spill !== 0) return undefined;
  if (a.op === "AREF") {
    const k = ir.offsetConstant(a.op2);
    const array = ir.ins(a.op1);
    // Colocated arrays of a TNEW fold one step further (asm_fuseabase); not predicted.
    if (k === undefined || array === undefined || ir.ins(array.op1)?.op === "TNEW") return undefined;
    return offsetEncodable(8 * k, 8) ? { baseRef: a.op1, offset: 8 * k, folded: [ref] } : undefined;
  }
  if (a.op === "HREFK") {
    const slot = ir.constants.get(a.op2)?.slot;
    if (slot === undefined) return undefined;
    return offsetEncodable(24 * slot, 8) ? { baseRef: a.op1, offset: 24 * slot, folded: [ref] } : undefined;
  }
  return undefined;
}

function access(ir: TraceIr, ins: IrInstruction, kind: AccessKind, size: number, fp: boolean, addr: Address, dataReg: number | undefined, origin: string, pairable = true): Access {
  return {
    pairable,
    ref: ins.ref,
    refs: [...addr.folded, ins.ref].sort((x, y) => x - y),
    kind,
    size,
    fp,
    baseRef: addr.baseRef,
    baseReg: addr.baseRef === 0 ? RID.base : ir.register(addr.baseRef),
    offset: addr.offset,
    dataReg,
    origin,
  };
}

/** Whether an instruction's result is dead (never allocated): its load is not emitted. */
const isDead = (ins: IrInstruction): boolean => ins.rid === RID.none && ins.spill === 0;

/** The data register of a store's value operand, undefined when unknown. */
function storeValueReg(ir: TraceIr, value: number): number | undefined {
  if (value < 0) return undefined; // a constant: zr or a register allocated for it
  return ir.register(value);
}

/** Accesses the IR asks for, one per load/store whose address the backend folds. */
export function predictAccesses(ir: TraceIr): Access[] {
  const out: Access[] = [];
  for (const ins of ir.trace.ir) {
    const size = typeSize(ins.type);
    const fp = isFloatType(ins.type);
    switch (ins.op) {
      case "XLOAD": {
        if (isDead(ins) || size === 0) break;
        const addr = xrefAddress(ir, ins.op1, size);
        if (addr) out.push(access(ir, ins, "load", size, fp, addr, ir.register(ins.ref), "XLOAD"));
        break;
      }
      case "XSTORE": {
        if (ins.rid === RID.sink || size === 0) break;
        const addr = xrefAddress(ir, ins.op1, size);
        if (addr) out.push(access(ir, ins, "store", size, fp, addr, storeValueReg(ir, ins.op2), "XSTORE"));
        break;
      }
      case "FLOAD": {
        const offset = ins.lit === undefined ? undefined : FIELD_OFFSETS[ins.lit];
        if (isDead(ins) || size === 0 || offset === undefined || ins.op1 === REF_NIL) break;
        if (ins.lit === "tab.array" && ir.ins(ins.op1)?.op === "TNEW") break; // may become an ADD
        out.push(access(ir, ins, "load", size, fp, { baseRef: ins.op1, offset, folded: [] }, ir.register(ins.ref), "FLOAD"));
        break;
      }
      case "FSTORE": {
        const fref = ir.ins(ins.op1);
        const offset = fref?.lit === undefined ? undefined : FIELD_OFFSETS[fref.lit];
        if (ins.rid === RID.sink || fref === undefined || offset === undefined || size === 0) break;
        out.push(access(ir, ins, "store", size, fp, { baseRef: fref.op1, offset, folded: [fref.ref] }, storeValueReg(ir, ins.op2), "FSTORE"));
        break;
      }
      case "ALOAD":
      case "HLOAD": {
        // Always a 64-bit load of the tagged value; into the result register unless it is a number.
        const addr = ahuAddress(ir, ins.op1);
        const dest = ins.type === "num" || isDead(ins) ? undefined : ir.register(ins.ref);
        if (addr) out.push(access(ir, ins, "load", 8, false, addr, dest, ins.op, false));
        break;
      }
      case "ASTORE":
      case "HSTORE": {
        if (ins.rid === RID.sink) break;
        const addr = ahuAddress(ir, ins.op1);
        if (!addr) break;
        if (ins.type === "num") out.push(access(ir, ins, "store", 8, true, addr, storeValueReg(ir, ins.op2), ins.op));
        else if (["nil", "fal", "tru"].includes(ins.type)) out.push(access(ir, ins, "store", 8, false, addr, undefined, ins.op));
        else out.push(access(ir, ins, "store", 8, false, addr, RID.tmp, ins.op, false));
        break;
      }
      case "SLOAD": {
        const typecheck = (ins.op2 & 0x04) !== 0;
        const convert = (ins.op2 & 0x08) !== 0;
        const parent = (ins.op2 & 0x01) !== 0;
        if (parent) break;
        const addr = { baseRef: 0, offset: 8 * (ins.op1 - 2), folded: [] };
        if (typecheck || convert) out.push(access(ir, ins, "load", 8, false, addr, undefined, "SLOAD", false));
        else if (!isDead(ins)) out.push(access(ir, ins, "load", ins.type === "int" ? 4 : 8, ins.type === "num", addr, ir.register(ins.ref), "SLOAD"));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Spill slots: every spilled ref is stored to and reloaded from sp + 4*slot. */
export function spillAccesses(ir: TraceIr): Access[] {
  // Spill code may move a value through any register: the data register is only a hint here.
  const out: Access[] = [];
  for (const ins of ir.trace.ir) {
    if (ins.spill === 0) continue;
    const fp = isFloatType(ins.type);
    const size = ins.type === "num" || (typeSize(ins.type) === 8 && !fp) ? 8 : 4;
    for (const kind of ["load", "store"] as const) {
      out.push({ ref: ins.ref, refs: [ins.ref], kind, size, fp, baseRef: -1, baseReg: RID.sp, offset: 4 * ins.spill, dataReg: ir.register(ins.ref), origin: "spill", pairable: true });
    }
  }
  return out;
}
