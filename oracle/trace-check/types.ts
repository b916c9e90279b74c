// What the trace checker reports: findings a person can act on, and counts
// that tell how much of the trace the oracle actually understood.
import type { SourceLine } from "./source.ts";

export type FindingKind =
  /** A word of the trace's code that is not an instruction (SIGILL when reached). */
  | "illegal-word"
  /** An LDP/STP that does not do what the two accesses the IR asked for do. */
  | "pair-mismatch";

export interface ExpectedWord {
  readonly word: number;
  readonly text: string;
}

export interface OracleFinding {
  readonly kind: FindingKind;
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
