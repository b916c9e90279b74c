// Lua source → candidate sources, by transformation, in the order one round
// of the reduction tries them: comments; statements removed, outer blocks
// first, in ddmin chunks halving down to single statements, then one level
// in; declarations cut down to their calls; blocks unwrapped; if branches
// dropped; for bounds lowered; expressions and literals simplified; call
// arguments, table fields and parameters dropped; whitespace tidied. Pure:
// everything here is a function of the source text.

import { tryParseLua } from "../lua/index.ts";
import type { Pass, Variant } from "./ddmin.ts";
import { applySplices } from "./splice.ts";
import { tidy } from "./tidy.ts";
import { removeClauses, unwrapBlocks } from "./transforms/blocks.ts";
import { type LuaCandidate, type LuaContext, luaContext } from "./transforms/candidate.ts";
import { removeComments } from "./transforms/comments.ts";
import { keepCallsOnly } from "./transforms/declarations.ts";
import { simplifyExpressions } from "./transforms/expressions.ts";
import { dropArguments, dropFields, dropParameters } from "./transforms/lists.ts";
import { reduceForBounds, simplifyLiterals } from "./transforms/literals.ts";
import { chunkSizes, longestBlockByDepth, removeStatementChunks } from "./transforms/statements.ts";
import { tidyWhitespace } from "./transforms/whitespace.ts";

/** One kind of transformation, as a function of the parsed source. */
export interface LuaPass {
  readonly name: string;
  candidates(context: LuaContext): LuaCandidate[];
}

/** The passes of one round, planned from the source the round starts with. */
export function planRound(source: string): LuaPass[] {
  const context = contextOf(source);
  if (context === null) return [];
  const statementPasses = longestBlockByDepth(context.outline).flatMap((longest, depth) =>
    chunkSizes(longest).map(
      (size): LuaPass => ({
        name: `statements (depth ${depth}, ${size === 1 ? "one by one" : `chunks of ${size}`})`,
        candidates: (c) => removeStatementChunks(c, depth, size),
      }),
    ),
  );
  return [
    { name: "comments", candidates: removeComments },
    ...statementPasses,
    { name: "declarations", candidates: keepCallsOnly },
    { name: "unwrap blocks", candidates: unwrapBlocks },
    { name: "if branches", candidates: removeClauses },
    { name: "for bounds", candidates: reduceForBounds },
    { name: "expressions", candidates: simplifyExpressions },
    { name: "literals", candidates: simplifyLiterals },
    { name: "call arguments", candidates: dropArguments },
    { name: "table fields", candidates: dropFields },
    { name: "parameters", candidates: dropParameters },
    { name: "whitespace", candidates: tidyWhitespace },
  ];
}

/**
 * A candidate's text, tidied (see ./tidy.ts), or null when it does not parse:
 * such a candidate is never run.
 */
export function buildCandidate(source: string, candidate: LuaCandidate): string | null {
  const text = applySplices(source, candidate.splices);
  const parsed = tryParseLua(text);
  return parsed === null ? null : tidy(text, parsed.verbatim);
}

/** Every candidate of a pass that parses, as source text (for tests and debugging). */
export function candidateSources(source: string, pass: LuaPass): string[] {
  const context = contextOf(source);
  if (context === null) return [];
  return pass.candidates(context).flatMap((c) => buildCandidate(source, c) ?? []);
}

/** The Lua passes as the search takes them. */
export function luaSearchPlan(source: string): Pass[] {
  return planRound(source).map((pass) => ({
    name: pass.name,
    variants: (current: string): Variant[] => {
      const context = contextOf(current);
      if (context === null) return [];
      return pass
        .candidates(context)
        .map((candidate) => ({ site: candidate.site, build: () => buildCandidate(current, candidate) }));
    },
  }));
}

// Each pass looks at the same source many times in a row; parse it once.
let lastContext: { source: string; context: LuaContext | null } | null = null;

function contextOf(source: string): LuaContext | null {
  if (lastContext?.source !== source) {
    const parsed = tryParseLua(source);
    lastContext = { source, context: parsed === null ? null : luaContext(parsed) };
  }
  return lastContext.context;
}
