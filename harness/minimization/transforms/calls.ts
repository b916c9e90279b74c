// Calls kept only for what they compute: a call statement whose argument is
// itself a call (`print(alarm(s))`, `assert(f(x))`) becomes that call, so
// the inner one stands as a statement, where it can be inlined
// (./bindings.ts) or removed.
import { rangeOf } from "../../lua/index.ts";
import { type LuaCandidate, type LuaContext, quote, statementEnd } from "./candidate.ts";

const CALLS = new Set(["CallExpression", "StringCallExpression", "TableCallExpression"]);

export function unwrapCallArguments(context: LuaContext): LuaCandidate[] {
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  context.outline.statements.forEach((statement, site) => {
    if (statement.type !== "CallStatement" || statement.expression.type !== "CallExpression") return;
    for (const argument of statement.expression.arguments) {
      if (!CALLS.has(argument.type)) continue;
      out.push({
        kind: "calls",
        site,
        what: `keep only the call ${quote(context.text(argument))} at line ${context.lineOf(rangeOf(argument)[0])}`,
        splices: [{ start: rangeOf(statement)[0], end: statementEnd(source, statement), text: context.text(argument) }],
      });
    }
  });
  return out;
}
