// The decoder's public face. `decode` gives the verdict and, for valid words,
// binutils' text; `classify` gives the verdict alone without building strings,
// for the hot path of checking every word of every trace.
import type { GroupId } from "./form.ts";
import { renderForm } from "./form.ts";
import { lookup } from "./table.ts";

export type DecodeStatus = "valid" | "unallocated" | "unmodeled";

export type Decoded =
  | { readonly status: "valid"; readonly text: string; readonly mnemonic: string; readonly group: GroupId }
  | { readonly status: "unallocated"; readonly group: GroupId }
  | { readonly status: "unmodeled" };

/**
 * Verdicts of words already classified: a trace's words recur in trace after
 * trace (prologues, guards, exits), and screening classifies every one. A
 * direct-mapped cache in typed arrays: most words have bit 31 set, so as Map
 * keys they were heap numbers, and the lookups a fifth of the oracle's time.
 */
const CACHE_BITS = 16;
const cachedWords = new Uint32Array(1 << CACHE_BITS);
/** 0: empty; else 1 + the verdict's index in STATUSES. */
const cachedVerdicts = new Uint8Array(1 << CACHE_BITS);
const STATUSES: readonly DecodeStatus[] = ["valid", "unallocated", "unmodeled"];

/** The verdict for a word, without its text. */
export function classify(word: number): DecodeStatus {
  const w = word >>> 0;
  const slot = (w ^ (w >>> CACHE_BITS) ^ (w >>> 7)) & ((1 << CACHE_BITS) - 1);
  const cached = cachedVerdicts[slot]!;
  if (cached !== 0 && cachedWords[slot] === w) return STATUSES[cached - 1]!;
  const m = lookup(w);
  const status: DecodeStatus = m.kind === "form" ? "valid" : m.kind;
  cachedWords[slot] = w;
  cachedVerdicts[slot] = 1 + STATUSES.indexOf(status);
  return status;
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
