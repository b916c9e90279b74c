// Constant folding: arithmetic on two number literals becomes its value
// (`64 - 1` → `63`), what constant propagation leaves behind. Only exact
// integers within int32 are folded: they read the same in every Lua.
import type { Expression } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import type { LuaCandidate, LuaContext } from "./candidate.ts";
import { withGroupingParens } from "./parens.ts";

const OPERATIONS: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "%": (a, b) => a - Math.floor(a / b) * b,
};

function literal(node: Expression): number | null {
  if (node.type === "NumericLiteral" && /^\d+$/.test(node.raw)) return node.value;
  if (node.type === "UnaryExpression" && node.operator === "-") {
    const v = literal(node.argument);
    return v === null ? null : -v;
  }
  return null;
}

export function foldConstants(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  context.outline.expressions.forEach(({ node }, site) => {
    if (node.type !== "BinaryExpression") return;
    const operation = OPERATIONS[node.operator];
    const a = literal(node.left);
    const b = literal(node.right);
    if (operation === undefined || a === null || b === null || (node.operator === "%" && b === 0)) return;
    const value = operation(a, b);
    if (!Number.isInteger(value) || Math.abs(value) >= 2 ** 31) return;
    const [start, end] = rangeOf(node);
    const [s, e] = withGroupingParens(context.parsed.source, start, end) ?? [start, end];
    // A negative value keeps parentheses where it stands as an operand.
    const text = value < 0 && (s !== start || context.parsed.source[s - 1] === "-") ? `(${value})` : String(value);
    out.push({
      kind: "fold",
      site,
      what: `fold '${context.text(node)}' at line ${context.lineOf(start)} to ${text}`,
      splices: [{ start: s, end: e, text }],
    });
  });
  return out;
}
