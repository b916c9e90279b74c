// Differential check of our decoder/encoder against binutils: random words
// biased towards the modeled groups, one objdump run per batch, and a tally of
// disagreements per group. Used by the property test and scripts/a64-million.ts.

import { objdumpWords } from "./binutils.ts";
import { decode } from "./decode.ts";
import { encode } from "./encode.ts";
import { canonicalWord } from "./form.ts";
import { ALL_FORMS, ALL_GROUPS, lookup } from "./table.ts";

export type MismatchKind = "validity" | "text" | "roundtrip";

export interface Mismatch {
  readonly word: number;
  readonly address: number;
  readonly kind: MismatchKind;
  readonly group: string;
  readonly ours: string;
  readonly binutils: string;
}

export interface CrossCheckReport {
  readonly words: number;
  /** Words per verdict of ours. */
  readonly valid: number;
  readonly unallocated: number;
  readonly unmodeled: number;
  readonly mismatches: readonly Mismatch[];
}

/** A word drawn from a form (valid-heavy), a group (unallocated-heavy) or anywhere. */
export function biasedWord(r1: number, r2: number, r3: number): number {
  const random = Math.floor(r3 * 2 ** 32) >>> 0;
  if (r1 < 0.5) {
    const f = ALL_FORMS[Math.floor(r2 * ALL_FORMS.length)];
    if (f) return ((random & ~f.mask) | f.value) >>> 0;
  } else if (r1 < 0.9) {
    const g = ALL_GROUPS[Math.floor(r2 * ALL_GROUPS.length)];
    if (g) return ((random & ~g.mask) | g.value) >>> 0;
  }
  return random;
}

/** Compares ours with binutils for each word; word i sits at address 4*i. */
export function crossCheck(words: readonly number[]): CrossCheckReport {
  const theirs = objdumpWords(words);
  const mismatches: Mismatch[] = [];
  let valid = 0;
  let unallocated = 0;
  let unmodeled = 0;
  theirs.forEach((t, i) => {
    const address = i * 4;
    const d = decode(t.word, address);
    const bin = t.text ?? "undefined";
    const add = (kind: MismatchKind, group: string, ours: string): void => {
      mismatches.push({ word: t.word, address, kind, group, ours, binutils: bin });
    };
    if (d.status === "unmodeled") {
      unmodeled++;
      return;
    }
    if (d.status === "unallocated") {
      unallocated++;
      if (t.text !== undefined) add("validity", d.group, "unallocated");
      return;
    }
    valid++;
    if (t.text === undefined) {
      add("validity", d.group, d.text);
      return;
    }
    if (t.text !== d.text) {
      add("text", d.group, d.text);
      return;
    }
    let back: number | string;
    try {
      back = encode(d.text, address);
    } catch (e) {
      back = e instanceof Error ? e.message : String(e);
    }
    const m = lookup(t.word);
    const want = m.kind === "form" ? canonicalWord(m, t.word) : t.word;
    if (back !== want) add("roundtrip", d.group, typeof back === "number" ? `encodes to 0x${back.toString(16)}` : back);
  });
  return { words: words.length, valid, unallocated, unmodeled, mismatches };
}
