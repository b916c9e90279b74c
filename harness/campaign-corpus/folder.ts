// The campaign corpus on disk: a folder of kept cases, `ID.json` (the entry,
// entry.ts) with `ID.lua` beside it (its program, to run or read). Each is
// written whole or not at all (atomic-write.ts), the Lua first, so Ctrl-C
// or a crash at any moment leaves every entry that was kept readable. A
// corrupt entry is an error that names its file; the others still load.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { writeAtomically } from "../atomic-write.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { decodeEntry, encodeEntry, type KeptCase } from "./entry.ts";

/** The folder `fuzz` keeps its cases in under --out, and `merge` looks for in shard outputs. */
export const CAMPAIGN_CORPUS_FOLDER = "campaign-corpus";

export interface LoadedCorpus {
  /** The entries that read back, in id order. */
  readonly entries: KeptCase[];
  /** One per file that did not (exit 8). */
  readonly errors: LjfuzzError[];
}

/** Every entry of a campaign corpus folder; a folder that does not exist yet holds none. */
export function readCampaignCorpus(dir: string): LoadedCorpus {
  if (!existsSync(dir)) return { entries: [], errors: [] };
  if (!statSync(dir).isDirectory()) throw new LjfuzzError(ExitCode.missingFile, `not a folder: ${dir}`);
  const entries: KeptCase[] = [];
  const errors: LjfuzzError[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const path = join(dir, name);
    const decoded = decodeEntry(readFileSync(path, "utf8"));
    if (!decoded.ok) errors.push(corrupt(path, decoded.why));
    else if (`${decoded.kept.id}.json` !== name) errors.push(corrupt(path, `its id is ${decoded.kept.id}`));
    else entries.push(decoded.kept);
  }
  return { entries, errors };
}

function corrupt(path: string, why: string): LjfuzzError {
  return new LjfuzzError(ExitCode.corruptCorpus, `corrupt campaign corpus entry ${path}: ${why}`);
}

/** A campaign corpus folder being written: entries go in as they are kept. */
export class CorpusFolder {
  readonly dir: string;
  readonly #ids: Set<string>;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
    this.#ids = new Set(
      readdirSync(dir)
        .filter((n) => n.endsWith(".json"))
        .map((n) => n.slice(0, -".json".length)),
    );
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** Writes the entry (once per id: the id is its program's hash); returns whether it was new here. */
  write(kept: KeptCase): boolean {
    if (this.#ids.has(kept.id)) return false;
    writeAtomically(join(this.dir, `${kept.id}.lua`), kept.source);
    writeAtomically(join(this.dir, `${kept.id}.json`), encodeEntry(kept));
    this.#ids.add(kept.id);
    return true;
  }
}

/** Campaign corpus folders under the given ones (fuzz --out folders, shards of them), or those folders themselves. */
export function findCampaignCorpora(roots: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      if (name === CAMPAIGN_CORPUS_FOLDER) found.push(path);
      else if (depth < 3) visit(path, depth + 1);
    }
  };
  for (const root of roots) {
    if (!existsSync(root)) throw new LjfuzzError(ExitCode.missingFile, `no such folder: ${root}`);
    if (basename(root) === CAMPAIGN_CORPUS_FOLDER) found.push(root);
    else visit(root, 0);
  }
  return found;
}

export interface CorpusMerge {
  /** Entries written into the merged folder. */
  readonly added: number;
  /** Entries it held already (the same program, from another shard or an earlier merge). */
  readonly present: number;
  readonly errors: LjfuzzError[];
}

/** Merges campaign corpus folders into `into`, deduplicated by the hash of each program. */
export function mergeCampaignCorpora(sources: readonly string[], into: string): CorpusMerge {
  const folder = new CorpusFolder(into);
  let added = 0;
  let present = 0;
  const errors: LjfuzzError[] = [];
  for (const source of sources) {
    const loaded = readCampaignCorpus(source);
    errors.push(...loaded.errors);
    for (const kept of loaded.entries) {
      if (folder.write(kept)) added++;
      else present++;
    }
  }
  return { added, present, errors };
}
