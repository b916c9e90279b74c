// `ljfuzz merge DIR…`: findings from campaigns and shards into the corpus.
import type { Command } from "commander";
import { DEFAULT_CORPUS, findBundles, mergeIntoCorpus } from "../../corpus/index.ts";
import { ExitCode } from "../../errors.ts";
import type { SetExitCode } from "../options.ts";

export function registerMerge(program: Command, setExitCode: SetExitCode): void {
  program
    .command("merge")
    .description("merge finding bundles (fuzz --out folders, shards) into the corpus, one entry per signature")
    .argument("<dirs...>", "folders holding finding bundles")
    .option("--corpus <dir>", "the corpus folder", DEFAULT_CORPUS)
    .option("--json", "print the merged entries as JSON")
    .action((dirs: string[], flags: { corpus: string; json?: boolean }) => {
      const bundles = findBundles(dirs);
      const merged = mergeIntoCorpus(bundles, flags.corpus);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ bundles: bundles.length, entries: merged }, null, 2)}\n`);
      } else {
        for (const m of merged)
          process.stdout.write(`${m.created ? "new " : "seen"} ${m.id}  ${m.signature}  hits ${m.hits}\n`);
        process.stdout.write(
          `${bundles.length} bundle(s), ${merged.length} signature(s) merged into ${flags.corpus}\n`,
        );
      }
      setExitCode(ExitCode.ok);
    });
}
