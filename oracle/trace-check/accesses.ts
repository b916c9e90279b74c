// What memory accesses the IR asks for, as the arm64 backend addresses them:
// a base register, a constant offset, a size and a data register. Only the
// accesses whose address the backend forms as base + constant (emit_lso) are
// predicted; register-indexed forms and addresses without a known register
// are left out rather than guessed.
import { FIELD_OFFSETS, isFloatType, REF_NIL, RID, type TraceIr, typeSize } from "./ir.ts";

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
const isSunk = (ir: TraceIr, ref: number): boolean => {
  const rid = ir.rid(ref);
  return rid === RID.sunk || rid === RID.sink;
};

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
function assembled(ir: TraceIr, ref: number, options: BackendOptions): boolean {
  if (!options.dce) return true;
  if (ir.hasRegister(ref) || ir.spill(ref) !== 0) return true;
  const op = ir.op(ref);
  return STORE_MODE_OPS.has(op) || (ir.isGuard(ref) && !WEAK_GUARD_OPS.has(op));
}

/**
 * Whether the use of `ref` by `user` gives `ref` a register: ra_alloc1 on it,
 * rather than fusing it into the user's address. Only fused address operands
 * are left unallocated: asm_fusexref never allocates the ADD/STRREF it fuses,
 * not even when the constant is out of range (it then allocates the ADD's
 * operands for a register-indexed access), asm_fuseahuref an AREF/HREFK it
 * may fuse (mayfuse) at an offset emit_checkofs takes.
 */
function allocatesAt(ir: TraceIr, ref: number, user: number, options: BackendOptions): boolean {
  const userOp = ir.op(user);
  const value = ir.op2IsRef(user) && ir.op2(user) === ref;
  if (isSunk(ir, user)) {
    // A sunk CNEWI's value, and a sunk store's, are given a (weak) register
    // when a guard whose snapshot holds the allocation is assembled
    // (asm_snap_alloc): some guard after the sunk instruction, maybe after
    // the access too (the caller takes it as above every access: the probe
    // records no snapshots when screening). A CNEWI no snapshot reached
    // keeps RID_SINK and allocated nothing.
    return userOp === "CNEWI" ? ir.rid(user) === RID.sunk && value : value;
  }
  if (!assembled(ir, user, options)) return false;
  if (!ir.has(ref)) return true;
  const addressOnly = ir.op1(user) === ref && !value;
  if ((userOp === "XLOAD" || userOp === "XSTORE") && addressOnly) return !xrefFusable(ir, ref, options);
  if (AHU_ACCESS_OPS.has(userOp) && addressOnly) return ahuFused(ir, ref, user, options) === undefined;
  return true;
}

/** canfuse(): fusion on and not a PHI operand. */
const canFuse = (ir: TraceIr, ref: number, options: BackendOptions): boolean => options.fuse && !ir.isPhi(ref);

/** Whether asm_fusexref folds this address ref when it has no register: an ADD or STRREF, in any form. */
const xrefFusable = (ir: TraceIr, ref: number, options: BackendOptions): boolean =>
  canFuse(ir, ref, options) && (ir.op(ref) === "ADD" || ir.op(ref) === "STRREF");

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
  if (!ir.has(ref)) return false;
  if (!ir.hasRegister(ref) && ir.spill(ref) === 0) return true; // never allocated anywhere
  // The access itself counts: asm_xstore allocates the value it stores first.
  // A sunk user allocates at a snapshot whose place is unknown: counted as above.
  return !ir.someUser(ref, (u) => (u >= at || isSunk(ir, u)) && allocatesAt(ir, ref, u, options));
}

