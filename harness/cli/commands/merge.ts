// `ljfuzz merge DIR…`: findings from campaigns and shards into the corpus,
// and, with --campaign-corpus, their campaign corpora into one.
import { resolve } from "node:path";
import type { Command } from "commander";
import { findCampaignCorpora, mergeCampaignCorpora } from "../../campaign-corpus/index.ts";
import { DEFAULT_CORPUS, findBundles, mergeIntoCorpus } from "../../corpus/index.ts";
import { ExitCode } from "../../errors.ts";
import { type SetExitCode, stderrLog } from "../options.ts";

export function registerMerge(program: Command, setExitCode: SetExitCode): void {
  program
    .command("merge")
    .description("merge finding bundles (fuzz --out folders, shards) into the corpus, one entry per signature")
    .argument("<dirs...>", "folders holding finding bundles")
    .option("--corpus <dir>", "the corpus folder", DEFAULT_CORPUS)
    .option(
      "--campaign-corpus <dir>",
      "merge the campaign corpora (campaign-corpus/ folders) under the folders into this one, one entry per program",
    )
    .option("--json", "print the merged entries as JSON")
    .action((dirs: string[], flags: { corpus: string; campaignCorpus?: string; json?: boolean }) => {
      const bundles = findBundles(dirs);
      const merged = mergeIntoCorpus(bundles, flags.corpus);
      const corpora = findCampaignCorpora(dirs);
      const campaign =
        flags.campaignCorpus === undefined ? null : mergeCampaignCorpora(corpora, resolve(flags.campaignCorpus));
      // A corrupt kept case is said and left out; the rest is merged, and the exit says so.
      for (const error of campaign?.errors ?? []) stderrLog(error.message);
      const campaignCorpus = campaign && {
        dir: resolve(flags.campaignCorpus!),
        folders: corpora.length,
        added: campaign.added,
        present: campaign.present,
        corrupt: campaign.errors.length,
      };
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ bundles: bundles.length, entries: merged, campaignCorpus }, null, 2)}\n`,
        );
      } else {
        for (const m of merged)
          process.stdout.write(`${m.created ? "new " : "seen"} ${m.id}  ${m.signature}  hits ${m.hits}\n`);
        process.stdout.write(
          `${bundles.length} bundle(s), ${merged.length} signature(s) merged into ${flags.corpus}\n`,
        );
        if (campaignCorpus)
          process.stdout.write(
            `${campaignCorpus.folders} campaign corpus folder(s): ${campaignCorpus.added} kept case(s) added to ${campaignCorpus.dir}, ${campaignCorpus.present} there already\n`,
          );
        else if (corpora.length > 0)
          process.stdout.write(
            `${corpora.length} campaign corpus folder(s) not merged (--campaign-corpus DIR merges them)\n`,
          );
      }
      setExitCode((campaign?.errors.length ?? 0) > 0 ? ExitCode.corruptCorpus : ExitCode.ok);
    });
}
