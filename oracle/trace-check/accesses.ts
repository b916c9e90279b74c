// What memory accesses the IR asks for, as the arm64 backend addresses them:
// a base register, a constant offset, a size and a data register. Only the
// accesses whose address the backend forms as base + constant (emit_lso) are
// predicted; register-indexed forms and addresses without a known register
// are left out rather than guessed.
import type { IrInstruction } from "../trace/index.ts";
import {
  FIELD_OFFSETS,
  hasRegister,
  isFloatType,
  isGuard,
  isPhi,
  op2IsRef,
  REF_NIL,
  RID,
  type TraceIr,
  typeSize,
} from "./ir.ts";

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

/**
 * What the backend was told that the IR does not show: the optimization
 * flags the trace was compiled with (LuaJIT's -O, level 3 by default).
 */
export interface BackendOptions {
  /** JIT_F_OPT_FUSE: off, as->fuseref is FUSE_DISABLED and canfuse/mayfuse never hold. */
  readonly fuse: boolean;
  /** JIT_F_OPT_DCE: off, the assembler emits unused instructions too (lj_asm.c, asm_trace's loop). */
  readonly dce: boolean;
}

export const DEFAULT_BACKEND_OPTIONS: BackendOptions = { fuse: true, dce: true };

/** Sunk allocations and stores (lj_target.h RID_SUNK, RID_SINK): never assembled themselves. */
const isSunk = (ins: IrInstruction): boolean => ins.rid === RID.sunk || ins.rid === RID.sink;

/** IR ops of mode S (lj_ir.h IRDEF, the same in the three versions): ir_sideeff always holds. */
const STORE_MODE_OPS: ReadonlySet<string> = new Set([
  "RETF",
  "GCSTEP",
  "HIOP",
  "LOOP",
  "USE",
  "PHI",
  "RENAME",
  "PROF",
  "NEWREF",
  "TMPREF",
  "ASTORE",
  "HSTORE",
  "USTORE",
  "FSTORE",
  "XSTORE",
  "TBAR",
  "OBAR",
  "XBAR",
  "CALLS",
  "CALLXS",
]);

/** The accesses whose address asm_fuseahuref fuses. */
const AHU_ACCESS_OPS: ReadonlySet<string> = new Set(["ALOAD", "HLOAD", "ASTORE", "HSTORE"]);

/** IR ops marked W (weak guard): a guarded one is no side effect for ir_sideeff. */
const WEAK_GUARD_OPS: ReadonlySet<string> = new Set([
  "ADDOV",
  "SUBOV",
  "MULOV",
  "UREFO",
  "UREFC",
  "TNEW",
  "TDUP",
  "CNEW",
  "CNEWI",
  "BUFPUT",
  "BUFSTR",
  "CALLN",
  "CALLA",
  "CALLL",
]);

/**
 * Whether the assembler visits an instruction (lj_asm.c, asm_trace):
 * with DCE it skips one that is not ra_used and not ir_sideeff (a mode S
 * op, or a guard of an op not marked W).
 */
function assembled(ins: IrInstruction, options: BackendOptions): boolean {
  if (!options.dce) return true;
  if (hasRegister(ins) || ins.spill !== 0) return true;
  return STORE_MODE_OPS.has(ins.op) || (isGuard(ins) && !WEAK_GUARD_OPS.has(ins.op));
}

/**
 * Whether the use of `ref` by `user` gives `ref` a register: ra_alloc1 on it,
 * rather than fusing it into the user's address. Only fused address operands
 * are left unallocated: asm_fusexref never allocates the ADD/STRREF it fuses,
 * not even when the constant is out of range (it then allocates the ADD's
 * operands for a register-indexed access), asm_fuseahuref an AREF/HREFK it
 * may fuse (mayfuse) at an offset emit_checkofs takes.
 */
function allocatesAt(ir: TraceIr, ref: number, user: IrInstruction, options: BackendOptions): boolean {
  if (isSunk(user)) {
    // A sunk CNEWI's value, and a sunk store's, are given a (weak) register
    // when a guard whose snapshot holds the allocation is assembled
    // (asm_snap_alloc): some guard after the sunk instruction, maybe after
    // the access too (the caller takes it as above every access: the probe
    // records no snapshots when screening). A CNEWI no snapshot reached
    // keeps RID_SINK and allocated nothing.
    const value = op2IsRef(user) && user.op2 === ref;
    return user.op === "CNEWI" ? user.rid === RID.sunk && value : value;
  }
  if (!assembled(user, options)) return false;
  const a = ir.ins(ref);
  if (a === undefined) return true;
  const addressOnly = user.op1 === ref && !(op2IsRef(user) && user.op2 === ref);
  if ((user.op === "XLOAD" || user.op === "XSTORE") && addressOnly) return !xrefFusable(a, options);
  if (AHU_ACCESS_OPS.has(user.op) && addressOnly) return ahuFused(ir, a, user.ref, options) === undefined;
  return true;
}

