// Known bugs: what the corpus already holds. A campaign still counts their
// hits and keeps a bundle, but does not report them as new: a campaign on a
// build with a known, unfixed bug should not cry wolf at every run.
import { parseSignature } from "../campaign/signature.ts";
import type { CorpusEntry } from "./entry.ts";

/** The id of the corpus entry holding `signature` as a failure on `target`, or null. */
export type KnownBugs = (signature: string, target: string) => string | null;

/**
 * An entry knows a bug on the targets where it expects a failure. On a
 * target where it expects `pass` (fixed there), or says nothing, a hit is new.
 */
export function knownBugs(entries: readonly CorpusEntry[]): KnownBugs {
  return (signature, target) => {
    const bug = bugOf(signature);
    const entry = entries.find((e) => e.signature !== null && bugOf(e.signature) === bug && (e.expect[target]?.verdict ?? "pass") !== "pass");
    return entry?.id ?? null;
  };
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
