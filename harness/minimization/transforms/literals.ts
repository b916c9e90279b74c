// Literals toward the simplest value that still shows the bug: numbers toward
// 0, 1 and fewer digits, strings toward "" and shorter; and numeric `for`
// bounds down by tenths (`1, 1000` → `1, 100` → `1, 10`), since a trace needs
// only a few iterations to get hot and a reader wants the smallest count.
import type { Expression, NumericLiteral, StringLiteral } from "luaparse";
import { rangeOf } from "../../lua/index.ts";
import { isSmaller } from "../size.ts";
import { type LuaCandidate, type LuaContext, quote, type TransformKind } from "./candidate.ts";

export function simplifyLiterals(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  context.outline.expressions.forEach(({ node, memory }, site) => {
    if (memory) return;
    let texts: string[] = [];
    if (node.type === "NumericLiteral") texts = smallerNumbers(node);
    else if (node.type === "StringLiteral") texts = shorterStrings(node);
    else return;
    pushReplacements(out, context, "literals", site, node, texts);
  });
  return out;
}

export function reduceForBounds(context: LuaContext): LuaCandidate[] {
  const out: LuaCandidate[] = [];
  context.outline.statements.forEach((statement, site) => {
    if (statement.type !== "ForNumericStatement") return;
    const bound = statement.end;
    const texts =
      bound.type === "NumericLiteral"
        ? [1, 2, 3, tenth(bound.value), Math.trunc(bound.value / 2)]
            .filter((v) => v > 0 && v < bound.value)
            .map((v) => withSuffix(v, bound.raw))
        : ["1", "2", "3", "10", "100"]; // a computed bound (`#t`, `n`) as a small constant
    pushReplacements(out, context, "for-bounds", site, bound, texts);
  });
  return out;
}

function pushReplacements(
  out: LuaCandidate[],
  context: LuaContext,
  kind: TransformKind,
  site: number,
  node: Expression,
  texts: readonly string[],
): void {
  const [start, end] = rangeOf(node);
  const before = context.text(node);
  for (const text of new Set(texts)) {
    if (!isSmaller(text, before)) continue;
    out.push({
      kind,
      site,
      what: `${quote(before)} → ${quote(text)} at line ${context.lineOf(start)}`,
      splices: [{ start, end, text }],
    });
  }
}

/** 0, 1, a tenth, a half, the integer part; with LuaJIT's suffix kept (`LL`, `ULL`, `i`). */
function smallerNumbers(node: NumericLiteral): string[] {
  const v = Math.abs(node.value);
  const values = [0, 1, tenth(v), Math.trunc(v / 2), Math.trunc(v)].filter((x) => Number.isFinite(x) && x < v);
  return values.map((x) => withSuffix(x, node.raw));
}

function tenth(value: number): number {
  return Math.trunc(value / 10);
}

function withSuffix(value: number, raw: string): string {
  const suffix = /(?:ULL|LL|i)$/i.exec(raw)?.[0] ?? "";
  return `${value}${suffix}`;
}

/** "" and the first half of the contents, in the literal's own quotes. */
function shorterStrings(node: StringLiteral): string[] {
  const { raw } = node;
  const long = /^\[(=*)\[/.exec(raw);
  if (long) {
    const open = long[0];
    const close = `]${long[1]}]`;
    const inner = raw.slice(open.length, raw.length - close.length);
    return ['""', `${open}${inner.slice(0, Math.floor(inner.length / 2))}${close}`];
  }
  const quoteChar = raw[0]!;
  const inner = raw.slice(1, -1);
  // Halving through an escape could cut it in two; only plain contents.
  const half = inner.includes("\\") ? [] : [`${quoteChar}${inner.slice(0, Math.floor(inner.length / 2))}${quoteChar}`];
  return ['""', ...half];
}
