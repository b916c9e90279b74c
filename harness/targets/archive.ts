// A pinned source archive (a catalog target built from a commit's `git
// archive`, luajit-2026): found by its SHA-256 in the cache or in
// LJFUZZ_SOURCES, else downloaded. What is built is checked by the tree it
// unpacks to, so a download that compresses the same commit differently
// (GitHub's own archives do) is as good as the pinned file, and a tree with
// one byte changed is refused.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join, relative, sep } from "node:path";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import type { ArchiveSource } from "./source.ts";
import { findInSources, SOURCES_VARIABLE, sha256File, sourcesFolderText } from "./sources-folder.ts";

export interface ArchiveProvenance {
  /** The repository the commit is from. */
  readonly url: string;
  readonly commit: string;
  /** The archive built from: the pinned file, or a download of the same tree. */
  readonly archive: { readonly name: string; readonly sha256: string };
  readonly treeSha256: string;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * SHA-256 over a tree's files in path order: each one's path, whether it is
 * executable, and its bytes (a symbolic link: its target). Folders count
 * only through their files.
 */
export function treeSha256(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = lstatSync(path);
      const rel = relative(root, path).split(sep).join("/");
      if (st.isDirectory()) walk(path);
      else if (st.isSymbolicLink()) hash.update(`L ${rel}\0${readlinkSync(path)}\0`);
      else hash.update(`F ${rel} ${st.mode & 0o111 ? "x" : "-"} ${st.size}\0`).update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest("hex");
}

/** Where a download of the commit is kept: its bytes are not the pinned ones. */
function downloadName(source: ArchiveSource): string {
  return `download-${source.commit}.tar.gz`;
}

/** The archive file to build from: cached, from LJFUZZ_SOURCES, or downloaded (in that order). */
async function locateArchive(source: ArchiveSource, cacheRoot: string, log: (line: string) => void): Promise<string> {
  const dir = join(cacheRoot, "sources");
  mkdirSync(dir, { recursive: true });
  const cached = join(dir, source.file);
  if (existsSync(cached) && sha256File(cached) === source.sha256) return cached;
  const found = findInSources(source.sha256, source.file);
  if (found !== undefined) {
    log(`${source.file}: from ${SOURCES_VARIABLE}`);
    copyFileSync(found, `${cached}.part`);
    renameSync(`${cached}.part`, cached);
    return cached;
  }
  const downloaded = join(dir, downloadName(source));
  if (existsSync(downloaded)) return downloaded;
  log(`downloading ${source.url}`);
  try {
    const response = await fetch(source.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    writeFileSync(`${downloaded}.part`, Buffer.from(await response.arrayBuffer()));
    renameSync(`${downloaded}.part`, downloaded);
    return downloaded;
  } catch (error) {
    rmSync(`${downloaded}.part`, { force: true });
    const why = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new LjfuzzError(
      ExitCode.provision,
      `${source.file} (sha256 ${source.sha256.slice(0, 12)}…, LuaJIT ${source.commit.slice(0, 8)}) is not in ${sourcesFolderText()} and the download failed (${why}): put the archive in a folder and set ${SOURCES_VARIABLE} to it`,
    );
  }
}

/** Finds the archive, unpacks it into `tree` (its top folder stripped) and checks the tree. */
export async function unpackArchiveSource(
  source: ArchiveSource,
  cacheRoot: string,
  tree: string,
  log: (line: string) => void,
): Promise<ArchiveProvenance> {
  const archive = await locateArchive(source, cacheRoot, log);
  mkdirSync(tree, { recursive: true });
  const result = await execa("tar", ["-xf", archive, "-C", tree, "--strip-components=1"], { reject: false, all: true });
  if (result.exitCode !== 0)
    throw new LjfuzzError(ExitCode.provision, `unpacking ${source.file} failed (exit ${result.exitCode})`, result.all);
  const actual = treeSha256(tree);
  if (actual !== source.treeSha256) {
    // A download of something else: drop it, so that the next try downloads again.
    if (!archive.endsWith(source.file)) rmSync(archive, { force: true });
    throw new LjfuzzError(
      ExitCode.provision,
      `${archive.endsWith(source.file) ? source.file : source.url} unpacks to a tree with sha256 ${actual}, not the pinned ${source.treeSha256} of LuaJIT ${source.commit.slice(0, 8)}`,
    );
  }
  return {
    url: source.repository,
    commit: source.commit,
    archive: { name: archive.endsWith(source.file) ? source.file : downloadName(source), sha256: sha256File(archive) },
    treeSha256: actual,
  };
}
