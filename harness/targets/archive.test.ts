// luajit-2026's source archive, on the real file: found by its hash under
// any name in LJFUZZ_SOURCES, accepted from elsewhere only when it unpacks
// to the pinned tree, and a clear exit 9 naming LJFUZZ_SOURCES when it
// cannot be had. The archive is the one the cache holds after the build.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { runDifferential } from "../execution/index.ts";
import { HEAD_TARGET, PR1028_CASE, target } from "../testing/fixtures.ts";
import { type ArchiveProvenance, unpackArchiveSource } from "./archive.ts";
import { cacheRoot } from "./cache.ts";
import { catalogEntry } from "./catalog.ts";
import type { ArchiveSource } from "./source.ts";
import { SOURCES_VARIABLE } from "./sources-folder.ts";

const pinned = catalogEntry(HEAD_TARGET)!.source as ArchiveSource;
const savedSources = process.env[SOURCES_VARIABLE];

/** A fresh folder, removed when the test ends. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-archive-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The real archive: the cache has it once luajit-2026 is built (npm test builds it first). */
async function realArchive(): Promise<string> {
  await target(HEAD_TARGET);
  return join(cacheRoot(), "sources", pinned.file);
}

/** The archive's tree packed again as `name` under another top folder, the way a host that compresses on its own would. */
async function repack(archive: string, into: string, name: string, edit?: (tree: string) => void): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), "ljfuzz-repack-"));
  const tree = join(work, `LuaJIT-${pinned.commit}`);
  mkdirSync(tree);
  await execa("tar", ["-xf", archive, "-C", tree, "--strip-components=1"]);
  edit?.(tree);
  const out = join(into, name);
  await execa("tar", ["-czf", out, "-C", work, `LuaJIT-${pinned.commit}`]);
  rmSync(work, { recursive: true, force: true });
  return out;
}

afterEach(() => {
  if (savedSources === undefined) delete process.env[SOURCES_VARIABLE];
  else process.env[SOURCES_VARIABLE] = savedSources;
});

describe("luajit-2026's source archive", () => {
  it("builds from the pinned commit and runs", async () => {
    const head = await target(HEAD_TARGET);
    const provenance = head.manifest?.provenance as ArchiveProvenance;
    expect(provenance).toMatchObject({ commit: pinned.commit, treeSha256: pinned.treeSha256 });
    expect(provenance.archive.sha256).toBe(pinned.sha256);
    expect(head.manifest?.luajitVersion).toMatch(/^LuaJIT 2\.1\./);
    const result = await runDifferential(head, PR1028_CASE, {
      jitOptions: ["hotloop=1"],
      timeoutMs: 20_000,
      dump: false,
    });
    expect(result.verdict).toBe("pass");
  });

  it("is found in LJFUZZ_SOURCES by its hash, whatever its name", async () => {
    const sources = scratch();
    copyFileSync(await realArchive(), join(sources, "renamed.bin"));
    writeFileSync(join(sources, pinned.file), "not the archive");
    process.env[SOURCES_VARIABLE] = sources;
    const cache = scratch();
    const logged: string[] = [];
    const provenance = await unpackArchiveSource(pinned, cache, join(cache, "tree"), (l) => logged.push(l));
    expect(provenance.archive).toEqual({ name: pinned.file, sha256: pinned.sha256 });
    expect(logged.join("\n")).toContain(`from ${SOURCES_VARIABLE}`);
    expect(readFileSync(join(cache, "tree", "src", "lj_prng.c"), "utf8")).toContain("lj_prng_seed_secure");
  });

  it("takes another archive of the commit by its tree, and refuses one whose tree differs", async () => {
    const archive = await realArchive();
    delete process.env[SOURCES_VARIABLE];
    const sameTree = scratch();
    mkdirSync(join(sameTree, "sources"));
    await repack(archive, join(sameTree, "sources"), `download-${pinned.commit}.tar.gz`);
    const provenance = await unpackArchiveSource(pinned, sameTree, join(sameTree, "tree"), () => {});
    expect(provenance.treeSha256).toBe(pinned.treeSha256);
    expect(provenance.archive.name).toBe(`download-${pinned.commit}.tar.gz`);
    expect(provenance.archive.sha256).not.toBe(pinned.sha256);

    const edited = scratch();
    mkdirSync(join(edited, "sources"));
    await repack(archive, join(edited, "sources"), `download-${pinned.commit}.tar.gz`, (tree) => {
      const file = join(tree, "src", "lj_emit_arm64.h");
      writeFileSync(file, `${readFileSync(file, "utf8")}\n`);
    });
    const error = await unpackArchiveSource(pinned, edited, join(edited, "tree"), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LjfuzzError);
    expect((error as LjfuzzError).exitCode).toBe(ExitCode.provision);
    expect((error as LjfuzzError).message).toMatch(/unpacks to a tree with sha256 [0-9a-f]{64}, not the pinned/);
  });

  it("that cannot be had is one line, exit 9, naming LJFUZZ_SOURCES", async () => {
    const sources = scratch();
    process.env[SOURCES_VARIABLE] = sources;
    const cache = scratch();
    // Nothing listens on port 9 here: the download fails at once, as offline.
    const offline = { ...pinned, url: "http://127.0.0.1:9/luajit.tar.gz" };
    const error = await unpackArchiveSource(offline, cache, join(cache, "tree"), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LjfuzzError);
    expect((error as LjfuzzError).exitCode).toBe(ExitCode.provision);
    const message = (error as LjfuzzError).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain(`${pinned.file} (sha256 4fd46dba104d…`);
    expect(message).toContain(`not in ${SOURCES_VARIABLE}=${sources}`);
    expect(message).toMatch(/set LJFUZZ_SOURCES to it$/);
  });
});
