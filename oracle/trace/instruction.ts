// One IR instruction of a trace, as an object: how JSON records and tests
// give the IR, and what PackedIr (packed-ir.ts) hands out when asked.

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
