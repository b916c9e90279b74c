// Lua source → candidate sources, by transformation, in the order one round
// of the reduction tries them: comments; locals removed with every
// statement that mentions them; statements removed, outer blocks first, in
// ddmin chunks halving down to single statements, then one level in;
// declarations cut down to their calls; unused C declarations and struct
// fields out of FFI strings; functions called once and locals read once (or
// bound to a constant) inlined; constants folded; blocks unwrapped; if
// branches dropped; loops merged and their bounds cut; expressions and
// literals simplified; call arguments, table fields and parameters dropped;
// whitespace tidied. Then, as C-Reduce does after its tree passes, lines and
// tokens. Pure: everything here is a function of the source text.

import { tryParseLua } from "../lua/index.ts";
import type { Pass, Variant } from "./ddmin.ts";
import { applySplices } from "./splice.ts";
import { tidy } from "./tidy.ts";
import { inlineExpressionFunctions, inlineFunctions, inlineLocals, removeDeadBindings } from "./transforms/bindings.ts";
import { removeClauses, unwrapBlocks } from "./transforms/blocks.ts";
import { unwrapCallArguments } from "./transforms/calls.ts";
import { type LuaCandidate, type LuaContext, luaContext } from "./transforms/candidate.ts";
import { reduceCDeclarations } from "./transforms/cdef.ts";
import { removeComments } from "./transforms/comments.ts";
import { keepCallsOnly } from "./transforms/declarations.ts";
import { simplifyExpressions } from "./transforms/expressions.ts";
import { foldConstants } from "./transforms/fold.ts";
import { dropArguments, dropFields, dropParameters } from "./transforms/lists.ts";
import { reduceForBounds, simplifyLiterals } from "./transforms/literals.ts";
import { mergeLoops } from "./transforms/loops.ts";
import { chunkSizes, longestBlockByDepth, removeStatementChunks } from "./transforms/statements.ts";
import { lineChunkSizes, removeLines, removeTokens } from "./transforms/text-level.ts";
import { tidyWhitespace } from "./transforms/whitespace.ts";

/**
 * The passes in tiers, coarse to fine: those that change the program's
 * structure (statements, declarations, inlining, blocks, loops), those that
 * simplify what is left (expressions, literals, lists), those over lines
 * and tokens. The reducer adds a tier once the tiers before it reach their
 * fixpoint, as C-Reduce orders its passes: the finer ones are many, and
 * cost little once the coarse ones are done.
 */
export const PASS_TIERS = ["structure", "expressions", "text"] as const;
export type PassTier = (typeof PASS_TIERS)[number];

export interface PlanOptions {
  /**
   * The candidates are held to the memory rule (sanitizer/): expressions
   * that shape memory (sizes, indices, casts, pointer arithmetic) may change
   * too. Otherwise they stay, or the reduction could slide into reading
   * LuaJIT's own heap.
   */
  readonly memoryGuarded: boolean;
  /** Which passes: one tier, or all. */
  readonly passes: PassTier | "all";
}

const UNGUARDED: PlanOptions = { memoryGuarded: false, passes: "all" };

/** One kind of transformation, as a function of the parsed source. */
export interface LuaPass {
  readonly name: string;
  candidates(context: LuaContext): LuaCandidate[];
}

/** The passes of one round, planned from the source the round starts with. */
export function planRound(source: string, options: PlanOptions = UNGUARDED): LuaPass[] {
  const context = contextOf(source, options);
  if (context === null) return [];
  const statementPasses = longestBlockByDepth(context.outline).flatMap((longest, depth) =>
    chunkSizes(longest).map(
      (size): LuaPass => ({
        name: `statements (depth ${depth}, ${size === 1 ? "one by one" : `chunks of ${size}`})`,
        candidates: (c) => removeStatementChunks(c, depth, size),
      }),
    ),
  );
  const linePasses = lineChunkSizes(source.split("\n").length).map(
    (size): LuaPass => ({
      name: `lines (${size === 1 ? "one by one" : `chunks of ${size}`})`,
      candidates: (c) => removeLines(c, size),
    }),
  );
  const textPasses: LuaPass[] = [
    ...linePasses,
    { name: "tokens (one by one)", candidates: (c) => removeTokens(c, 1) },
    { name: "tokens (pairs)", candidates: (c) => removeTokens(c, 2) },
  ];
  const tiers: Record<PassTier, LuaPass[]> = { structure: [], expressions: [], text: textPasses };
  tiers.structure = [
    { name: "comments", candidates: removeComments },
    { name: "dead locals", candidates: removeDeadBindings },
    ...statementPasses,
    { name: "declarations", candidates: keepCallsOnly },
    { name: "C declarations", candidates: reduceCDeclarations },
    { name: "calls in calls", candidates: unwrapCallArguments },
    { name: "inline functions", candidates: inlineFunctions },
    { name: "inline function values", candidates: inlineExpressionFunctions },
    { name: "inline locals", candidates: inlineLocals },
    { name: "fold constants", candidates: foldConstants },
    { name: "unwrap blocks", candidates: unwrapBlocks },
    { name: "if branches", candidates: removeClauses },
    { name: "merge loops", candidates: mergeLoops },
    { name: "for bounds", candidates: reduceForBounds },
    { name: "call arguments", candidates: dropArguments },
    { name: "table fields", candidates: dropFields },
    { name: "parameters", candidates: dropParameters },
  ];
  tiers.expressions = [
    { name: "expressions", candidates: simplifyExpressions },
    { name: "literals", candidates: simplifyLiterals },
    { name: "whitespace", candidates: tidyWhitespace },
  ];
  return options.passes === "all" ? PASS_TIERS.flatMap((tier) => tiers[tier]) : tiers[options.passes];
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
export function candidateSources(source: string, pass: LuaPass, options: PlanOptions = UNGUARDED): string[] {
  const context = contextOf(source, options);
  if (context === null) return [];
  return pass.candidates(context).flatMap((c) => buildCandidate(source, c) ?? []);
}

/** The Lua passes as the search takes them. */
export function luaSearchPlan(source: string, options: PlanOptions = UNGUARDED): Pass[] {
  return planRound(source, options).map((pass) => ({
    name: pass.name,
    variants: (current: string): Variant[] => {
      const context = contextOf(current, options);
      if (context === null) return [];
      return pass
        .candidates(context)
        .map((candidate) => ({ site: candidate.site, build: () => buildCandidate(current, candidate) }));
    },
  }));
}

// Each pass looks at the same source many times in a row; parse it once.
let lastContext: { source: string; guarded: boolean; context: LuaContext | null } | null = null;

function contextOf(source: string, options: PlanOptions): LuaContext | null {
  if (lastContext?.source !== source || lastContext.guarded !== options.memoryGuarded) {
    const parsed = tryParseLua(source);
    const context = parsed === null ? null : luaContext(parsed);
    lastContext = { source, guarded: options.memoryGuarded, context: context && guarded(context, options) };
  }
  return lastContext.context;
}

/** With memory guarded, no expression is off limits for being memory. */
function guarded(context: LuaContext, options: PlanOptions): LuaContext {
  if (!options.memoryGuarded) return context;
  const expressions = context.outline.expressions.map((e) => ({ ...e, memory: false }));
  return { ...context, outline: { ...context.outline, expressions } };
}
