// Comma lists: drop one argument of a call, one field of a table constructor,
// one parameter of a function, with the separator that went with it.
import type { FunctionDeclaration, Node } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import { cut, type Splice, skipWhitespace } from "../splice.ts";
import { type LuaCandidate, type LuaContext, quote, type TransformKind } from "./candidate.ts";

export function dropArguments(context: LuaContext): LuaCandidate[] {
  // An FFI call's arguments (type, size, initializers) shape memory: keep them.
  const lists = context.outline.expressions.flatMap(({ node, memory }) =>
    node.type === "CallExpression" && !memory && !isFfiCallNode(node) ? [node.arguments] : [],
  );
  return dropItems(context, "arguments", lists);
}

export function dropFields(context: LuaContext): LuaCandidate[] {
  const lists = context.outline.expressions.flatMap(({ node }) =>
    node.type === "TableConstructorExpression" ? [node.fields] : [],
  );
  return dropItems(context, "fields", lists);
}

export function dropParameters(context: LuaContext): LuaCandidate[] {
  const functions: FunctionDeclaration[] = [
    ...context.outline.statements.filter((s): s is FunctionDeclaration => s.type === "FunctionDeclaration"),
    ...context.outline.expressions.flatMap(({ node }) => (node.type === "FunctionDeclaration" ? [node] : [])),
  ].sort((a, b) => rangeOf(a)[0] - rangeOf(b)[0]);
  return dropItems(
    context,
    "parameters",
    functions.map((f) => f.parameters),
  );
}

function isFfiCallNode(node: { base: Node }): boolean {
  const base = node.base;
  return base.type === "MemberExpression" && base.base.type === "Identifier" && base.base.name === "ffi";
}

function dropItems(context: LuaContext, kind: TransformKind, lists: ReadonlyArray<readonly Node[]>): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  lists.forEach((items, site) => {
    items.forEach((item, i) => {
      out.push({
        kind,
        site,
        what: `drop ${ITEM[kind] ?? "item"} ${quote(context.text(item))} at line ${context.lineOf(rangeOf(item)[0])}`,
        splices: [dropItem(context.parsed.source, items, i)],
      });
    });
  });
  return out;
}

const ITEM: Partial<Record<TransformKind, string>> = {
  arguments: "argument",
  fields: "field",
  parameters: "parameter",
};

/**
 * Item i and one separator: the one after it (`a, b` → `b`), or for the
 * last item the one before it (`a, b` → `a`); a lone item takes a trailing
 * separator with it (`{ x, }` → `{  }`).
 */
export function dropItem(source: string, items: readonly Node[], i: number): Splice {
  const [start, end] = rangeOf(items[i]!);
  const next = items[i + 1];
  if (next) return cut(start, rangeOf(next)[0]);
  const previous = items[i - 1];
  if (previous) return cut(rangeOf(previous)[1], end);
  const after = skipWhitespace(source, end);
  return cut(start, source[after] === "," || source[after] === ";" ? after + 1 : end);
}
