// The order the reduction descends in. A candidate is accepted only when it is
// strictly smaller: fewer bytes, or as many bytes and lexicographically
// smaller (so `7` → `0` and `x` → `1` count as progress). Strings of at most
// n bytes are finitely many, so the order is well-founded: every reduction
// ends, whatever the transformations propose.

export function isSmaller(candidate: string, current: string): boolean {
  if (candidate.length !== current.length) return candidate.length < current.length;
  return candidate < current;
}

export interface SourceSize {
  readonly lines: number;
  readonly bytes: number;
}

/** Lines (a final line without a newline counts) and bytes of a binary string. */
export function sizeOf(source: string): SourceSize {
  let lines = 0;
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lines++;
  if (source.length > 0 && !source.endsWith("\n")) lines++;
  return { lines, bytes: source.length };
}
