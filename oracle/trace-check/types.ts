// What the trace checker reports: findings a person can act on, and counts
// that tell how much of the trace the oracle actually understood.
import type { SourceLine } from "./source.ts";

/**
 * illegal-word   a word of the trace's code that is not an instruction (SIGILL when reached)
 * pair-mismatch  an LDP/STP that does not do what the two accesses the IR asked for do
 */
export const FINDING_KINDS = ["illegal-word", "pair-mismatch"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * What in the backend the finding points at, for signatures: two findings
 * with one cause are one bug, whatever registers or mnemonic they show.
 *   pair-offset-smear      a pair whose negative scaled offset overwrote the opcode (PR #1028)
 *   not-an-instruction     any other word that is no instruction
 *   pair-unaligned-offset  a pair whose halves are not at the offsets the IR asked for, the IR's not a multiple of the size
 *   pair-offset            a pair at other offsets than the IR's (aligned ones)
 *   pair-size              a pair of another access size than the IR's
 *   pair-form              a pair emit_lso never makes (pre/post-index, ldpsw, q registers, rt = rt2)
 */
export const FINDING_CAUSES = [
  "pair-offset-smear",
  "not-an-instruction",
  "pair-unaligned-offset",
  "pair-offset",
  "pair-size",
  "pair-form",
] as const;
export type FindingCause = (typeof FINDING_CAUSES)[number];

export interface ExpectedWord {
  readonly word: number;
  readonly text: string;
}

export interface OracleFinding {
  readonly kind: FindingKind;
  readonly cause: FindingCause;
  readonly trace: number;
  /** Byte offset of the word in the trace's machine code. */
  readonly offset: number;
  readonly address: number;
  readonly word: number;
  /** The word's disassembly when it is an instruction. */
  readonly text: string | undefined;
  /** What the backend should have emitted, when the oracle can tell. */
  readonly expected: ExpectedWord | undefined;
  /** IR refs (as -jdump numbers them) the word comes from. */
  readonly refs: readonly number[];
  /** Lua source line of those refs, when the trace has Lua bytecode. */
  readonly line: SourceLine | undefined;
  /** One line for people: what is wrong. */
  readonly message: string;
}

export interface TraceCheckStats {
  /** Words of machine code checked (data words excluded). */
  readonly words: number;
  /** LDP/STP the IR says the backend must form. */
  readonly pairsPredicted: number;
  /** Predicted pairs found bit for bit in the machine code. */
  readonly pairsMatched: number;
  /** Words in instruction groups the decoder does not model. */
  readonly unmodeled: number;
}

export interface TraceCheck {
  readonly findings: readonly OracleFinding[];
  readonly stats: TraceCheckStats;
}
