// A finding's signature: what makes two hits the same bug. Verdict and signal
// say how it showed. Where it points: the oracle's finding and its cause, when
// the oracle placed the bug in the machine code; else, once triage has run,
// the JIT options the failure needs and the optimizations whose absence hides
// it. A thousand programs that hit one bug share one signature.

import type { FindingCause, FindingKind } from "../../oracle/trace-check/index.ts";
import { jitOptionName, type TargetResult, type Verdict } from "../execution/index.ts";

/** Where the oracle placed a bug: what is wrong with the word, and what in the backend it points at. */
export interface OraclePlace {
  readonly kind: FindingKind;
  readonly cause: FindingCause;
}

/**
 * Where a failure the oracle cannot place points: the names of the JIT
 * options it needs (without values: `hotexit=1` and `hotexit=2` point at the
 * same code), and the optimizations whose absence hides it.
 */
export interface OptionsPlace {
  readonly needed: readonly string[];
  readonly hiddenBy: readonly string[];
}

interface HowItShows {
  readonly verdict: Verdict;
  /** The JIT run's fatal signal ("SIGILL", …), or null. */
  readonly signal: string | null;
}

/** Placed by the oracle, or (once triaged) by options; never both. */
export type Signature = HowItShows &
  (
    | { readonly oracle: OraclePlace; readonly options: null }
    | { readonly oracle: null /** null until triage has run */; readonly options: OptionsPlace | null }
  );

/** The signature a run shows by itself: the oracle's first finding, if any; no triage. */
export function signatureOf(result: Pick<TargetResult, "verdict" | "signal" | "oracle">): Signature {
  const first = result.oracle.findings[0];
  const shows = { verdict: result.verdict, signal: result.signal };
  return first
    ? { ...shows, oracle: { kind: first.kind, cause: first.where }, options: null }
    : { ...shows, oracle: null, options: null };
}

/**
 * The options place of a triaged failure: the needed options' names, once
 * each and sorted, then the hiding optimizations, sorted.
 */
export function optionsPlace(needed: readonly string[], hiddenBy: readonly string[] = []): OptionsPlace {
  return { needed: [...new Set(needed.map(jitOptionName))].sort(), hiddenBy: [...hiddenBy].sort() };
}

/** A signature that shows the same failure, placed by what triage found. */
export function withOptions(signature: Signature, options: OptionsPlace): Signature {
  return signature.oracle ? signature : { ...signature, options };
}
