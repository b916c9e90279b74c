// Comments: all at once first (they almost never matter), then one by one
// should a comment somehow be needed (they shift line numbers, which show in
// error messages).
import { rangeOf } from "../../lua/index.ts";
import type { Splice } from "../splice.ts";
import { type LuaCandidate, type LuaContext, linesText } from "./candidate.ts";

export function removeComments(context: LuaContext): LuaCandidate[] {
  const { source } = context.parsed;
  const cuts = (context.parsed.chunk.comments ?? []).map((comment): Splice => {
    const [start, end] = rangeOf(comment);
    // `a--[[x]]b` must not become `ab`.
    const glue = start > 0 && !/\s/.test(source[start - 1]!) && end < source.length && !/\s/.test(source[end]!);
    return { start, end, text: glue ? " " : "" };
  });
  if (cuts.length === 0) return [];
  const one = cuts.map(
    (splice, i): LuaCandidate => ({
      kind: "comments",
      site: i + 1,
      what: `remove the comment at ${linesText(context, splice.start, splice.end)}`,
      splices: [splice],
    }),
  );
  return cuts.length === 1
    ? one
    : [{ kind: "comments", site: 0, what: `remove all ${cuts.length} comments`, splices: cuts }, ...one];
}
