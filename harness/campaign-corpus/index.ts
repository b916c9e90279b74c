// The campaign corpus: the cases a campaign kept because they reached a new
// trace feature or backend edge, stored as the generator's plans (entry.ts)
// in a folder written as the campaign runs (folder.ts), and the source of
// the campaign's mutants (live.ts), scheduled by pure policies: how many
// cases are mutants (share.ts), which kept case is mutated (energy.ts,
// breed.ts). `fuzz` keeps it in --out/campaign-corpus or --corpus DIR;
// `merge` merges the shards' corpora.

export { type CaseOrigin, caseId, decodeEntry, encodeEntry, type KeptCase } from "./entry.ts";
export {
  CAMPAIGN_CORPUS_FOLDER,
  CorpusFolder,
  type CorpusMerge,
  findCampaignCorpora,
  type LoadedCorpus,
  mergeCampaignCorpora,
  readCampaignCorpus,
} from "./folder.ts";
export { type CaseMutator, LiveCorpus, type LiveCorpusOptions, type MutationSummary } from "./live.ts";
export { MAX_SHARE, MIN_SHARE, type SharePolicy } from "./share.ts";
