// Known bugs: what the corpus already holds. A campaign still counts their
// hits and keeps a bundle, but does not report them as new: a campaign on a
// build with a known, unfixed bug should not cry wolf at every run.
import { formatSignature, parseSignature } from "../campaign/signature.ts";
import { uninstrumentedName } from "../targets/index.ts";
import { parseOptionsWhere } from "../triage/needed-options.ts";
import { acceptedOutcomes, type CorpusEntry } from "./entry.ts";

/** How a hit was recognized as a corpus entry's bug. */
export interface KnownMatch {
  readonly id: string;
  /**
   * "signature": the same signature (for a word the oracle placed: the same
   * kind and place). "optimizations": a failure the oracle cannot place,
   * needing the same options, and hidden by every optimization that hides
   * the entry's (and maybe more, which the rest of its program can bring).
   * "fix": the entry's fix.patch makes it pass (a `+fixes` build, campaign.ts).
   */
  readonly by: "signature" | "optimizations" | "fix";
}

/** The corpus entry holding `signature` as a failure on `target`, or null. */
export type KnownBugs = (signature: string, target: string) => KnownMatch | null;

/**
 * An entry knows a bug on the targets where it expects a failure. On a
 * target where it expects `pass` (fixed there), or says nothing, a hit is new.
 * A signature match wins over a match by optimizations.
 */
export function knownBugs(entries: readonly CorpusEntry[]): KnownBugs {
  return (signature, target) => {
    const bug = bugOf(signature);
    const exact = entries.find((e) => showsOn(e, target).some((s) => bugOf(s) === bug));
    if (exact) return { id: exact.id, by: "signature" };
    const triage = triageOf(signature);
    if (triage === null) return null;
    const similar = entries.find((e) =>
      showsOn(e, target).some((s) => {
        const known = triageOf(s);
        return (
          known !== null &&
          known.how === triage.how &&
          known.needs === triage.needs &&
          [...known.hiddenBy].every((o) => triage.hiddenBy.has(o))
        );
      }),
    );
    return similar ? { id: similar.id, by: "optimizations" } : null;
  };
}

/** A failure the oracle did not place, read back from its triage: `opts(A)-hidden-by(B)`. */
function triageOf(signature: string): { how: string; needs: string; hiddenBy: ReadonlySet<string> } | null {
  const parts = parseSignature(signature);
  if (parts.oracleKind !== null || parts.where === null) return null;
  const triage = parseOptionsWhere(parts.where);
  return triage && { how: `${parts.verdict}:${parts.signal ?? "-"}`, ...triage };
}

/**
 * The signatures an entry's bug shows with on a target: its own and its
 * others, and its alternative failures there. A `+cov` build shows what
 * the build without it does.
 */
function showsOn(entry: CorpusEntry, target: string): string[] {
  const expected = entry.expect[target] ?? entry.expect[uninstrumentedName(target)];
  if (entry.signature === null || !expected) return [];
  const failures = acceptedOutcomes(expected).filter((e) => e.verdict !== "pass");
  if (failures.length === 0) return [];
  return [entry.signature, ...entry.alsoSignedAs].flatMap((signature) => {
    const { where } = parseSignature(signature);
    return [
      signature,
      ...failures.map((e) => formatSignature({ verdict: e.verdict, signal: e.signal, oracleKind: null, where })),
    ];
  });
}

/**
 * What makes two signatures one bug. A word the oracle places in the backend
 * is the bug whether the trace ran (crash, mismatch) or not (oracle); a
 * failure it cannot place is told by how it shows and what it needs.
 */
function bugOf(signature: string): string {
  const parts = parseSignature(signature);
  return parts.oracleKind !== null ? `${parts.oracleKind}:${parts.where ?? "-"}` : signature;
}
