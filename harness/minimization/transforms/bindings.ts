// Passes over locals, by what they are bound to and where they are read
// (../../lua/lua-scope.ts). Like C-Reduce's, they need not keep the
// program's meaning: the test decides; they only propose what usually works.
//   - dead bindings: a local and every statement that mentions it, at once
//     (a table nobody reads, with all its stores; a helper with its calls);
//   - inlined locals: a local read once takes its value's place, and one
//     bound to a constant or another name is replaced everywhere
//     (constant and copy propagation);
//   - inlined functions: a local function called once, as a statement or as
//     a local's value, becomes a block at the call.
import type { Expression, FunctionDeclaration, Identifier, LocalStatement, Node, Statement } from "luaparse";
import { type Binding, rangeOf, resolveScopes, type Scopes, walkNodes } from "../../lua/index.ts";
import { cut, type Splice } from "../splice.ts";
import { type LuaCandidate, type LuaContext, quote, statementEnd } from "./candidate.ts";

/** The resolver's answer per parsed source: several passes ask for the same one. */
const scopeCache = new WeakMap<object, Scopes>();

function scopesOf(context: LuaContext): Scopes {
  let scopes = scopeCache.get(context.parsed);
  if (!scopes) {
    scopes = resolveScopes(context.parsed.chunk);
    scopeCache.set(context.parsed, scopes);
  }
  return scopes;
}

/** The innermost statement around an offset. */
function statementAround(context: LuaContext, offset: number): Statement | null {
  let found: Statement | null = null;
  for (const s of context.outline.statements) {
    const [start, end] = rangeOf(s);
    if (start <= offset && offset < end) found = s;
  }
  return found;
}

/** Cuts of whole statements, outer ones swallowing those inside them. */
function statementCuts(context: LuaContext, statements: readonly Statement[]): Splice[] {
  const { source } = context.parsed;
  const ranges = [...new Set(statements)]
    .map((s): [number, number] => [rangeOf(s)[0], statementEnd(source, s)])
    .sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Splice[] = [];
  let reach = -1;
  for (const [start, end] of ranges) {
    if (start < reach) continue;
    out.push(cut(start, end));
    reach = end;
  }
  return out;
}

export function removeDeadBindings(context: LuaContext): LuaCandidate[] {
  const scopes = scopesOf(context);
  const out: LuaCandidate[] = [];
  scopes.bindings.forEach((b, site) => {
    if (b.kind !== "local" && b.kind !== "function") return;
    const owner = b.owner as Statement;
    const mentions = [...b.reads, ...b.writes].flatMap((id) => statementAround(context, rangeOf(id)[0]) ?? []);
    if (mentions.length === 0) return; // removing the declaration alone is the statement pass's
    out.push({
      kind: "bindings",
      site,
      what: `remove '${b.name}' and the ${mentions.length} statements that mention it`,
      splices: statementCuts(context, [owner, ...mentions]),
    });
  });
  return out;
}

/** `e` as it can stand anywhere: parenthesized unless it is an atom. */
function asOperand(context: LuaContext, node: Expression): string {
  const text = context.text(node);
  const atom = [
    "Identifier",
    "NumericLiteral",
    "StringLiteral",
    "BooleanLiteral",
    "NilLiteral",
    "MemberExpression",
    "IndexExpression",
    "CallExpression",
    "StringCallExpression",
    "TableCallExpression",
  ].includes(node.type);
  return atom ? text : `(${text})`;
}

/** The one value of a one-name local statement, or null. */
function singleValue(b: Binding): Expression | null {
  const owner = b.owner;
  if (b.kind !== "local" || owner.type !== "LocalStatement") return null;
  const local = owner as LocalStatement;
  if (local.variables.length !== 1 || local.init.length !== 1) return null;
  return local.init[0]!;
}

function isConstant(node: Expression): boolean {
  if (["NumericLiteral", "StringLiteral", "BooleanLiteral", "NilLiteral", "Identifier"].includes(node.type))
    return true;
  return node.type === "UnaryExpression" && node.operator === "-" && node.argument.type === "NumericLiteral";
}

