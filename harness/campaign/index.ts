// Fuzzing campaigns: runCampaign and what it takes and gives, and how a
// person watches one (progress-view.ts). The cases a campaign keeps (those
// that reached a new trace feature or edge), and the mutants made of them,
// live in their own stage: harness/campaign-corpus/.

export { runCampaign } from "./campaign.ts";
export type { CaseFactory } from "./cases.ts";
export type { SeedSweep } from "./confirm.ts";
export { CampaignCoverage, type CoverageSummary } from "./coverage.ts";
export type { CaseShrinker, ShrinkOptions } from "./minimize.ts";
export type { CampaignOptions, CampaignResult } from "./options.ts";
export type { CampaignProgress, InvalidProgram } from "./progress.ts";
export { type ProgressView, progressView } from "./progress-view.ts";
export { DEFAULT_BATCH_SIZE, type Shard } from "./schedule.ts";
export { screen } from "./screen.ts";
export type { FindingSummary } from "./store.ts";
export { UNCONFIRMED_FILE, type UnconfirmedSuspect } from "./unconfirmed.ts";
