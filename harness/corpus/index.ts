// The corpus: one folder per known bug (entry.ts), replayed as regressions
// (regress.ts), told apart from new findings (known.ts), and grown from a
// campaign's bundles (merge.ts).

export { DEFAULT_CORPUS } from "../repository.ts";
export {
  acceptedOutcomes,
  type BadCode,
  type CorpusEntry,
  type Expectation,
  isOpen,
  readCorpus,
  readEntry,
  type UpstreamFix,
} from "./entry.ts";
export { type KnownBugs, type KnownMatch, knownBugs } from "./known.ts";
export { type Bundle, findBundles, type MergedEntry, mergeIntoCorpus, readBundle } from "./merge.ts";
export { type RegressionOutcome, replay } from "./regress.ts";
