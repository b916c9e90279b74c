// Lua source as the reducer sees it: parsed by luaparse in LuaJIT mode with
// character ranges, so every candidate is a splice of the original text and
// untouched code keeps its formatting. Sources are handled as "binary"
// strings (one char per byte, see ./lua-file.ts), so ranges are byte offsets
// and string literals with any bytes survive a round trip.

import type { Chunk, Node, StringLiteral } from "luaparse";
import luaparse from "luaparse";

/** [start, end) in the source text. */
export type Range = readonly [number, number];

export interface ParsedLua {
  readonly source: string;
  readonly chunk: Chunk;
  /** String literals and comments: text that tidying must not touch. */
  readonly verbatim: readonly Range[];
}

/** A luaparse error: where and what, in one line. */
export class LuaParseError extends Error {
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = "LuaParseError";
    this.line = line;
    this.column = column;
  }
}

/** luaparse's nodes carry `range` when asked to; its types do not say so. */
export function rangeOf(node: Node): Range {
  const range = (node as { range?: [number, number] }).range;
  if (range === undefined) throw new Error(`luaparse gave no range for a ${node.type}`);
  return range;
}

/** Parses LuaJIT source; throws LuaParseError. */
export function parseLua(source: string): ParsedLua {
  const verbatim: Range[] = [];
  let chunk: Chunk;
  try {
    chunk = luaparse.parse(maskShebang(source), {
      luaVersion: "LuaJIT",
      ranges: true,
      comments: true,
      encodingMode: "none",
      onCreateNode: (node: Node) => {
        if (node.type === "StringLiteral") verbatim.push(rangeOf(node as StringLiteral));
      },
    });
  } catch (error) {
    if (error instanceof SyntaxError) {
      const { line, column } = error as SyntaxError & { line?: number; column?: number };
      // luaparse prefixes "[line:column] "; we say where in our own words.
      throw new LuaParseError(error.message.replace(/^\[\d+:\d+\]\s*/, ""), line ?? 0, column ?? 0);
    }
    throw error;
  }
  for (const comment of chunk.comments ?? []) verbatim.push(rangeOf(comment));
  return { source, chunk, verbatim };
}

/** The parse, or null when the text is not valid LuaJIT. */
export function tryParseLua(source: string): ParsedLua | null {
  try {
    return parseLua(source);
  } catch (error) {
    if (error instanceof LuaParseError) return null;
    throw error;
  }
}

/**
 * LuaJIT skips a first line starting with '#' (a shebang); luaparse does
 * not. Blank it out with spaces so ranges still index the real text.
 */
function maskShebang(source: string): string {
  if (!source.startsWith("#")) return source;
  const end = source.indexOf("\n");
  const length = end < 0 ? source.length : end;
  return " ".repeat(length) + source.slice(length);
}