/** asm_fusexref for XLOAD/XSTORE at `at`: ADD(base, K) and STRREF(str, K) fold away when they have no register yet. */
function xrefAddress(ir: TraceIr, ref: number, size: number, at: number, options: BackendOptions): Address | undefined {
  if (!ir.has(ref)) return undefined;
  if (!(xrefFusable(ir, ref, options) && unallocatedAt(ir, ref, at, options))) {
    // Not fused: the address is the ref's own register.
    return ir.hasRegister(ref) ? { baseRef: ref, offset: 0, folded: [] } : undefined;
  }
  const op = ir.op(ref);
  if (op === "ADD" && ir.op2IsRef(ref)) {
    const k = ir.offsetConstant(ir.op2(ref));
    if (k !== undefined && offsetEncodable(k, size)) return { baseRef: ir.op1(ref), offset: k, folded: [ref] };
  }
  if (op === "STRREF") {
    const k2 = ir.offsetConstant(ir.op2(ref));
    if (k2 !== undefined && offsetEncodable(k2 + 24, size))
      return { baseRef: ir.op1(ref), offset: k2 + 24, folded: [ref] };
  }
  return undefined;
}

/**
 * asm_fuseahuref's fused form of AREF(array, K) or HREFK(node, slot) (the
 * instruction at `ref`) for an access at `at` (an 8-byte LDR/STR), whether
 * or not the ref has a register; undefined when it would not fuse it (and
 * would allocate it).
 */
function ahuFused(ir: TraceIr, ref: number, at: number, options: BackendOptions): Address | "indexed" | undefined {
  if (!mayFuse(ir, ref, at, options)) return undefined;
  const op = ir.op(ref);
  if (op === "AREF") {
    if (!ir.op2IsRef(ref) || ir.op2(ref) > 0) return "indexed"; // FUSE_REG: base + index register
    const k = ir.offsetConstant(ir.op2(ref));
    const array = ir.op1(ref);
    // Colocated arrays of a TNEW fold one step further (asm_fuseabase); not predicted.
    if (k === undefined || !ir.has(array) || ir.op(ir.op1(array)) === "TNEW") return undefined;
    return offsetEncodable(8 * k, 8) ? { baseRef: array, offset: 8 * k, folded: [ref] } : undefined;
  }
  if (op === "HREFK") {
    const slot = ir.constants.get(ir.op2(ref))?.slot;
    if (slot === undefined) return undefined;
    return offsetEncodable(24 * slot, 8) ? { baseRef: ir.op1(ref), offset: 24 * slot, folded: [ref] } : undefined;
  }
  return undefined;
}

/** asm_fuseahuref for ALOAD/HLOAD/ASTORE/HSTORE at `at`: AREF(array, K) and HREFK(node, slot) with no register yet. */
function ahuAddress(ir: TraceIr, ref: number, at: number, options: BackendOptions): Address | undefined {
  if (!ir.has(ref)) return undefined;
  if (unallocatedAt(ir, ref, at, options)) {
    const fused = ahuFused(ir, ref, at, options);
    if (fused !== undefined) return fused === "indexed" ? undefined : fused;
  }
  return ir.hasRegister(ref) ? { baseRef: ref, offset: 0, folded: [] } : undefined;
}

/** The refs an access stands for, ascending: its own and the one it folded (there is at most one). */
function sortedRefs(folded: readonly number[], ref: number): number[] {
  if (folded.length === 0) return [ref];
  if (folded.length === 1) return folded[0]! < ref ? [folded[0]!, ref] : [ref, folded[0]!];
  return [...folded, ref].sort((x, y) => x - y);
}

