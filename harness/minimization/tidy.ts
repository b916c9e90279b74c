// Whitespace that removing code leaves behind: blank lines, trailing spaces,
// a missing or doubled final newline. Tidying drops it everywhere except
// inside string literals (a long string's blank line is data) and comments.
import type { Range } from "../lua/index.ts";

/**
 * Removes whitespace-only lines and trailing blanks outside `verbatim`
 * ranges, and ends the text with exactly one newline (none when empty).
 * Only whitespace between tokens goes, so the program means the same.
 */
export function tidy(source: string, verbatim: readonly Range[]): string {
  // Literals and comments never overlap, and the offsets asked about only
  // grow: one pointer walks the sorted ranges, so big files stay linear.
  const ranges = [...verbatim].sort((a, b) => a[0] - b[0]);
  let next = 0;
  const inside = (offset: number): boolean => {
    while (next < ranges.length && ranges[next]![1] <= offset) next++;
    const range = ranges[next];
    return range !== undefined && offset > range[0] && offset < range[1];
  };
  const lines: string[] = [];
  let at = 0;
  while (at <= source.length) {
    const newline = source.indexOf("\n", at);
    const end = newline < 0 ? source.length : newline;
    let line = source.slice(at, end);
    // Asked in increasing order (see above): the line's start, then its end.
    const startsInside = inside(at);
    // A line break inside a literal or comment is part of it: keep it as is.
    const protectedEnd = inside(end);
    if (!protectedEnd) line = line.replace(/[ \t\r]+$/, "");
    const blank = line.trim() === "" && !startsInside && !protectedEnd;
    if (!blank) lines.push(line);
    if (newline < 0) break;
    at = newline + 1;
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
