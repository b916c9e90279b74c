// A piece of the workflow as the parser left it (literals, and `${{ }}` already
// turned into expressions, a string with several into format(…)), evaluated
// into plain values in a scope.
import { isBasicExpression, isBoolean, isMapping, isNumber, isSequence, isString } from "@actions/workflow-parser";
import type { BasicExpressionToken } from "@actions/workflow-parser/templates/tokens/basic-expression-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { parse } from "yaml";
import { evaluate, type Scope } from "./expressions.ts";
import { asString, type Value } from "./value.ts";

/**
 * A string with `${{ }}` inside, evaluated the way the runner does it: each
 * expression in the string's YAML value replaced by its result. The parser's
 * own format(…) is built for an editor, from the raw source lines (a block
 * scalar keeps its indentation there), and its lexer unescapes only the first
 * '' of a literal (0.3.61): a script with two quotes would come out wrong.
 */
function interpolate(token: BasicExpressionToken, scope: Scope): string {
  const source = token.source ?? "";
  const document = token.blockScalarHeader ? `v: ${token.blockScalarHeader}\n${source}` : `v: ${source}`;
  const text = String((parse(document) as { v: unknown }).v);
  let out = "";
  let i = 0;
  for (let open = text.indexOf("${{"); open >= 0; open = text.indexOf("${{", i)) {
    out += text.slice(i, open);
    let inString = false;
    let close = open + 3;
    for (; close < text.length; close++) {
      if (text[close] === "'") inString = !inString;
      else if (!inString && text[close] === "}" && text[close - 1] === "}") break;
    }
    out += asString(evaluate(text.slice(open + 3, close - 1).trim(), scope));
    i = close + 1;
  }
  return out + text.slice(i);
}

export function evaluateToken(token: TemplateToken, scope: Scope): Value {
  if (isString(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isBasicExpression(token))
    return token.originalExpressions !== undefined && token.source !== undefined
      ? interpolate(token, scope)
      : evaluate(token.expression, scope);
  if (isSequence(token)) return [...token].map((item) => evaluateToken(item, scope));
  if (isMapping(token)) {
    const out: Record<string, Value> = {};
    for (const { key, value } of token) out[asString(evaluateToken(key, scope))] = evaluateToken(value, scope);
    return out;
  }
  return null;
}

/** A mapping of strings (env, with): each value as a string, as a runner passes it. */
export function evaluateStrings(token: TemplateToken | undefined, scope: Scope): Record<string, string> {
  if (token === undefined) return {};
  const value = evaluateToken(token, scope);
  const out: Record<string, string> = {};
  if (typeof value === "object" && value !== null && !Array.isArray(value))
    for (const [key, item] of Object.entries(value)) out[key] = asString(item as Value);
  return out;
}
