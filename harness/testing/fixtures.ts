// Helpers for tests that run real LuaJIT builds: the catalog targets (built
// once, cached; `npm test` builds them before vitest starts) and small
// program files.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { onTestFinished } from "vitest";
import { CATALOG, cacheRoot, ensureTarget, parseTargetSpec, type Target } from "../targets/index.ts";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const PR1028_CASE = join(REPO, "corpus", "pr1028-ldp-negative-offset", "case.lua");
/** The same word in a side trace that is compiled but never entered: only the oracle sees it. */
export const PR1028_IDLE_CASE = join(REPO, "corpus", "pr1028-ldp-never-executed", "case.lua");
export const BUGGY_TARGETS = ["luajit-2022", "openresty-2023"] as const;
export const FIXED_TARGET = "openresty-2025";
/** Upstream HEAD, built from its pinned source archive (LJFUZZ_SOURCES or a download). */
export const HEAD_TARGET = "luajit-2026";

export function target(name: string): Promise<Target> {
  return ensureTarget(parseTargetSpec(name));
}

/** Writes a Lua program to a fresh temporary file and returns its path. */
export function luaFile(source: string, name = "case.lua"): string {
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-test-"));
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

/**
 * Removes a test's scratch repository and every build made from it: git:
 * builds are cached under a name that holds the repository's path, and a
 * test's repository never comes back, so its builds would only pile up.
 */
export function removeTestRepository(repo: string): void {
  const scratch = dirname(repo);
  const marker = `${basename(scratch)}_`;
  const targets = join(cacheRoot(), "targets");
  if (existsSync(targets)) {
    for (const name of readdirSync(targets))
      if (name.includes(marker)) rmSync(join(targets, name), { recursive: true, force: true });
  }
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * One file of HEAD's source tree (`src/…`, from the archive its build
 * fetched), in two fresh trees removed after the test: `work` to patch,
 * `other` to alter first. `pristine` is the file's text.
 */
export async function headSourceTrees(file: string): Promise<{ work: string; other: string; pristine: string }> {
  const work = mkdtempSync(join(tmpdir(), "ljfuzz-head-src-"));
  onTestFinished(() => rmSync(work, { recursive: true, force: true }));
  const source = CATALOG.find((e) => e.name === HEAD_TARGET)?.source;
  if (source?.kind !== "archive") throw new Error(`${HEAD_TARGET} is not built from an archive`);
  const archive = join(cacheRoot(), "sources", source.file);
  await target(HEAD_TARGET); // the archive is in the cache once it is built
  await execa("tar", ["-xf", archive, "-C", work, "--strip-components=1", "--wildcards", `*/${file}`]);
  const pristine = readFileSync(join(work, file), "utf8");
  const other = `${work}-other`;
  cpSync(work, other, { recursive: true });
  onTestFinished(() => rmSync(other, { recursive: true, force: true }));
  return { work, other, pristine };
}
