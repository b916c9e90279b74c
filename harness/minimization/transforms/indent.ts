// Moving a block's body out one level (unwrapping `do … end`, a loop, an if)
// should not leave it indented for the level it left.
import type { Statement } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import { type LuaContext, statementEnd } from "./candidate.ts";

/** The whitespace before `offset` on its line, or null if code precedes it there. */
function indentAt(source: string, offset: number): string | null {
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  const before = source.slice(lineStart, offset);
  return /^[ \t]*$/.test(before) ? before : null;
}

/**
 * The text of `body` re-indented to stand where `outerStart` is. Left as is
 * when a string literal or comment in it spans lines (its lines are data)
 * or when either indentation is not at a line start.
 */
export function bodyTextAt(context: LuaContext, body: readonly Statement[], outerStart: number): string {
  const { source, verbatim } = context.parsed;
  const first = rangeOf(body[0]!)[0];
  const end = statementEnd(source, body[body.length - 1]!);
  const text = source.slice(first, end);
  const inner = indentAt(source, first);
  const outer = indentAt(source, outerStart);
  const multilineVerbatim = verbatim.some(([s, e]) => s < end && e > first && source.slice(s, e).includes("\n"));
  if (inner === null || outer === null || multilineVerbatim || inner === outer) return text;
  return text
    .split("\n")
    .map((line, i) => (i > 0 && line.startsWith(inner) ? outer + line.slice(inner.length) : line))
    .join("\n");
}

/** The indentation of the line `offset` is on (what a prefix line should carry). */
export function lineIndent(source: string, offset: number): string {
  return indentAt(source, offset) ?? "";
}
