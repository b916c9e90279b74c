// Which Lua source line an IR instruction comes from. The trace record has no
// direct link (snapshots carry no PC), so loads and stores are lined up, in
// order, with the bytecodes that read or write tables and cdata; other refs
// take the line of the nearest such anchor before them, and refs after LOOP
// the line of the pre-loop instruction they copy. Lines found by anchoring are
// exact as far as the order goes; the rest are marked approximate.
import type { BytecodePosition, TraceRecord } from "../trace/index.ts";
import { TraceIr } from "./ir.ts";

export interface SourceLine {
  readonly source: string;
  readonly line: number;
  /** The bytecode the line comes from (e.g. "TGETV"), when known. */
  readonly bytecode: string | undefined;
  /** True when the line is inferred from neighbours rather than matched. */
  readonly approximate: boolean;
}

const LOAD_IR = new Set(["XLOAD", "ALOAD", "HLOAD", "ULOAD", "VLOAD"]);
const STORE_IR = new Set(["XSTORE", "ASTORE", "HSTORE", "USTORE"]);
const isLoadBc = (op: string | undefined): boolean => op !== undefined && /^(TGET|GGET|UGET)/.test(op);
const isStoreBc = (op: string | undefined): boolean => op !== undefined && /^(TSET|GSET|USET)/.test(op);

export class SourceMap {
  private readonly anchors = new Map<number, BytecodePosition>();
  private readonly ir: TraceIr;
  private readonly lua: readonly BytecodePosition[];

  constructor(trace: TraceRecord) {
    this.ir = TraceIr.of(trace);
    this.lua = trace.bytecode.filter((b) => b.line >= 0 && b.source !== "?");
    const loads = this.lua.filter((b) => isLoadBc(b.op));
    const stores = this.lua.filter((b) => isStoreBc(b.op));
    let li = 0;
    let si = 0;
    const end = this.ir.loopRef ?? Number.MAX_SAFE_INTEGER;
    for (const ins of trace.ir) {
      if (ins.ref >= end) break;
      const bc = LOAD_IR.has(ins.op) ? loads[li++] : STORE_IR.has(ins.op) ? stores[si++] : undefined;
      if (bc !== undefined) this.anchors.set(ins.ref, bc);
    }
  }

  /** The source line of an IR ref, or undefined when the trace has no Lua bytecode. */
  lineOf(ref: number): SourceLine | undefined {
    const pre = this.preLoopEquivalent(ref);
    const exact = this.anchors.get(pre);
    if (exact !== undefined) return { source: exact.source, line: exact.line, bytecode: exact.op, approximate: false };
    for (let r = pre - 1; r > 0; r--) {
      const bc = this.anchors.get(r);
      if (bc !== undefined) return { source: bc.source, line: bc.line, bytecode: bc.op, approximate: true };
    }
    const first = this.lua[0];
    return first === undefined
      ? undefined
      : { source: first.source, line: first.line, bytecode: first.op, approximate: true };
  }

  /** For a ref after LOOP, the pre-loop instruction it is a copy of (same op, type and mapped operands). */
  private preLoopEquivalent(ref: number): number {
    const loop = this.ir.loopRef;
    if (loop === undefined || ref <= loop) return ref;
    const map = new Map<number, number>();
    for (const ins of this.ir.trace.ir) if (ins.op === "PHI") map.set(ins.op2, ins.op1);
    const resolve = (r: number): number => {
      if (r <= loop) return r;
      const known = map.get(r);
      if (known !== undefined) return known;
      const ins = this.ir.ins(r);
      if (ins === undefined) return r;
      const op1 = (ins.mode & 3) === 0 && ins.op1 > 0 ? resolve(ins.op1) : ins.op1;
      const op2 = ((ins.mode >> 2) & 3) === 0 && ins.op2 > 0 ? resolve(ins.op2) : ins.op2;
      const twin = this.ir.trace.ir.find(
        (p) => p.ref < loop && p.op === ins.op && p.type === ins.type && p.op1 === op1 && p.op2 === op2,
      );
      const result = twin?.ref ?? r;
      map.set(r, result);
      return result;
    };
    return resolve(ref);
  }
}