/** canfuse(): fusion on and not a PHI operand. */
const canFuse = (ins: IrInstruction, options: BackendOptions): boolean => options.fuse && !isPhi(ins);

/** Whether asm_fusexref folds this address ref when it has no register: an ADD or STRREF, in any form. */
const xrefFusable = (ins: IrInstruction, options: BackendOptions): boolean =>
  canFuse(ins, options) && (ins.op === "ADD" || ins.op === "STRREF");

/**
 * mayfuse() while the instruction at `at` is assembled: in a loop trace the
 * body (after LOOP) is assembled first with as->fuseref = loopref, so it
 * fuses only refs of the body; past LOOP, fuseref is 0 (asm_loop).
 */
function mayFuse(ir: TraceIr, ref: number, at: number, options: BackendOptions): boolean {
  if (!options.fuse) return false;
  return ir.loopRef === undefined || at < ir.loopRef || ref > ir.loopRef;
}

/**
 * ra_noreg(ir->r) when the access at `at` is assembled: LuaJIT assembles
 * backwards and a ref has no register until the first use it meets that
 * allocates one (a use above `at`). The rid the IR records says nothing
 * about that: it is the register the ref was defined in, which a use below
 * `at` may have given it, or its own assembly (ra_dest) when DCE is off.
 * With no allocating use above, the ref has no register yet, spilled later
 * or not.
 */
function unallocatedAt(ir: TraceIr, ref: number, at: number, options: BackendOptions): boolean {
  const a = ir.ins(ref);
  if (a === undefined) return false;
  if (!hasRegister(a) && a.spill === 0) return true; // never allocated anywhere
  // The access itself counts: asm_xstore allocates the value it stores first.
  // A sunk user allocates at a snapshot whose place is unknown: counted as above.
  return !ir.usersOf(ref).some((u) => (u.ref >= at || isSunk(u)) && allocatesAt(ir, ref, u, options));
}

