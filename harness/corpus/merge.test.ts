import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSignature } from "../signature/index.ts";
import { readEntry } from "./entry.ts";
import { findBundles, mergeIntoCorpus } from "./merge.ts";

function bundle(
  root: string,
  name: string,
  signature: string,
  source: string,
  seed: number,
  results: Record<string, [string, string | null]>,
) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "case.lua"), source);
  writeFileSync(
    join(dir, "finding.json"),
    JSON.stringify({ signature, seed, caseIndex: 3, jitOptions: ["hotloop=1"] }),
  );
  for (const [target, [verdict, signal]] of Object.entries(results))
    writeFileSync(join(dir, `result-${target}.json`), JSON.stringify({ verdict, signal }));
}

describe("mergeIntoCorpus", () => {
  it("keeps one entry per signature, the smallest program, and the summed hits", () => {
    const shardA = mkdtempSync(join(tmpdir(), "ljfuzz-shard-"));
    const shardB = mkdtempSync(join(tmpdir(), "ljfuzz-shard-"));
    const sig = "crash:SIGILL:illegal-word:pair-offset-smear";
    bundle(shardA, "crash-sigill-illegal-word-pair-offset-smear", sig, "print('a long reproducer')\n", 1, {
      "openresty-2023": ["crash", "SIGILL"],
    });
    writeFileSync(
      join(shardA, "findings.json"),
      JSON.stringify({
        findings: [{ signature: sig, bundle: join(shardA, "crash-sigill-illegal-word-pair-offset-smear"), count: 7 }],
      }),
    );
    bundle(shardB, "crash-sigill-illegal-word-pair-offset-smear", sig, "print('short')\n", 2, {
      "luajit-2022": ["crash", "SIGILL"],
      "openresty-2025": ["pass", null],
    });
    bundle(shardB, "mismatch", "mismatch:-:-:-", "print(2)\n", 2, { "openresty-2023": ["mismatch", null] });
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));

    const merged = mergeIntoCorpus(findBundles([shardA, shardB]), corpus);
    expect(merged.map((m) => [m.signature, m.hits, m.created])).toEqual([
      [sig, 8, true],
      ["mismatch:-:-:-", 1, true],
    ]);
    const ids = readdirSync(corpus).sort();
    expect(ids).toHaveLength(2);
    const entry = readEntry(join(corpus, merged[0]!.id));
    expect(readFileSync(entry.program, "utf8")).toBe("print('short')\n");
    expect(entry.expect).toEqual({
      "openresty-2023": { verdict: "crash", signal: "SIGILL" },
      "luajit-2022": { verdict: "crash", signal: "SIGILL" },
      "openresty-2025": { verdict: "pass", signal: null },
    });
    // Content-addressed: the name carries the signature and the program's hash.
    expect(merged[0]!.id).toMatch(/^crash-sigill-illegal-word-pair-offset-smear-[0-9a-f]{8}$/);

    // Merging the same shards again counts nothing twice.
    const again = mergeIntoCorpus(findBundles([shardA, shardB]), corpus);
    expect(again).toEqual([]);
    const meta = JSON.parse(readFileSync(join(corpus, merged[0]!.id, "case.json"), "utf8")) as {
      hits: number;
      shows: string[];
      clean: string[];
    };
    expect(meta.hits).toBe(8);
    expect(meta.shows.sort()).toEqual(["luajit-2022", "openresty-2023"]);
    expect(meta.clean).toEqual(["openresty-2025"]);
  });

  it("keeps a curated entry's name, title, program, upstream fix and marks, adding hits and verdicts", () => {
    const shard = mkdtempSync(join(tmpdir(), "ljfuzz-shard-"));
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));
    const sig = "mismatch:-:-:opts(-dce,-fold,hotexit)";
    mkdirSync(join(corpus, "nofold-bug"));
    const curatedSource = "-- a person's comments about the bug\nprint(1)\n";
    writeFileSync(join(corpus, "nofold-bug", "case.lua"), curatedSource);
    const curated = {
      id: "nofold-bug",
      title: "with -fold, a wrong value",
      upstream: "none yet",
      fixedUpstream: { commit: "9493acc1", issue: "PR #1028" },
      badCode: { mcode: ["^orr "] },
      signature: sig,
      jitOptions: ["hotloop=1", "-fold"],
      expect: { "openresty-2025": { verdict: "mismatch", signal: null } },
    };
    writeFileSync(join(corpus, "nofold-bug", "case.json"), JSON.stringify(curated));
    bundle(shard, "mismatch", sig, "print(2)\n", 5, { "openresty-2023": ["mismatch", null] });

    const merged = mergeIntoCorpus(findBundles([shard]), corpus);
    expect(merged.map((m) => [m.id, m.hits, m.created])).toEqual([["nofold-bug", 1, false]]);
    expect(readdirSync(corpus)).toEqual(["nofold-bug"]);
    const entry = readEntry(join(corpus, "nofold-bug"));
    expect(readFileSync(entry.program, "utf8")).toBe(curatedSource);
    expect([
      entry.title,
      entry.upstream,
      entry.signature && formatSignature(entry.signature),
      entry.jitOptions,
    ]).toEqual([curated.title, curated.upstream, sig, curated.jitOptions]);
    expect(entry.fixedUpstream).toEqual({ ...curated.fixedUpstream, firstFixedIn: null });
    expect(entry.badCode.mcode.map(String)).toEqual(["/^orr /"]);
    expect(Object.keys(entry.expect).sort()).toEqual(["openresty-2023", "openresty-2025"]);
  });

  it("merges a hit of another signature of a curated entry's bug into that entry, under its own signature", () => {
    const shard = mkdtempSync(join(tmpdir(), "ljfuzz-shard-"));
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));
    mkdirSync(join(corpus, "bnot"));
    writeFileSync(join(corpus, "bnot", "case.lua"), "print(bit.bnot(1))\n");
    const curated = {
      id: "bnot",
      title: "bnot",
      upstream: "none yet",
      signature: "mismatch:-:-:opts(-fold)",
      alsoSignedAs: ["mismatch:-:-:opts(-fold,-narrow)"],
      expect: { "openresty-2025": { verdict: "mismatch", signal: null } },
    };
    writeFileSync(join(corpus, "bnot", "case.json"), JSON.stringify(curated));
    writeFileSync(join(corpus, "bnot", "fix.patch"), "--- a/src/x.c\n+++ b/src/x.c\n");
    bundle(shard, "variant", "mismatch:-:-:opts(-fold,-narrow)", "print(2)\n", 5, {
      "openresty-2025": ["pass", null],
      "luajit-2022": ["mismatch", null],
    });

    expect(mergeIntoCorpus(findBundles([shard]), corpus).map((m) => [m.id, m.hits, m.created])).toEqual([
      ["bnot", 1, false],
    ]);
    const entry = readEntry(join(corpus, "bnot"));
    expect([entry.signature && formatSignature(entry.signature), entry.alsoSignedAs.map(formatSignature)]).toEqual([
      curated.signature,
      curated.alsoSignedAs,
    ]);
    expect(entry.fixPatch && readFileSync(entry.fixPatch, "utf8")).toBe("--- a/src/x.c\n+++ b/src/x.c\n");
    // The entry's own program's verdicts stay; another program's only fill in targets it does not list.
    expect(entry.expect).toEqual({
      "openresty-2025": { verdict: "mismatch", signal: null },
      "luajit-2022": { verdict: "mismatch", signal: null },
    });
  });
});
