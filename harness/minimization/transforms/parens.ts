// luaparse leaves grouping parentheses out of a node's range: in
// `x * (a + b)` the node `a + b` starts after the '('. A replacement of such a
// node should take its parentheses with it (`x * (a + b)` → `x * a`, not
// `x * (a)`), but a call's own parentheses (`f(a + b)`) must stay.
import { skipWhitespace } from "../splice.ts";

const KEYWORDS = new Set([
  "and",
  "break",
  "do",
  "else",
  "elseif",
  "end",
  "false",
  "for",
  "function",
  "goto",
  "if",
  "in",
  "local",
  "nil",
  "not",
  "or",
  "repeat",
  "return",
  "then",
  "true",
  "until",
  "while",
]);

/** The range with its grouping parentheses, when [start, end) is directly inside a pair that is not a call's. */
export function withGroupingParens(source: string, start: number, end: number): readonly [number, number] | null {
  const open = skipBack(source, start);
  const close = skipWhitespace(source, end);
  if (source[open - 1] !== "(" || source[close] !== ")") return null;
  if (isCallBefore(source, open - 1)) return null;
  return [open - 1, close + 1];
}

/** Whether the '(' at `paren` opens a call's arguments: it follows a name (not a keyword), `)`, `]`, `}` or a string. */
function isCallBefore(source: string, paren: number): boolean {
  const before = skipBack(source, paren);
  const last = source[before - 1];
  if (last === undefined) return false;
  if (last === ")" || last === "]" || last === "}" || last === '"' || last === "'") return true;
  if (!/[A-Za-z0-9_]/.test(last)) return false;
  let wordStart = before - 1;
  while (wordStart > 0 && /[A-Za-z0-9_]/.test(source[wordStart - 1]!)) wordStart--;
  return !KEYWORDS.has(source.slice(wordStart, before));
}

function skipBack(source: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(source[i - 1]!)) i--;
  return i;
}
