// Edits as text splices: a candidate program is the original text with a few
// ranges replaced, so everything the edit does not touch stays as written.

/** Replace source[start, end) by `text`. */
export interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping splices (in any order) to the source. */
export function applySplices(source: string, splices: readonly Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const s of ordered) {
    if (s.start < at || s.end < s.start || s.end > source.length) {
      throw new Error(`overlapping or out-of-range splice [${s.start}, ${s.end})`);
    }
    out += source.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + source.slice(at);
}

/** Deletes source[start, end). */
export function cut(start: number, end: number): Splice {
  return { start, end, text: "" };
}

/** The offset past any spaces and tabs (not newlines) from `at`. */
export function skipBlanks(source: string, at: number): number {
  let i = at;
  while (i < source.length && (source[i] === " " || source[i] === "\t")) i++;
  return i;
}

/** The offset past any whitespace, newlines included, from `at`. */
export function skipWhitespace(source: string, at: number): number {
  let i = at;
  while (i < source.length && /\s/.test(source[i]!)) i++;
  return i;
}