function access(
  ir: TraceIr,
  ref: number,
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
    ref,
    refs: sortedRefs(addr.folded, ref),
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
const isDead = (ir: TraceIr, ref: number): boolean => ir.rid(ref) === RID.none && ir.spill(ref) === 0;

/** The data register of a store's value operand, undefined when unknown. */
function storeValueReg(ir: TraceIr, value: number): number | undefined {
  if (value < 0) return undefined; // a constant: zr or a register allocated for it
  return ir.register(value);
}

/** Accesses the IR asks for, one per load/store whose address the backend folds. */
export function predictAccesses(ir: TraceIr, options: BackendOptions = DEFAULT_BACKEND_OPTIONS): Access[] {
  const out: Access[] = [];
  for (let ref = 1; ref <= ir.count; ref++) {
    const op = ir.op(ref);
    switch (op) {
      case "XLOAD": {
        const size = typeSize(ir.type(ref));
        if (isDead(ir, ref) || size === 0) break;
        const addr = xrefAddress(ir, ir.op1(ref), size, ref, options);
        const fp = isFloatType(ir.type(ref));
        if (addr) out.push(access(ir, ref, "load", size, fp, addr, ir.register(ref), "XLOAD"));
        break;
      }
      case "XSTORE": {
        const size = typeSize(ir.type(ref));
        if (ir.rid(ref) === RID.sink || size === 0) break;
        const addr = xrefAddress(ir, ir.op1(ref), size, ref, options);
        const fp = isFloatType(ir.type(ref));
        if (addr) out.push(access(ir, ref, "store", size, fp, addr, storeValueReg(ir, ir.op2(ref)), "XSTORE"));
        break;
      }
      case "FLOAD": {
        const size = typeSize(ir.type(ref));
        const lit = ir.lit(ref);
        const offset = lit === undefined ? undefined : FIELD_OFFSETS[lit];
        const base = ir.op1(ref);
        if (isDead(ir, ref) || size === 0 || offset === undefined || base === REF_NIL) break;
        if (lit === "tab.array" && ir.op(base) === "TNEW") break; // may become an ADD
        const fp = isFloatType(ir.type(ref));
        out.push(access(ir, ref, "load", size, fp, { baseRef: base, offset, folded: [] }, ir.register(ref), "FLOAD"));
        break;
      }
      case "FSTORE": {
        const size = typeSize(ir.type(ref));
        const fref = ir.op1(ref);
        const lit = ir.has(fref) ? ir.lit(fref) : undefined;
        const offset = lit === undefined ? undefined : FIELD_OFFSETS[lit];
        if (ir.rid(ref) === RID.sink || offset === undefined || size === 0) break;
        const fp = isFloatType(ir.type(ref));
        const addr = { baseRef: ir.op1(fref), offset, folded: [fref] };
        out.push(access(ir, ref, "store", size, fp, addr, storeValueReg(ir, ir.op2(ref)), "FSTORE"));
        break;
      }
      case "ALOAD":
      case "HLOAD": {
        // Always a 64-bit load of the tagged value; into the result register unless it is a number.
        const addr = ahuAddress(ir, ir.op1(ref), ref, options);
        const dest = ir.type(ref) === "num" || isDead(ir, ref) ? undefined : ir.register(ref);
        if (addr) out.push(access(ir, ref, "load", 8, false, addr, dest, op, false));
        break;
      }
      case "ASTORE":
      case "HSTORE": {
        if (ir.rid(ref) === RID.sink) break;
        const addr = ahuAddress(ir, ir.op1(ref), ref, options);
        if (!addr) break;
        const type = ir.type(ref);
        if (type === "num") out.push(access(ir, ref, "store", 8, true, addr, storeValueReg(ir, ir.op2(ref)), op));
        else if (type === "nil" || type === "fal" || type === "tru")
          out.push(access(ir, ref, "store", 8, false, addr, undefined, op));
        else out.push(access(ir, ref, "store", 8, false, addr, RID.tmp, op, false));
        break;
      }
      case "SLOAD": {
        const flags = ir.op2(ref);
        const typecheck = (flags & 0x04) !== 0;
        const convert = (flags & 0x08) !== 0;
        const parent = (flags & 0x01) !== 0;
        if (parent) break;
        const addr = { baseRef: 0, offset: 8 * (ir.op1(ref) - 2), folded: [] };
        const type = ir.type(ref);
        if (typecheck || convert) out.push(access(ir, ref, "load", 8, false, addr, undefined, "SLOAD", false));
        else if (!isDead(ir, ref))
          out.push(access(ir, ref, "load", type === "int" ? 4 : 8, type === "num", addr, ir.register(ref), "SLOAD"));
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
  for (let ref = 1; ref <= ir.count; ref++) {
    const spill = ir.spill(ref);
    if (spill === 0 || !ir.has(ref)) continue;
    const type = ir.type(ref);
    const fp = isFloatType(type);
    const size = type === "num" || (typeSize(type) === 8 && !fp) ? 8 : 4;
    for (const kind of ["load", "store"] as const) {
      out.push({
        ref,
        refs: [ref],
        kind,
        size,
        fp,
        baseRef: -1,
        baseReg: RID.sp,
        offset: 4 * spill,
        dataReg: ir.register(ref),
        origin: "spill",
        pairable: true,
      });
    }
  }
  return out;
}
