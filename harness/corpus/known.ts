// Known bugs: what the corpus already holds. A campaign still counts their
// hits and keeps a bundle, but does not report them as new: a campaign on a
// build with a known, unfixed bug should not cry wolf at every run.
import { formatSignature, type Signature } from "../signature/index.ts";
import { uninstrumentedName } from "../targets/index.ts";
import { acceptedOutcomes, type CorpusEntry } from "./entry.ts";

/** How a hit was recognized as a corpus entry's bug. */
export interface KnownMatch {
  readonly id: string;
  /**
   * "signature": the same signature (for a word the oracle placed: the same
   * kind and place). "optimizations": a failure the oracle cannot place,
   * needing the same options, and hidden by every optimization that hides
   * the entry's (and maybe more, which the rest of its program can bring).
   * "fix": the entry's fix.patch makes it pass (a `+fixes` build, campaign/recognize.ts).
   */
  readonly by: "signature" | "optimizations" | "fix";
}

/** The corpus entry holding `signature` as a failure on `target`, or null. */
export type KnownBugs = (signature: Signature, target: string) => KnownMatch | null;

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
          known.needed.join(",") === triage.needed.join(",") &&
          known.hiddenBy.every((o) => triage.hiddenBy.includes(o))
        );
      }),
    );
    return similar ? { id: similar.id, by: "optimizations" } : null;
  };
}

/** A failure the oracle did not place, as triage placed it: how it shows, what it needs, what hides it. */
function triageOf(
  signature: Signature,
): { how: string; needed: readonly string[]; hiddenBy: readonly string[] } | null {
  if (signature.oracle || !signature.options) return null;
  return { how: `${signature.verdict}:${signature.signal ?? "-"}`, ...signature.options };
}

/**
 * The signatures an entry's bug shows with on a target: its own and its
 * others, and its alternative failures there. A `+cov` build shows what
 * the build without it does.
 */
function showsOn(entry: CorpusEntry, target: string): Signature[] {
  const expected = entry.expect[target] ?? entry.expect[uninstrumentedName(target)];
  if (entry.signature === null || !expected) return [];
  const failures = acceptedOutcomes(expected).filter((e) => e.verdict !== "pass");
  if (failures.length === 0) return [];
  return [entry.signature, ...entry.alsoSignedAs].flatMap((signature) => [
    signature,
    ...failures.map((e): Signature => ({ ...signature, verdict: e.verdict, signal: e.signal })),
  ]);
}

/**
 * What makes two signatures one bug. A word the oracle places in the backend
 * is the bug whether the trace ran (crash, mismatch) or not (oracle); a
 * failure it cannot place is told by how it shows and what it needs.
 */
function bugOf(signature: Signature): string {
  return signature.oracle ? `${signature.oracle.kind}:${signature.oracle.cause}` : formatSignature(signature);
}
