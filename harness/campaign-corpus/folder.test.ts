import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCase } from "../../generators/index.ts";
import { ExitCode } from "../errors.ts";
import { caseId, type KeptCase } from "./entry.ts";
import {
  CAMPAIGN_CORPUS_FOLDER,
  CorpusFolder,
  findCampaignCorpora,
  mergeCampaignCorpora,
  readCampaignCorpus,
} from "./folder.ts";

function kept(index: number): KeptCase {
  const c = generateCase(8, index);
  return {
    id: caseId(c.source),
    plan: c.plan,
    source: c.source,
    features: [index],
    added: [index],
    edges: {},
    origin: { kind: "fresh", seed: 8, index },
  };
}

const temp = () => mkdtempSync(join(tmpdir(), "ljfuzz-campaign-corpus-"));

describe("the campaign corpus folder", () => {
  it("holds each kept case as ID.json with its program as ID.lua, and reads them back in id order", () => {
    const dir = join(temp(), "corpus");
    const folder = new CorpusFolder(dir);
    const cases = [0, 1, 2].map(kept);
    for (const c of cases) expect(folder.write(c)).toBe(true);
    expect(folder.write(cases[0]!)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(6);
    expect(readFileSync(join(dir, `${cases[1]!.id}.lua`), "utf8")).toBe(cases[1]!.source);
    const loaded = readCampaignCorpus(dir);
    expect(loaded.errors).toEqual([]);
    expect(loaded.entries).toEqual([...cases].sort((a, b) => a.id.localeCompare(b.id)));
    // A folder opened again knows what it holds.
    expect(new CorpusFolder(dir).has(cases[2]!.id)).toBe(true);
    expect(readCampaignCorpus(join(dir, "none-yet"))).toEqual({ entries: [], errors: [] });
  });

  it("names each corrupt entry in a one-line error (exit 8) and loads the rest", () => {
    const dir = temp();
    const folder = new CorpusFolder(dir);
    const [a, b, c] = [3, 4, 5].map(kept);
    for (const x of [a!, b!, c!]) folder.write(x);
    writeFileSync(join(dir, `${b!.id}.json`), '{"format": "ljfuzz-campaign-case/1", "id": "');
    // Someone's copy under another name: its id is not its file's.
    writeFileSync(join(dir, "copy.json"), readFileSync(join(dir, `${c!.id}.json`)));
    const loaded = readCampaignCorpus(dir);
    expect(loaded.entries.map((e) => e.id).sort()).toEqual([a!.id, c!.id].sort());
    expect(loaded.errors.map((e) => e.exitCode)).toEqual([ExitCode.corruptCorpus, ExitCode.corruptCorpus]);
    const messages = loaded.errors.map((e) => e.message).sort();
    expect(messages.some((m) => m.includes(join(dir, `${b!.id}.json`)) && m.includes("not JSON"))).toBe(true);
    expect(messages.some((m) => m.includes(join(dir, "copy.json")) && m.includes(`its id is ${c!.id}`))).toBe(true);
    for (const m of messages) expect(m).not.toMatch(/\n/);
  });

  it("merges the corpora of shards, one entry per program", () => {
    const root = temp();
    const shard = (n: number, indices: number[]) => {
      const dir = join(root, `findings-shard-${n}`, CAMPAIGN_CORPUS_FOLDER);
      mkdirSync(dir, { recursive: true });
      const folder = new CorpusFolder(dir);
      for (const i of indices) folder.write(kept(i));
    };
    shard(0, [10, 11]);
    shard(1, [11, 12, 13]);
    writeFileSync(join(root, "findings-shard-1", CAMPAIGN_CORPUS_FOLDER, "broken.json"), "{}");
    const found = findCampaignCorpora([root]);
    expect(found).toHaveLength(2);
    const into = join(temp(), "merged");
    const merge = mergeCampaignCorpora(found, into);
    expect([merge.added, merge.present]).toEqual([4, 1]);
    expect(merge.errors.map((e) => e.message)).toEqual([
      expect.stringContaining(join(root, "findings-shard-1", CAMPAIGN_CORPUS_FOLDER, "broken.json")),
    ]);
    expect(
      readCampaignCorpus(into)
        .entries.map((e) => e.origin.index)
        .sort(),
    ).toEqual([10, 11, 12, 13]);
    // Merging again adds nothing.
    expect(mergeCampaignCorpora(found, into)).toMatchObject({ added: 0, present: 5 });
  });
});
