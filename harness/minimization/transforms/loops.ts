// Loops merged: two numeric for loops in a row over the same range become
// one, the second's body after the first's, its variable renamed to the
// first's. A program that fills a buffer in one loop and reads it in the
// next often needs only one.
import type { ForNumericStatement } from "luaparse";
import { rangeOf, resolveScopes } from "../../lua/index.ts";
import { applySplices } from "../splice.ts";
import { type LuaCandidate, type LuaContext, statementEnd } from "./candidate.ts";

export function mergeLoops(context: LuaContext): LuaCandidate[] {
  const { source } = context.parsed;
  const scopes = resolveScopes(context.parsed.chunk);
  const out: LuaCandidate[] = [];
  let site = 0;
  for (const block of context.outline.blocks) {
    block.statements.forEach((first, i) => {
      const second = block.statements[i + 1];
      if (first.type !== "ForNumericStatement" || second?.type !== "ForNumericStatement") return;
      if (header(context, first) !== header(context, second) || first.body.length === 0 || second.body.length === 0)
        return;
      const binding = scopes.bindingOf.get(second.variable);
      const bodyStart = rangeOf(second.body[0]!)[0];
      const bodyEnd = statementEnd(source, second.body[second.body.length - 1]!);
      const renames = (binding?.reads ?? []).map((id) => ({
        start: rangeOf(id)[0] - bodyStart,
        end: rangeOf(id)[1] - bodyStart,
        text: first.variable.name,
      }));
      const secondBody = applySplices(source.slice(bodyStart, bodyEnd), renames);
      const firstEnd = statementEnd(source, first.body[first.body.length - 1]!);
      out.push({
        kind: "loops",
        site: site++,
        what: `merge the loops at lines ${context.lineOf(rangeOf(first)[0])} and ${context.lineOf(rangeOf(second)[0])}`,
        splices: [{ start: firstEnd, end: statementEnd(source, second), text: `\n${secondBody}\nend` }],
      });
    });
  }
  return out;
}

function header(context: LuaContext, loop: ForNumericStatement): string {
  return [loop.start, loop.end, loop.step].map((e) => (e ? context.text(e) : "")).join(",");
}
