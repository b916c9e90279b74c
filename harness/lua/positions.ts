// Offsets into Lua text as people read them: 1-based lines and columns.

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A lookup of an offset's line and column (both from 1), built once per text. */
export function positionsOf(source: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
}
