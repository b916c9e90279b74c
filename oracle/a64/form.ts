// A form is one way to print a set of words: fixed bits (mask/value), a
// mnemonic and operands, plus an optional condition for aliases that apply to
// part of the space only. A group is an encoding class of the architecture
// that we model completely: a word in a group that no form takes is an
// unallocated encoding, exactly as binutils says `undefined`.
import type { Operand } from "./operand.ts";

export type GroupId =
  | "ldst-pair"
  | "ldst-imm9"
  | "ldst-uimm"
  | "ldst-regoff"
  | "ldst-literal"
  | "pcrel"
  | "addsub-imm"
  | "logic-imm"
  | "movewide"
  | "bitfield"
  | "extract"
  | "logic-reg"
  | "addsub-shift"
  | "addsub-ext"
  | "addsub-carry"
  | "ccmp"
  | "csel"
  | "dp3"
  | "dp2"
  | "dp1"
  | "branch-imm"
  | "cmp-branch"
  | "test-branch"
  | "cond-branch"
  | "branch-reg"
  | "exception"
  | "hint"
  | "fp-scalar"
  | "fp-dp1"
  | "fp-dp2"
  | "fp-dp3"
  | "fp-cmp"
  | "fp-ccmp"
  | "fp-csel"
  | "fp-imm"
  | "fp-int"
  | "fp-fixed"
  | "simd-modimm"
  | "reserved"
  | "reserved-top";

export interface Form {
  readonly kind: "form";
  readonly group: GroupId;
  readonly mnemonic: string;
  readonly mask: number;
  readonly value: number;
  readonly operands: readonly Operand[];
  /** Further condition on the word: an alias's preference, a reserved value. */
  readonly when: ((word: number) => boolean) | undefined;
  /**
   * For forms whose text cannot show every bit (fields binutils ignores, or
   * several encodings of one bitmask immediate): the word the encoder makes
   * for this text. Undefined when every bit shows.
   */
  readonly canonical: ((word: number) => number) | undefined;
}

/** Part of a modeled group that we deliberately leave unmodeled. */
export interface Hole {
  readonly kind: "hole";
  readonly group: GroupId;
  readonly mask: number;
  readonly value: number;
}

/** A whole encoding class: every word in it is either a form or unallocated. */
export interface Group {
  readonly id: GroupId;
  readonly mask: number;
  readonly value: number;
}

export function form(
  group: GroupId,
  mnemonic: string,
  mask: number,
  value: number,
  operands: readonly Operand[],
  when?: (word: number) => boolean,
): Form {
  if ((value & ~mask) !== 0) throw new Error(`form ${mnemonic}: value has bits outside mask`);
  return { kind: "form", group, mnemonic, mask: mask >>> 0, value: value >>> 0, operands, when, canonical: undefined };
}

/** A form whose words print the same for several encodings; see Form.canonical. */
export function withCanonical(f: Form, canonical: (word: number) => number): Form {
  return { ...f, canonical: (w) => canonical(w) >>> 0 };
}

/** The encoding the encoder gives a word's text: the word itself unless the form says otherwise. */
export function canonicalWord(f: Form, word: number): number {
  return f.canonical === undefined ? word >>> 0 : f.canonical(word);
}

export function hole(group: GroupId, mask: number, value: number): Hole {
  return { kind: "hole", group, mask: mask >>> 0, value: value >>> 0 };
}

/** What a table module contributes: its groups and, in priority order, forms. */
export interface GroupTable {
  readonly groups: readonly Group[];
  /** Earlier entries win: aliases come before the instruction they alias. */
  readonly entries: readonly (Form | Hole)[];
}

/** Renders a form's text for a word (the form must match the word). */
export function renderForm(f: Form, word: number, pc: number): string {
  const parts: string[] = [];
  for (const op of f.operands) {
    const t = op.render(word, pc);
    if (t !== "") parts.push(t);
  }
  return parts.length === 0 ? f.mnemonic : `${f.mnemonic} ${parts.join(", ")}`;
}
