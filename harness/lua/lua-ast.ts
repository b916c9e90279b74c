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
  /**
   * The expression shapes memory: an FFI call's argument (a type, a size, a
   * cast), an index, pointer arithmetic, a loop's start. Changing it can move
   * an access out of bounds, and a reproducer that reads garbage shows some
   * other "bug" than the one being reduced, so the reducer leaves it alone.
   */
  readonly memory: boolean;
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

  const pointers = pointerNames(chunk);
  const expression = (node: Expression, role: ExpressionRole, depth: number, inMemory = false): void => {
    // An FFI call itself (ffi.new(…), ffi.cast(…)) is memory too: replaced by
    // one of its arguments it would hand out a pointer to something else.
    const memory = inMemory || isPointerArithmetic(node, pointers) || isFfiCall(node);
    expressions.push({ node, role, memory });
    switch (node.type) {
      case "BinaryExpression":
      case "LogicalExpression":
        expression(node.left, "operand", depth, memory);
        expression(node.right, "operand", depth, memory);
        break;
      case "UnaryExpression":
        expression(node.argument, "operand", depth, memory);
        break;
      case "MemberExpression":
        expression(node.base, "value", depth, memory);
        break;
      case "IndexExpression":
        expression(node.base, "value", depth, memory);
        expression(node.index, "value", depth, true);
        break;
      case "CallExpression":
        expression(node.base, "value", depth, memory);
        for (const a of node.arguments) expression(a, "value", depth, memory || isFfiCall(node));
        break;
      case "TableCallExpression":
        expression(node.base, "value", depth, memory);
        expression(node.arguments, "value", depth, memory || isFfiCall(node));
        break;
      case "StringCallExpression":
        expression(node.base, "value", depth, memory);
        expression(node.argument, "value", depth, memory || isFfiCall(node));
        break;
      case "TableConstructorExpression":
        for (const field of node.fields) {
          if (field.type === "TableKey") expression(field.key, "value", depth, memory);
          expression(field.value, "value", depth, memory);
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
      expression(node.index, "value", depth, true);
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
        // The start is where indexing begins; the end only shortens the loop.
        expression(node.start, "value", depth, true);
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

/** A call of ffi.something (ffi.new, ffi.cast, ffi.typeof, …). */
function isFfiCall(node: Expression): boolean {
  if (node.type !== "CallExpression" && node.type !== "StringCallExpression" && node.type !== "TableCallExpression")
    return false;
  const base = node.base;
  return base.type === "MemberExpression" && base.base.type === "Identifier" && base.base.name === "ffi";
}

/** Does the expression mention an FFI call (ffi.cast(…) + 8, say)? */
function mentionsFfi(node: Expression | null | undefined): boolean {
  if (!node) return false;
  if (isFfiCall(node)) return true;
  if (node.type === "BinaryExpression" || node.type === "LogicalExpression")
    return mentionsFfi(node.left) || mentionsFfi(node.right);
  if (node.type === "UnaryExpression") return mentionsFfi(node.argument);
  return false;
}

/** Names bound to FFI values (`local p = ffi.cast(…)`): arithmetic on them is pointer arithmetic. */
function pointerNames(chunk: Chunk): Set<string> {
  const names = new Set<string>();
  const visit = (body: readonly Statement[]): void => {
    for (const s of body) {
      if (s.type === "LocalStatement" || s.type === "AssignmentStatement") {
        s.variables.forEach((v, i) => {
          if (v.type === "Identifier" && mentionsFfi(s.init[i])) names.add(v.name);
        });
      }
      if ("body" in s && Array.isArray(s.body)) visit(s.body as Statement[]);
      if (s.type === "IfStatement") for (const c of s.clauses) visit(c.body);
    }
  };
  visit(chunk.body);
  return names;
}

/** `p + k`, `p - k`, `ffi.cast(…) + k`: moving k moves the pointer. */
function isPointerArithmetic(node: Expression, pointers: ReadonlySet<string>): boolean {
  if (node.type !== "BinaryExpression" || (node.operator !== "+" && node.operator !== "-")) return false;
  const isPointer = (e: Expression): boolean => (e.type === "Identifier" && pointers.has(e.name)) || isFfiCall(e);
  return isPointer(node.left) || isPointer(node.right);
}
