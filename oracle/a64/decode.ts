// The decoder's public face. `decode` gives the verdict and, for valid words,
// binutils' text; `classify` gives the verdict alone without building strings,
// for the hot path of checking every word of every trace.
import type { GroupId } from "./form.ts";
import { renderForm } from "./form.ts";
import { lookup } from "./table.ts";
import { WordCache } from "./word-cache.ts";

export type DecodeStatus = "valid" | "unallocated" | "unmodeled";

export type Decoded =
  | { readonly status: "valid"; readonly text: string; readonly mnemonic: string; readonly group: GroupId }
  | { readonly status: "unallocated"; readonly group: GroupId }
  | { readonly status: "unmodeled" };

/**
 * Verdicts of words already classified: screening classifies every word of
 * every trace (word-cache.ts).
 */
const verdicts = new WordCache<DecodeStatus>(16, (w) => {
  const m = lookup(w);
  return m.kind === "form" ? "valid" : m.kind;
});

/** The verdict for a word, without its text. */
export function classify(word: number): DecodeStatus {
  return verdicts.get(word);
}

/**
 * Decodes one word at `address` (PC-relative targets are printed as absolute
 * addresses, in objdump's bare-hex style).
 */
export function decode(word: number, address = 0): Decoded {
  const w = word >>> 0;
  const m = lookup(w);
  if (m.kind === "form")
    return { status: "valid", text: renderForm(m, w, address), mnemonic: m.mnemonic, group: m.group };
  if (m.kind === "unallocated") return { status: "unallocated", group: m.group };
  return { status: "unmodeled" };
}
