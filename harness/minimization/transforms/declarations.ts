// Declarations cut down to their calls: `local x = f(a)` and `x = f(a)` →
// `f(a)`. The call may be what matters, the variable only what kept the
// statement from being removed.
import { rangeOf } from "../../lua/index.ts";
import { cut } from "../splice.ts";
import type { LuaCandidate, LuaContext } from "./candidate.ts";

export function keepCallsOnly(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  context.outline.statements.forEach((statement, site) => {
    if (statement.type !== "LocalStatement" && statement.type !== "AssignmentStatement") return;
    const [value] = statement.init;
    if (statement.init.length !== 1 || value === undefined || !CALLS.has(value.type)) return;
    const start = rangeOf(statement)[0];
    out.push({
      kind: "declarations",
      site,
      what: `keep only the call of the ${statement.type === "LocalStatement" ? "local" : "assignment"} at line ${context.lineOf(start)}`,
      splices: [cut(start, rangeOf(value)[0])],
    });
  });
  return out;
}

const CALLS = new Set(["CallExpression", "StringCallExpression", "TableCallExpression"]);
