// A walk over luaparse's tree that lists what the transformations work on:
// the blocks (statement lists, with their nesting depth), the statements, and
// the expression sites, all in document order.
import type { Chunk, Expression, Statement } from "luaparse";

/** A statement list: the chunk, a function body, a loop body, an if clause… */
export interface Block {
  readonly statements: readonly Statement[];
  /** 0 for the chunk, one more for each enclosing block. */
  readonly depth: number;
}

/** Where an expression sits, which decides what may replace it. */
export type ExpressionRole =
  /** An operand of an operator: a replacement that is itself an operation needs parentheses. */
  | "operand"
  /** A value anywhere else (an initializer, an argument, a condition, an index…). */
  | "value"
  /** A call that is a whole statement: only its parts can change. */
  | "statement";

export interface ExpressionSite {
  readonly node: Expression;
  readonly role: ExpressionRole;
}

export interface LuaOutline {
  readonly blocks: readonly Block[];
  /** Every statement, in document (pre-)order. */
  readonly statements: readonly Statement[];
  /** Every expression, in document (pre-)order: a node before its parts. */
  readonly expressions: readonly ExpressionSite[];
}

export function outline(chunk: Chunk): LuaOutline {
  const blocks: Block[] = [];
  const statements: Statement[] = [];
  const expressions: ExpressionSite[] = [];

  const block = (body: readonly Statement[], depth: number): void => {
    blocks.push({ statements: body, depth });
    for (const s of body) statement(s, depth);
  };

  const expression = (node: Expression, role: ExpressionRole, depth: number): void => {
    expressions.push({ node, role });
    switch (node.type) {
      case "BinaryExpression":
      case "LogicalExpression":
        expression(node.left, "operand", depth);
        expression(node.right, "operand", depth);
        break;
      case "UnaryExpression":
        expression(node.argument, "operand", depth);
        break;
      case "MemberExpression":
        expression(node.base, "value", depth);
        break;
      case "IndexExpression":
        expression(node.base, "value", depth);
        expression(node.index, "value", depth);
        break;
      case "CallExpression":
        expression(node.base, "value", depth);
        for (const a of node.arguments) expression(a, "value", depth);
        break;
      case "TableCallExpression":
        expression(node.base, "value", depth);
        expression(node.arguments, "value", depth);
        break;
      case "StringCallExpression":
        expression(node.base, "value", depth);
        expression(node.argument, "value", depth);
        break;
      case "TableConstructorExpression":
        for (const field of node.fields) {
          if (field.type === "TableKey") expression(field.key, "value", depth);
          expression(field.value, "value", depth);
        }
        break;
      case "FunctionDeclaration":
        // A function expression's body is a block one level in.
        block(node.body, depth + 1);
        break;
      default:
        break; // literals, identifiers, varargs: leaves
    }
  };

  /** An assignment target: its parts are values, the target itself is not. */
  const target = (node: Expression, depth: number): void => {
    if (node.type === "MemberExpression") expression(node.base, "value", depth);
    if (node.type === "IndexExpression") {
      expression(node.base, "value", depth);
      expression(node.index, "value", depth);
    }
  };

  const statement = (node: Statement, depth: number): void => {
    statements.push(node);
    const inner = depth + 1;
    switch (node.type) {
      case "LocalStatement":
        for (const e of node.init) expression(e, "value", depth);
        break;
      case "AssignmentStatement":
        for (const v of node.variables) target(v, depth);
        for (const e of node.init) expression(e, "value", depth);
        break;
      case "CallStatement":
        expression(node.expression, "statement", depth);
        break;
      case "ReturnStatement":
        for (const e of node.arguments) expression(e, "value", depth);
        break;
      case "IfStatement":
        for (const clause of node.clauses) {
          if (clause.type !== "ElseClause") expression(clause.condition, "value", depth);
          block(clause.body, inner);
        }
        break;
      case "WhileStatement":
        expression(node.condition, "value", depth);
        block(node.body, inner);
        break;
      case "RepeatStatement":
        block(node.body, inner);
        expression(node.condition, "value", depth);
        break;
      case "DoStatement":
        block(node.body, inner);
        break;
      case "ForNumericStatement":
        expression(node.start, "value", depth);
        expression(node.end, "value", depth);
        if (node.step) expression(node.step, "value", depth);
        block(node.body, inner);
        break;
      case "ForGenericStatement":
        for (const e of node.iterators) expression(e, "value", depth);
        block(node.body, inner);
        break;
      case "FunctionDeclaration":
        // The name (`function M.f()`) stays: nothing simpler can stand there.
        block(node.body, inner);
        break;
      default:
        break; // break, goto, labels
    }
  };

  block(chunk.body, 0);
  return { blocks, statements, expressions };
}
