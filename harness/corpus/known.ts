// Known bugs: what the corpus already holds. A campaign still counts their
// hits and keeps a bundle, but does not report them as new: a campaign on a
// build with a known, unfixed bug should not cry wolf at every run.
import { formatSignature, parseSignature } from "../campaign/signature.ts";
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
    const entry = entries.find((e) => showsOn(e, target).some((s) => bugOf(s) === bug));
    return entry?.id ?? null;
  };
}

/** The signatures an entry's bug shows with on a target: its own, and its alternative failures there. */
function showsOn(entry: CorpusEntry, target: string): string[] {
  const expected = entry.expect[target];
  if (entry.signature === null || !expected) return [];
  const { where } = parseSignature(entry.signature);
  const failures = [expected, ...(expected.or ?? [])].filter((e) => e.verdict !== "pass");
  if (failures.length === 0) return [];
  return [entry.signature, ...failures.map((e) => formatSignature({ verdict: e.verdict, signal: e.signal, oracleKind: null, where }))];
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