/** asm_fusexref for XLOAD/XSTORE at `at`: ADD(base, K) and STRREF(str, K) fold away when they have no register yet. */
function xrefAddress(ir: TraceIr, ref: number, size: number, at: number, options: BackendOptions): Address | undefined {
  const a = ir.ins(ref);
  if (a === undefined) return undefined;
  if (!(xrefFusable(a, options) && unallocatedAt(ir, ref, at, options))) {
    // Not fused: the address is the ref's own register.
    return hasRegister(a) ? { baseRef: ref, offset: 0, folded: [] } : undefined;
  }
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

/**
 * asm_fuseahuref's fused form of AREF(array, K) or HREFK(node, slot) for an
 * access at `at` (an 8-byte LDR/STR), whether or not the ref has a register;
 * undefined when it would not fuse it (and would allocate it).
 */
function ahuFused(ir: TraceIr, a: IrInstruction, at: number, options: BackendOptions): Address | "indexed" | undefined {
  if (!mayFuse(ir, a.ref, at, options)) return undefined;
  if (a.op === "AREF") {
    if (!op2IsRef(a) || a.op2 > 0) return "indexed"; // FUSE_REG: base + index register
    const k = ir.offsetConstant(a.op2);
    const array = ir.ins(a.op1);
    // Colocated arrays of a TNEW fold one step further (asm_fuseabase); not predicted.
    if (k === undefined || array === undefined || ir.ins(array.op1)?.op === "TNEW") return undefined;
    return offsetEncodable(8 * k, 8) ? { baseRef: a.op1, offset: 8 * k, folded: [a.ref] } : undefined;
  }
  if (a.op === "HREFK") {
    const slot = ir.constants.get(a.op2)?.slot;
    if (slot === undefined) return undefined;
    return offsetEncodable(24 * slot, 8) ? { baseRef: a.op1, offset: 24 * slot, folded: [a.ref] } : undefined;
  }
  return undefined;
}

/** asm_fuseahuref for ALOAD/HLOAD/ASTORE/HSTORE at `at`: AREF(array, K) and HREFK(node, slot) with no register yet. */
function ahuAddress(ir: TraceIr, ref: number, at: number, options: BackendOptions): Address | undefined {
  const a = ir.ins(ref);
  if (a === undefined) return undefined;
  if (unallocatedAt(ir, ref, at, options)) {
    const fused = ahuFused(ir, a, at, options);
    if (fused !== undefined) return fused === "indexed" ? undefined : fused;
  }
  return hasRegister(a) ? { baseRef: ref, offset: 0, folded: [] } : undefined;
}

function access(
  ir: TraceIr,
  ins: IrInstruction,
  kind: AccessKind,
  size: number,
  fp: boolean,
  addr: Address,
  dataReg: number | undefined,
  origin: string,
  pairable = true,
): Access {
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
export function predictAccesses(ir: TraceIr, options: BackendOptions = DEFAULT_BACKEND_OPTIONS): Access[] {
  const out: Access[] = [];
  for (const ins of ir.trace.ir) {
    const size = typeSize(ins.type);
    const fp = isFloatType(ins.type);
    switch (ins.op) {
      case "XLOAD": {
        if (isDead(ins) || size === 0) break;
        const addr = xrefAddress(ir, ins.op1, size, ins.ref, options);
        if (addr) out.push(access(ir, ins, "load", size, fp, addr, ir.register(ins.ref), "XLOAD"));
        break;
      }
      case "XSTORE": {
        if (ins.rid === RID.sink || size === 0) break;
        const addr = xrefAddress(ir, ins.op1, size, ins.ref, options);
        if (addr) out.push(access(ir, ins, "store", size, fp, addr, storeValueReg(ir, ins.op2), "XSTORE"));
        break;
      }
      case "FLOAD": {
        const offset = ins.lit === undefined ? undefined : FIELD_OFFSETS[ins.lit];
        if (isDead(ins) || size === 0 || offset === undefined || ins.op1 === REF_NIL) break;
        if (ins.lit === "tab.array" && ir.ins(ins.op1)?.op === "TNEW") break; // may become an ADD
        out.push(
          access(ir, ins, "load", size, fp, { baseRef: ins.op1, offset, folded: [] }, ir.register(ins.ref), "FLOAD"),
        );
        break;
      }
      case "FSTORE": {
        const fref = ir.ins(ins.op1);
        const offset = fref?.lit === undefined ? undefined : FIELD_OFFSETS[fref.lit];
        if (ins.rid === RID.sink || fref === undefined || offset === undefined || size === 0) break;
        out.push(
          access(
            ir,
            ins,
            "store",
            size,
            fp,
            { baseRef: fref.op1, offset, folded: [fref.ref] },
            storeValueReg(ir, ins.op2),
            "FSTORE",
          ),
        );
        break;
      }
      case "ALOAD":
      case "HLOAD": {
        // Always a 64-bit load of the tagged value; into the result register unless it is a number.
        const addr = ahuAddress(ir, ins.op1, ins.ref, options);
        const dest = ins.type === "num" || isDead(ins) ? undefined : ir.register(ins.ref);
        if (addr) out.push(access(ir, ins, "load", 8, false, addr, dest, ins.op, false));
        break;
      }
      case "ASTORE":
      case "HSTORE": {
        if (ins.rid === RID.sink) break;
        const addr = ahuAddress(ir, ins.op1, ins.ref, options);
        if (!addr) break;
        if (ins.type === "num") out.push(access(ir, ins, "store", 8, true, addr, storeValueReg(ir, ins.op2), ins.op));
        else if (["nil", "fal", "tru"].includes(ins.type))
          out.push(access(ir, ins, "store", 8, false, addr, undefined, ins.op));
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
        else if (!isDead(ins))
          out.push(
            access(
              ir,
              ins,
              "load",
              ins.type === "int" ? 4 : 8,
              ins.type === "num",
              addr,
              ir.register(ins.ref),
              "SLOAD",
            ),
          );
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
      out.push({
        ref: ins.ref,
        refs: [ins.ref],
        kind,
        size,
        fp,
        baseRef: -1,
        baseReg: RID.sp,
        offset: 4 * ins.spill,
        dataReg: ir.register(ins.ref),
        origin: "spill",
        pairable: true,
      });
    }
  }
  return out;
}
