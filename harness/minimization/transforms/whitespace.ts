// Whitespace. Blank lines and trailing blanks: every candidate is tidied as
// it is built (../lua-candidates.ts), so that candidate only matters when no
// other was accepted. And indentation: code moved out of a block, or inlined
// from a function, keeps the indentation of where it was; each line that
// starts a statement, a clause or a block's `end` gets two spaces per level.
import type { Statement } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import type { Splice } from "../splice.ts";
import type { LuaCandidate, LuaContext } from "./candidate.ts";

export function tidyWhitespace(context: LuaContext): LuaCandidate[] {
  const tidied: LuaCandidate = {
    kind: "whitespace",
    site: 0,
    what: "remove blank lines and trailing blanks",
    splices: [],
  };
  const splices = indentation(context);
  if (splices.length === 0) return [tidied];
  return [tidied, { kind: "whitespace", site: 1, what: "indent two spaces a level", splices }];
}

const BLOCK_STATEMENTS = new Set([
  "DoStatement",
  "WhileStatement",
  "IfStatement",
  "ForNumericStatement",
  "ForGenericStatement",
  "FunctionDeclaration",
]);

function indentation(context: LuaContext): Splice[] {
  const { source } = context.parsed;
  const byLine = new Map<number, Splice>();
  const indent = (offset: number, depth: number): void => {
    const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
    const before = source.slice(lineStart, offset);
    const wanted = "  ".repeat(depth);
    // Only a line this token starts, and only once per line.
    if (!/^[ \t]*$/.test(before) || byLine.has(lineStart) || before === wanted) return;
    byLine.set(lineStart, { start: lineStart, end: offset, text: wanted });
  };
  for (const block of context.outline.blocks)
    for (const statement of block.statements) {
      indent(rangeOf(statement)[0], block.depth);
      if (!BLOCK_STATEMENTS.has(statement.type)) continue;
      if (statement.type === "IfStatement")
        for (const clause of statement.clauses.slice(1)) indent(rangeOf(clause)[0], block.depth);
      const end = rangeOf(statement as Statement)[1];
      if (source.slice(end - 3, end) === "end") indent(end - 3, block.depth);
    }
  return [...byLine.values()].sort((a, b) => a.start - b.start);
}
