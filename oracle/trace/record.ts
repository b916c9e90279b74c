// A compiled trace as the oracle judges it: its bytecode, IR, constants,
// snapshots and machine code; and a trace LuaJIT gave up on, which trace
// features count too. The probe (harness/probe/) records both from inside
// LuaJIT; field meanings follow LuaJIT's jit.util.

/** One IR instruction, as jit.util.traceir gives it. */
export interface IrInstruction {
  /** Instruction number as -jdump prints it (1-based, REF_BIAS removed). */
  readonly ref: number;
  /** Opcode name from the build's own jit/vmdef.lua (e.g. "XLOAD"). */
  readonly op: string;
  /** Result type (e.g. "int", "p64", "num"). */
  readonly type: string;
  /** Operand modes (IRM bits); op1 mode is mode & 3, op2 mode is mode & 12. */
  readonly mode: number;
  /** Raw op+type word: type in bits 0-4, 0x80 = guard (">" in -jdump), 0x40 = PHI operand ("+"), op in bits 8-15. */
  readonly ot: number;
  /** Operand 1: > 0 an instruction ref, < 0 a constant ref, else a literal. */
  readonly op1: number;
  /** Operand 2: same encoding as op1 (a literal when op2 mode is IRMlit). */
  readonly op2: number;
  /** Register id (0-30 x-regs, 31 sp/zr, 32-63 d-regs; 253/254 sunk, 255 none). */
  readonly rid: number;
  /** Spill slot (in 4-byte units as -jdump prints [hex]), 0 when not spilled. */
  readonly spill: number;
  /** Name of an op2 literal where vmdef has one (FLOAD field, CALL target). */
  readonly lit?: string;
}

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
