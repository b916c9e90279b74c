// Statement removal, ddmin-style: the statements of every block at one depth
// are cut in consecutive chunks of one size, and each chunk's removal is a
// candidate. The plan (../lua-candidates.ts) runs this for the outer blocks
// first, with halving chunk sizes down to single statements, then one level
// in. Removing a declaration can leave a program that fails at run time;
// that is fine, the test rejects it.
import { type LuaOutline, rangeOf } from "../../lua/index.ts";
import { cut } from "../splice.ts";
import { type LuaCandidate, type LuaContext, linesText, statementEnd } from "./candidate.ts";

export function removeStatementChunks(context: LuaContext, depth: number, size: number): LuaCandidate[] {
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  for (const block of context.outline.blocks) {
    if (block.depth !== depth) continue;
    const n = block.statements.length;
    // A chunk as large as its block is the block's emptying: only as single statements.
    if (size >= n && size > 1) continue;
    for (let first = 0; first < n; first += size) {
      const last = Math.min(first + size, n) - 1;
      const start = rangeOf(block.statements[first]!)[0];
      const end = statementEnd(source, block.statements[last]!);
      out.push({
        kind: "statements",
        site: out.length,
        what: `remove ${last > first ? `${last - first + 1} statements` : "a statement"} at ${linesText(context, start, end)}`,
        splices: [cut(start, end)],
      });
    }
  }
  return out;
}

/** ddmin's granularities for blocks of up to `longest` statements: n/2, n/4, …, 1. */
export function chunkSizes(longest: number): number[] {
  const sizes: number[] = [];
  for (let size = Math.ceil(longest / 2); size > 1; size = Math.ceil(size / 2)) sizes.push(size);
  if (longest > 0) sizes.push(1);
  return sizes;
}

/** The longest block's statement count at each depth (index = depth). */
export function longestBlockByDepth(outline: LuaOutline): number[] {
  const longest: number[] = [];
  for (const block of outline.blocks)
    longest[block.depth] = Math.max(longest[block.depth] ?? 0, block.statements.length);
  return Array.from(longest, (n) => n ?? 0);
}
