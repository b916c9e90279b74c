// A signature's text, where it meets disk, JSON and the command line:
// `VERDICT:SIGNAL:KIND:WHERE`, each part "-" when absent, WHERE the oracle's
// cause or `opts(NEEDED)-hidden-by(HIDING)` (`-hidden-by(…)` only when
// something hides it), e.g. `crash:SIGILL:illegal-word:pair-offset-smear` or
// `mismatch:-:-:opts(-fold)-hidden-by(dse,fwd)`. Reading a text back and
// writing it again gives the same bytes, so the text is also its identity:
// two signatures are the same exactly when their texts are.

import { FINDING_CAUSES, FINDING_KINDS, type FindingCause, type FindingKind } from "../../oracle/trace-check/index.ts";
import { VERDICTS, type Verdict } from "../execution/index.ts";
import { type OptionsPlace, optionsPlace, type Signature } from "./signature.ts";

export function formatSignature(signature: Signature): string {
  const where = signature.oracle ? signature.oracle.cause : signature.options ? formatOptions(signature.options) : "-";
  return [signature.verdict, signature.signal ?? "-", signature.oracle?.kind ?? "-", where].join(":");
}

/** A signature's text read back, or null when it is not one. */
export function parseSignature(text: string): Signature | null {
  const [verdict = "", signal, kind, ...rest] = text.split(":");
  const where = rest.join(":");
  if (!VERDICTS.includes(verdict as Verdict) || signal === undefined || signal === "" || kind === undefined)
    return null;
  const shows = { verdict: verdict as Verdict, signal: signal === "-" ? null : signal };
  if (kind !== "-") {
    if (!FINDING_KINDS.includes(kind as FindingKind) || !FINDING_CAUSES.includes(where as FindingCause)) return null;
    return { ...shows, oracle: { kind: kind as FindingKind, cause: where as FindingCause }, options: null };
  }
  if (where === "-") return { ...shows, oracle: null, options: null };
  const options = parseOptionsWhere(where);
  return options && { ...shows, oracle: null, options };
}

/** Same bug: one comparison, of the texts (a text read back writes the same bytes). */
export function sameSignature(a: Signature, b: Signature): boolean {
  return formatSignature(a) === formatSignature(b);
}

/** The signature's parts as finding.json has always held them beside its text. */
export function signatureFields(signature: Signature): {
  verdict: Verdict;
  signal: string | null;
  oracleKind: string | null;
  where: string | null;
} {
  const where = formatSignature(signature).split(":").slice(3).join(":");
  return {
    verdict: signature.verdict,
    signal: signature.signal,
    oracleKind: signature.oracle?.kind ?? null,
    where: where === "-" ? null : where,
  };
}

/**
 * The WHERE of a failure the oracle cannot place, from the options it needs
 * and those whose absence hides it: `opts(-dce,-fold,hotexit)`; `opts()` when
 * the defaults are enough; `opts()-hidden-by(dse,fwd)`.
 */
export function optionsWhere(needed: readonly string[], hiddenBy: readonly string[] = []): string {
  return formatOptions(optionsPlace(needed, hiddenBy));
}

/** optionsWhere read back, in the order written; null for another kind of where. */
export function parseOptionsWhere(where: string): OptionsPlace | null {
  const m = /^opts\(([^)]*)\)(?:-hidden-by\(([^)]*)\))?$/.exec(where);
  return m ? { needed: m[1] ? m[1].split(",") : [], hiddenBy: m[2] ? m[2].split(",") : [] } : null;
}

function formatOptions(options: OptionsPlace): string {
  const hidden = options.hiddenBy.length > 0 ? `-hidden-by(${options.hiddenBy.join(",")})` : "";
  return `opts(${options.needed.join(",")})${hidden}`;
}

/** A folder name for a signature: readable, and safe on every filesystem. */
export function signatureSlug(text: string): string {
  return text
    .replace(/:-/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}
