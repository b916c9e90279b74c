// A compiled trace as the oracle judges it: its bytecode, IR, constants,
// snapshots and machine code; and a trace LuaJIT gave up on, which trace
// features count too. The probe (harness/probe/) records both from inside
// LuaJIT; field meanings follow LuaJIT's jit.util.
import type { IrInstruction } from "./instruction.ts";
import type { PackedIr } from "./packed-ir.ts";

export type { IrInstruction };

/** One IR constant (negative ref), as jit.util.tracek gives it. */
export interface IrConstant {
  readonly ref: number;
  readonly type: string;
  /**
   * A number for numeric constants; otherwise the text LuaJIT gives, prefixed
   * with its Lua type: "cdata:-8LL", "str:abc", "nil:nil", "userdata:0x…".
   * Non-finite numbers and -0 are strings ("nan", "inf", "-inf", "-0").
   */
  readonly value: number | string;
  readonly slot?: number;
}

/** One bytecode the recorder visited while it built the trace. */
export interface BytecodePosition {
  readonly pc: number;
  readonly depth: number;
  readonly source: string;
  readonly line: number;
  readonly op?: string;
}

export interface MachineCode {
  /** Address of the first byte (the trace's entry). */
  readonly address: number;
  /** Byte offset of the loop start, or -1 when the trace has no loop. */
  readonly loop: number;
  /** The raw code bytes, as lowercase hex. */
  readonly hex: string;
  /**
   * The same bytes as little-endian 32-bit words, where the reader had the
   * bytes (words.ts machineCodeOfBytes; not enumerable, so JSON and spreads
   * carry `hex` only): what the oracle reads.
   */
  readonly words?: readonly number[];
}

/** A trace LuaJIT compiled: everything needed to judge its machine code. */
export interface TraceRecord {
  readonly trace: number;
  readonly parent: number | null;
  readonly parentExit: number | null;
  readonly source: string;
  readonly line: number;
  readonly link: number;
  readonly linkType: string;
  readonly bytecode: readonly BytecodePosition[];
  readonly ir: readonly IrInstruction[];
  readonly constants: readonly IrConstant[];
  /** Raw snapshots: [ref, nslots, ...entries, terminator]. */
  readonly snapshots: readonly (readonly number[])[];
  readonly mcode: MachineCode;
  readonly exitStubs: readonly number[];
  /** In a batch run: the index of the case that compiled this trace. */
  readonly caseIndex?: number;
  /**
   * The same IR as columns, where the reader built it so (packed-record.ts;
   * not enumerable, so JSON and spreads carry `ir` only): what the oracle reads.
   */
  readonly packedIr?: PackedIr;
}

/** A trace the recorder gave up on, with LuaJIT's reason. */
export interface TraceAbort {
  readonly trace: number;
  readonly source: string;
  readonly line: number;
  readonly reason: string;
  /** In a batch run: the index of the case whose trace was aborted. */
  readonly caseIndex?: number;
}
