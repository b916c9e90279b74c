// Passes over locals, by what they are bound to and where they are read
// (../../lua/lua-scope.ts). Like C-Reduce's, they need not keep the
// program's meaning: the test decides; they only propose what usually works.
//   - dead bindings: a local and every statement that mentions it, at once
//     (a table nobody reads, with all its stores; a helper with its calls);
//   - inlined locals: a local read once takes its value's place, and one
//     bound to a constant or another name is replaced everywhere
//     (constant and copy propagation);
//   - inlined functions: a local function called once, as a statement or as
//     a local's value, becomes a block at the call; one whose body is a
//     single `return e` becomes `(e)` at its call, wherever that stands,
//     its parameters replaced by the arguments.
import type {
  CallExpression,
  Expression,
  FunctionDeclaration,
  Identifier,
  LocalStatement,
  Node,
  Statement,
} from "luaparse";
import { type Binding, rangeOf, resolveScopes, type Scopes, walkNodes } from "../../lua/index.ts";
import { applySplices, cut, type Splice } from "../splice.ts";
import { type LuaCandidate, type LuaContext, quote, statementEnd } from "./candidate.ts";
import { dropItem } from "./lists.ts";

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
    const local = owner.type === "LocalStatement" ? owner : null;
    if (mentions.length === 0 && local !== null && local.variables.length > 1) {
      // One name of `local a, b = x, y` that nothing reads: it goes with its value.
      const k = local.variables.indexOf(b.declaration);
      const splices = [dropItem(context.parsed.source, local.variables, k)];
      if (k < local.init.length && local.init.length === local.variables.length)
        splices.push(dropItem(context.parsed.source, local.init, k));
      out.push({ kind: "bindings", site, what: `remove the unused local '${b.name}'`, splices });
      return;
    }
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
    const once = calledOnce(b);
    if (once === null) return;
    const { fn, read } = once;
    const call = callStatementOrLocal(context, read);
    if (call === null) return;
    const returns = ownReturns(fn.body);
    const last = fn.body[fn.body.length - 1];
    const lastReturn = last?.type === "ReturnStatement" ? last : null;
    if (returns.some((r) => r !== lastReturn)) return;
    const body = fn.body.filter((s) => s !== lastReturn);
    const bodyText =
      body.length === 0 ? "" : source.slice(rangeOf(body[0]!)[0], statementEnd(source, body[body.length - 1]!));
    // Parameters nothing reads are not declared, with their arguments, unless an argument computes.
    const kept = fn.parameters.flatMap((p, k) => {
      const argument = call.arguments[k];
      const read = (scopes.bindingOf.get(p as Identifier)?.reads.length ?? 0) > 0;
      return read || (argument !== undefined && !isConstant(argument))
        ? [{ name: (p as Identifier).name, argument }]
        : [];
    });
    const names = kept.map((p) => p.name).join(", ");
    const args = kept.map((p) => (p.argument ? context.text(p.argument) : "nil")).join(", ");
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

/** A local function never assigned again, read once outside itself, without varargs: inlinable. */
function calledOnce(b: Binding): { readonly fn: FunctionDeclaration; readonly read: Identifier } | null {
  const fn = functionOf(b);
  if (fn === null || b.writes.length > 0 || b.reads.length !== 1) return null;
  const [read] = b.reads as [Identifier];
  const [start, end] = rangeOf(fn);
  if (rangeOf(read)[0] >= start && rangeOf(read)[1] <= end) return null; // recursive
  if (fn.parameters.some((p) => p.type !== "Identifier")) return null; // varargs
  return { fn, read };
}

/** `return e` as a function's whole body, or null. */
function returnedExpression(fn: FunctionDeclaration): Expression | null {
  const [only] = fn.body;
  if (fn.body.length !== 1 || only?.type !== "ReturnStatement" || only.arguments.length !== 1) return null;
  return only.arguments[0]!;
}

export function inlineExpressionFunctions(context: LuaContext): LuaCandidate[] {
  const scopes = scopesOf(context);
  const { source } = context.parsed;
  const out: LuaCandidate[] = [];
  scopes.bindings.forEach((b, site) => {
    const once = calledOnce(b);
    const returned = once && returnedExpression(once.fn);
    const call = once && callOf(context, once.read);
    if (!once || !returned || !call) return;
    const { fn } = once;
    const [from, to] = rangeOf(returned);
    // Each parameter's reads in `e` take its argument; a parameter read twice only a constant one.
    const renames: Splice[] = [];
    for (const [k, parameter] of fn.parameters.entries()) {
      const own = scopes.bindingOf.get(parameter as Identifier);
      const reads = own?.reads ?? [];
      const argument = call.arguments[k];
      if (reads.length > 1 && argument !== undefined && !isConstant(argument)) return;
      const text = argument === undefined ? "nil" : asOperand(context, argument);
      for (const id of reads) renames.push({ start: rangeOf(id)[0] - from, end: rangeOf(id)[1] - from, text });
    }
    const body = applySplices(source.slice(from, to), renames);
    const inlined = asOperand(context, returned) === context.text(returned) ? body : `(${body})`;
    const declaration = b.owner as Statement;
    out.push({
      kind: "bindings",
      site,
      what: `put the value of '${b.name}' in place of its call at line ${context.lineOf(rangeOf(call)[0])}`,
      splices: [
        cut(rangeOf(declaration)[0], statementEnd(source, declaration)),
        { start: rangeOf(call)[0], end: rangeOf(call)[1], text: inlined },
      ],
    });
  });
  return out;
}

/** The call expression whose callee is `read`, wherever it stands. */
function callOf(context: LuaContext, read: Identifier): CallExpression | null {
  let found: CallExpression | null = null;
  walkNodes(context.parsed.chunk, (node) => {
    if (node.type === "CallExpression" && node.base === read) found = node;
  });
  return found;
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