export function inlineLocals(context: LuaContext): LuaCandidate[] {
  const scopes = scopesOf(context);
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  scopes.bindings.forEach((b, site) => {
    const value = singleValue(b);
    if (value === null || b.writes.length > 0 || b.reads.length === 0) return;
    if (b.reads.length > 1 && !isConstant(value)) return;
    const text = asOperand(context, value);
    const owner = b.owner as Statement;
    out.push({
      kind: "bindings",
      site,
      what: `put ${quote(context.text(value))} in place of '${b.name}' (${b.reads.length} reads)`,
      splices: [
        cut(rangeOf(owner)[0], statementEnd(source, owner)),
        ...b.reads.map((id) => ({ start: rangeOf(id)[0], end: rangeOf(id)[1], text })),
      ],
    });
  });
  return out;
}

/** Return statements of a function body, not those of functions inside it. */
function ownReturns(body: readonly Statement[]): Node[] {
  const out: Node[] = [];
  for (const s of body)
    walkNodes(s, (node) => {
      if (node.type === "ReturnStatement") out.push(node);
    });
  // Returns inside nested functions do not count: drop those under a function expression or declaration.
  const nested: Array<readonly [number, number]> = [];
  for (const s of body)
    walkNodes(s, (node) => {
      if (node.type === "FunctionDeclaration") nested.push(rangeOf(node));
    });
  return out.filter((r) => !nested.some(([a, z]) => rangeOf(r)[0] > a && rangeOf(r)[1] <= z));
}

export function inlineFunctions(context: LuaContext): LuaCandidate[] {
  const scopes = scopesOf(context);
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  scopes.bindings.forEach((b, site) => {
    const fn = functionOf(b);
    if (fn === null || b.writes.length > 0 || b.reads.length !== 1) return;
    const [read] = b.reads as [Identifier];
    const [fnStart, fnEnd] = rangeOf(fn);
    if (rangeOf(read)[0] >= fnStart && rangeOf(read)[1] <= fnEnd) return; // recursive
    if (fn.parameters.some((p) => p.type !== "Identifier")) return; // varargs
    const call = callStatementOrLocal(context, read);
    if (call === null) return;
    const returns = ownReturns(fn.body);
    const last = fn.body[fn.body.length - 1];
    const lastReturn = last?.type === "ReturnStatement" ? last : null;
    if (returns.some((r) => r !== lastReturn)) return;
    const body = fn.body.filter((s) => s !== lastReturn);
    const bodyText =
      body.length === 0 ? "" : source.slice(rangeOf(body[0]!)[0], statementEnd(source, body[body.length - 1]!));
    const names = fn.parameters.map((p) => (p as Identifier).name).join(", ");
    const args = call.arguments.map((a) => context.text(a)).join(", ");
    const params = names === "" ? "" : args === "" ? `local ${names} ` : `local ${names} = ${args} `;
    let text: string;
    if (call.assigned === null) text = `do ${params}${bodyText} end`;
    else {
      const result = lastReturn?.arguments[0];
      text = `local ${call.assigned} do ${params}${bodyText}${result ? ` ${call.assigned} = ${context.text(result)}` : ""} end`;
    }
    const declaration = b.owner as Statement;
    out.push({
      kind: "bindings",
      site,
      what: `inline the function '${b.name}' at its call`,
      splices: [
        cut(rangeOf(declaration)[0], statementEnd(source, declaration)),
        { start: rangeOf(call.statement)[0], end: statementEnd(source, call.statement), text },
      ],
    });
  });
  return out;
}

function functionOf(b: Binding): FunctionDeclaration | null {
  if (b.kind === "function" && b.owner.type === "FunctionDeclaration") return b.owner;
  const value = singleValue(b);
  return value?.type === "FunctionDeclaration" ? value : null;
}

interface CallSite {
  readonly statement: Statement;
  readonly arguments: readonly Expression[];
  /** The local the call's value goes to (`local v = f(…)`), or null for a call statement. */
  readonly assigned: string | null;
}

/** The call whose callee is `read`, when it is a whole statement or a one-name local's value. */
function callStatementOrLocal(context: LuaContext, read: Identifier): CallSite | null {
  const statement = statementAround(context, rangeOf(read)[0]);
  if (statement === null) return null;
  if (statement.type === "CallStatement") {
    const call = statement.expression;
    if (call.type === "CallExpression" && call.base === read)
      return { statement, arguments: call.arguments, assigned: null };
  }
  if (statement.type === "LocalStatement" && statement.variables.length === 1 && statement.init.length === 1) {
    const call = statement.init[0]!;
    if (call.type === "CallExpression" && call.base === read)
      return { statement, arguments: call.arguments, assigned: statement.variables[0]!.name };
  }
  return null;
}
