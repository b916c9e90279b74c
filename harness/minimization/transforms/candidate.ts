// What every transformation produces: a candidate is a few splices of the
// current source, tagged with the site it changes. Transformations are pure
// functions of the parsed source; they never run anything.
import type { Node, Statement } from "luaparse";
import { type LuaOutline, outline, type ParsedLua, positionsOf, rangeOf } from "../../lua/index.ts";
import { type Splice, skipWhitespace } from "../splice.ts";

export type TransformKind =
  | "comments"
  | "statements"
  | "declarations"
  | "unwrap"
  | "clauses"
  | "for-bounds"
  | "expressions"
  | "literals"
  | "arguments"
  | "fields"
  | "parameters"
  | "whitespace"
  | "bindings"
  | "cdef"
  | "fold"
  | "loops"
  | "lines"
  | "tokens"
  | "calls";

export interface LuaCandidate {
  readonly kind: TransformKind;
  /**
   * The site this candidate changes, numbered in document order within its
   * transformation. Several candidates of one site (ways to simplify one
   * expression) share it; after one is accepted the search resumes at the
   * same site in the new source, so nothing before it is tried again.
   */
  readonly site: number;
  /** For people and tests: "remove lines 3-7", "simplify 'a + b' at line 4 to 'a'". */
  readonly what: string;
  readonly splices: readonly Splice[];
}

/** The parsed source and what transformations look things up in. */
export interface LuaContext {
  readonly parsed: ParsedLua;
  readonly outline: LuaOutline;
  /** 1-based line of an offset. */
  lineOf(offset: number): number;
  /** The text of a node. */
  text(node: Node): string;
}

export function luaContext(parsed: ParsedLua): LuaContext {
  const { source } = parsed;
  const positionOf = positionsOf(source);
  return {
    parsed,
    outline: outline(parsed.chunk),
    lineOf: (offset) => positionOf(offset).line,
    text(node) {
      const [start, end] = rangeOf(node);
      return source.slice(start, end);
    },
  };
}

/**
 * Where a statement really ends: luaparse's range stops before an optional
 * ';', which would be left alone as an empty statement luaparse rejects.
 */
export function statementEnd(source: string, node: Statement): number {
  const end = rangeOf(node)[1];
  const next = skipWhitespace(source, end);
  return source[next] === ";" ? next + 1 : end;
}

/** "line 4" or "lines 4-9". */
export function linesText(context: LuaContext, start: number, end: number): string {
  const first = context.lineOf(start);
  const last = context.lineOf(Math.max(start, end - 1));
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/** Short, one-line quotation of code for descriptions. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return `'${flat.length > 40 ? `${flat.slice(0, 37)}...` : flat}'`;
}
