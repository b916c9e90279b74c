// Where a campaign's cases come from: the live corpus (harness/campaign-corpus/),
// which makes each case fresh from the generator or as a mutant of a kept one,
// and keeps those that reached something new, in --corpus DIR when given.
import { mutateCase } from "../../generators/index.ts";
import { CorpusFolder, LiveCorpus } from "../campaign-corpus/index.ts";
import type { CampaignCoverage } from "./coverage.ts";
import type { CampaignOptions } from "./options.ts";

/** What a loaded corpus reached is in the campaign's union from the start. */
export function caseSource(options: CampaignOptions, coverage: CampaignCoverage): LiveCorpus {
  const corpus = options.corpus;
  for (const kept of corpus?.loaded ?? []) coverage.restore(kept.features, kept.edges);
  return new LiveCorpus({
    seed: options.seed,
    fresh: (index) => options.makeCase(options.seed, index),
    mutate:
      corpus?.mutate ??
      ((parent, seed, donor) => mutateCase(parent.plan, seed, { donor, parentSource: parent.source })),
    // Without corpus options: generation only.
    share: corpus?.share ?? { kind: "fixed", share: 0 },
    folder: corpus?.dir === undefined ? undefined : new CorpusFolder(corpus.dir),
    loaded: corpus?.loaded ?? [],
  });
}
