// The assembler side: reads the syntax the decoder prints (objdump's) back
// into a word. Every form for the mnemonic is tried; when several words fit
// the text (aliases, a redundant "#0"), the one that decodes back to exactly
// this text wins, so encode(decode(w).text) === w for valid words.

import { decode } from "./decode.ts";
import type { Form } from "./form.ts";
import { canonicalText, splitOperands } from "./syntax.ts";
import { FORMS_BY_MNEMONIC } from "./table.ts";

export class EncodeError extends Error {
  override readonly name = "EncodeError";
}

/** All words the text can stand for, in table order (preferred forms first). */
export function encodeCandidates(text: string, address = 0): number[] {
  const t = text.trim().replace(/\s+/g, " ");
  const space = t.indexOf(" ");
  const mnemonic = (space < 0 ? t : t.slice(0, space)).toLowerCase();
  const operands = space < 0 ? [] : splitOperands(t.slice(space + 1));
  const forms = FORMS_BY_MNEMONIC.get(mnemonic) ?? [];
  const words: number[] = [];
  for (const f of forms) {
    const w = tryForm(f, operands, address);
    if (w !== undefined && !words.includes(w)) words.push(w);
  }
  return words;
}

function tryForm(f: Form, operands: readonly string[], address: number): number | undefined {
  if (operands.length > f.operands.length) return undefined;
  const all: (string | undefined)[] = f.operands.map((_, i) => operands[i]);
  let word = f.value;
  const parts: number[] = [];
  for (let i = 0; i < f.operands.length; i++) {
    const op = f.operands[i];
    if (op === undefined) return undefined;
    const bits = op.parse(all[i], address, all);
    if (bits === undefined) return undefined;
    parts.push(bits);
    word = (word | bits) >>> 0;
  }
  if ((word & f.mask) >>> 0 !== f.value) return undefined;
  if (f.when !== undefined && !f.when(word)) return undefined;
  if (f.canonical !== undefined) word = f.canonical(word);
  // Operands that share a field must agree: each must read back unchanged.
  for (let i = 0; i < f.operands.length; i++) {
    const op = f.operands[i];
    if (op === undefined) return undefined;
    const again = op.parse(
      op.render(word, address) || undefined,
      address,
      f.operands.map((o) => o.render(word, address) || undefined),
    );
    if (again !== parts[i]) return undefined;
  }
  return word;
}

/**
 * The word for an instruction text at `address`. Throws EncodeError when no
 * modeled instruction has this syntax.
 */
export function encode(text: string, address = 0): number {
  const candidates = encodeCandidates(text, address);
  if (candidates.length === 0) throw new EncodeError(`cannot encode "${text.trim()}"`);
  const want = canonicalText(text);
  for (const w of candidates) {
    const d = decode(w, address);
    if (d.status === "valid" && canonicalText(d.text) === want) return w;
  }
  const first = candidates[0];
  if (first === undefined) throw new EncodeError(`cannot encode "${text.trim()}"`);
  return first;
}
