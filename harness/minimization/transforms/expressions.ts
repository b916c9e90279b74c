// Expression simplification: replace an expression by one of its parts
// (`a + b` → `a`, `f(x)` → `x`, `t[i]` → `i`) or by a constant (`0`, `1`,
// `nil`, `true`). Only replacements that shrink the program are proposed;
// the ones that cannot stand where they land (`0.x`) fail to parse and are
// never run.
import type { Expression } from "luaparse";
import { type ExpressionRole, rangeOf } from "../../lua/index.ts";
import { isSmaller } from "../size.ts";
import { type LuaCandidate, type LuaContext, quote } from "./candidate.ts";
import { withGroupingParens } from "./parens.ts";

const CONSTANTS = ["0", "1", "nil", "true"] as const;

export function simplifyExpressions(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  context.outline.expressions.forEach(({ node, role, memory }, site) => {
    if (role === "statement" || memory) return;
    const [start, end] = widen(context.parsed.source, rangeOf(node));
    const before = context.parsed.source.slice(start, end);
    const seen = new Set<string>();
    const propose = (text: string): void => {
      if (seen.has(text) || !isSmaller(text, before)) return;
      seen.add(text);
      out.push({
        kind: "expressions",
        site,
        what: `simplify ${quote(before)} at line ${context.lineOf(start)} to ${quote(text)}`,
        splices: [{ start, end, text }],
      });
    };
    for (const part of partsOf(node)) propose(standIn(context.text(part), part, role));
    // `(e)` → `e`: parentheses that group nothing any more.
    if (end - start > rangeOf(node)[1] - rangeOf(node)[0] && isAtom(node)) propose(context.text(node));
    // Numbers have their own, finer steps (./literals.ts).
    if (node.type !== "NumericLiteral") for (const constant of CONSTANTS) propose(constant);
  });
  return out;
}

/** A node's range with its grouping parentheses: they go with it. */
function widen(source: string, [start, end]: readonly [number, number]): readonly [number, number] {
  return withGroupingParens(source, start, end) ?? [start, end];
}

/** The sub-expressions that could take an expression's place. */
function partsOf(node: Expression): Expression[] {
  switch (node.type) {
    case "BinaryExpression":
    case "LogicalExpression":
      return [node.left, node.right];
    case "UnaryExpression":
      return [node.argument];
    case "MemberExpression":
      return [node.base];
    case "IndexExpression":
      return [node.base, node.index];
    case "CallExpression":
      return [...node.arguments];
    default:
      return [];
  }
}

/**
 * A part's text as it can stand in its parent's place. An operation moved
 * into an operand's position keeps parentheses, so `(a + b) * c` → `a + b`
 * as a value but `x * (a + b)` stays grouped when `a + b` replaces `x * …`'s
 * operand. (luaparse's ranges leave a part's own parentheses out.)
 */
function isAtom(node: Expression): boolean {
  return (
    !["BinaryExpression", "LogicalExpression", "UnaryExpression", "FunctionDeclaration"].includes(node.type) &&
    !isMultiValue(node)
  );
}

/** Parentheses around a call or `...` cut its results to one: not redundant. */
function isMultiValue(node: Expression): boolean {
  return (
    node.type === "CallExpression" ||
    node.type === "StringCallExpression" ||
    node.type === "TableCallExpression" ||
    node.type === "VarargLiteral"
  );
}

function standIn(text: string, part: Expression, role: ExpressionRole): string {
  const operation = part.type === "BinaryExpression" || part.type === "LogicalExpression";
  return role === "operand" && operation ? `(${text})` : text;
}
