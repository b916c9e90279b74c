// The stand-ins' rules, on files in a scratch folder: which cache entry a
// restore takes, which files an upload keeps and under which names, where a
// download puts them, what stands in for git: targets, and GitHub's shells.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ActionSite, standIn } from "./actions.ts";
import { download, upload, uploadFiles } from "./artifacts.ts";
import { type CacheEntry, cacheVersion, chooseEntry } from "./cache-store.ts";
import { GitTargetStandIns } from "./git-targets.ts";
import { shellCommand } from "./job.ts";

const scratch = mkdtempSync(join(tmpdir(), "ljfuzz-stand-ins-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function files(root: string, paths: string[]): void {
  for (const p of paths) {
    mkdirSync(join(root, p, ".."), { recursive: true });
    writeFileSync(join(root, p), p);
  }
}

describe("actions/cache", () => {
  const version = cacheVersion(["~/.cache/ljfuzz"]);
  const entry = (key: string, created: number, v = version): CacheEntry => ({ key, version: v, created, dir: key });
  const entries = [
    entry("builds-X64-1", 1),
    entry("builds-X64-2", 2),
    entry("builds-ARM64-3", 3),
    entry("builds-X64-9", 9, "other"),
  ];

  it("takes the exact key, as a hit", () => {
    expect(chooseEntry(entries, "builds-X64-1", ["builds-X64-"], version)).toEqual({ entry: entries[0], exact: true });
  });

  it("else the newest entry of the first restore key that has one, for the same paths only", () => {
    expect(chooseEntry(entries, "builds-X64-7", ["nothing-", "builds-X64-"], version)?.entry.key).toBe("builds-X64-2");
    expect(chooseEntry(entries, "builds-X64-7", [], version)).toBeUndefined();
  });
});

describe("actions/cache/save and actions/cache/restore", () => {
  const site = (name: string, log: string[]): ActionSite => ({
    repository: "o/r",
    origin: "",
    sha: "",
    workspace: join(scratch, name),
    home: join(scratch, name, "home"),
    artifacts: join(scratch, "artifacts-cache"),
    cacheStore: join(scratch, "cache-store"),
    cacheSeeds: {},
    npmCache: "",
    log: (line) => log.push(line),
  });
  const run = (uses: string, at: ActionSite, inputs: Record<string, string>) => standIn(uses)!(at, inputs);
  const path = "findings/campaign-corpus";

  it("save at once what one job made, and restore it in another job by a key prefix, with no save at its end", () => {
    const log: string[] = [];
    const merge = site("merge", log);
    files(merge.workspace, [`${path}/a.json`, `${path}/b.json`]);
    expect(run("actions/cache/save@v4", merge, { path, key: "campaign-X64-7" }).outputs).toEqual({});
    expect(run("actions/cache/save@v4", merge, { path, key: "campaign-X64-7" }).post).toBeUndefined();
    expect(log).toEqual(["cache saved as campaign-X64-7", "cache campaign-X64-7 not saved: it is saved already"]);

    const shard = site("shard", log);
    const restored = run("actions/cache/restore@v4", shard, {
      path,
      key: "campaign-X64-8",
      "restore-keys": "campaign-X64-",
    });
    expect(restored.outputs).toEqual({
      "cache-hit": "false",
      "cache-primary-key": "campaign-X64-8",
      "cache-matched-key": "campaign-X64-7",
    });
    expect(restored.post).toBeUndefined();
    expect(readdirSync(join(shard.workspace, path)).sort()).toEqual(["a.json", "b.json"]);
    expect(readFileSync(join(shard.workspace, path, "a.json"), "utf8")).toBe(`${path}/a.json`);
  });

  it("fail a restore that finds nothing only when asked to", () => {
    const at = site("none", []);
    const inputs = { path: "other", key: "nothing-1" };
    expect(run("actions/cache/restore@v4", at, inputs).outputs["cache-hit"]).toBe("false");
    expect(() => run("actions/cache/restore@v4", at, { ...inputs, "fail-on-cache-miss": "true" })).toThrow(
      /no cache for nothing-1/,
    );
    expect(() => run("actions/cache/save@v4", at, { key: "k" })).toThrow(/actions\/cache\/save needs path and key/);
  });
});

describe("actions/upload-artifact and download-artifact", () => {
  const ws = join(scratch, "ws");
  files(ws, ["findings/summary.json", "findings/a/case.lua", "findings/.hidden", "merged/x/case.json", "top.txt"]);

  it("keeps a folder's files relative to it, without hidden files", () => {
    const { root, files: found } = uploadFiles(ws, "findings/", false);
    expect(found.map((f) => relative(root, f))).toEqual(["a/case.lua", "summary.json"]);
  });

  it("names files of several paths and globs from their common folder", () => {
    const { root, files: found } = uploadFiles(ws, "findings/*.json\nmerged/\n!merged/x/case.json\ntop.txt", false);
    expect(found.map((f) => relative(root, f))).toEqual(["findings/summary.json", "top.txt"]);
  });

  it("downloads one artifact into path, several each into path/NAME, or merged", () => {
    const store = join(scratch, "artifacts");
    for (const n of [0, 1]) {
      const { root, files: found } = uploadFiles(ws, "findings/", false);
      upload(store, `findings-shard-${n}`, root, found, false);
    }
    expect(() => upload(store, "findings-shard-0", ws, [], false)).toThrow(/exists already/);
    const into = (name: string) => join(scratch, name);
    download(store, { pattern: "findings-shard-*", path: into("many"), mergeMultiple: false });
    expect(readdirSync(into("many"))).toEqual(["findings-shard-0", "findings-shard-1"]);
    download(store, { name: "findings-shard-1", path: into("one"), mergeMultiple: false });
    expect(readdirSync(into("one")).sort()).toEqual(["a", "summary.json"]);
    download(store, { pattern: "*-1", path: into("merged"), mergeMultiple: true });
    expect(readdirSync(into("merged")).sort()).toEqual(["a", "summary.json"]);
    expect(() => download(store, { name: "missing", path: into("x"), mergeMultiple: false })).toThrow(
      /no artifact named missing/,
    );
  });
});

describe("git: targets without a network", () => {
  it("stand in for the --target specs in turn, the same spec always for the same one", () => {
    const standIns = new GitTargetStandIns(["luajit-2022", "openresty-2023"]);
    expect(standIns.replace("git:https://x/LuaJIT.git@a^ git:https://x/LuaJIT.git@a")).toBe(
      "luajit-2022 openresty-2023",
    );
    expect(standIns.replace("--target git:https://x/LuaJIT.git@a^")).toBe("--target luajit-2022");
    expect(standIns.replace("git:https://y@v2.1")).toBe("luajit-2022");
    expect(standIns.replace("dir:luajit")).toBe("dir:luajit");
  });
});

describe("shells", () => {
  it("are GitHub's: bash -e unspecified, pipefail and no startup files for bash", () => {
    expect(shellCommand(undefined, "s.sh")).toEqual(["bash", "-e", "s.sh"]);
    expect(shellCommand("bash", "s.sh")).toEqual(["bash", "--noprofile", "--norc", "-eo", "pipefail", "s.sh"]);
    expect(shellCommand("bash -x {0}", "s.sh")).toEqual(["bash", "-x", "s.sh"]);
    expect(() => shellCommand("pwsh", "s.sh")).toThrow(/shell pwsh is not one nightly:local runs/);
  });
});
