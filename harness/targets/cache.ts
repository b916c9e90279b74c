// Where built targets live, and how we know a build is current: each target
// folder holds a manifest with the hash of the recipe that made it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { ArchiveProvenance } from "./archive.ts";
import type { CoverageBuild } from "./coverage-build.ts";
import type { ReplaySupport } from "./prng-seed.ts";

/** Bump when the way we build changes, so every cached build is redone. */
export const RECIPE_VERSION = 1;

export function cacheRoot(): string {
  const root = process.env.LJFUZZ_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ljfuzz");
  mkdirSync(root, { recursive: true });
  return root;
}

/** What a Debian source package build was made from (debian.ts fetches and checks it). */
export interface FileChecksum {
  readonly name: string;
  readonly sha256: string;
}

export interface DebianProvenance {
  readonly package: string;
  readonly version: string;
  readonly suite: string;
  readonly files: readonly FileChecksum[];
}

export interface BuildManifest {
  readonly name: string;
  readonly recipeHash: string;
  readonly recipe: unknown;
  /** What exactly was built: Debian version and checksums, git commit, tree hash. */
  readonly provenance:
    | DebianProvenance
    | ArchiveProvenance
    | { readonly commit: string; readonly url: string }
    | { readonly treeHash: string; readonly path: string };
  readonly luajitVersion: string;
  readonly builtAt: string;
  readonly host: string;
  readonly binarySha256: string;
  /** Whether LJFUZZ_PRNG_SEED pins its runs (prng-seed.ts); absent in builds made before it existed. */
  readonly replay?: ReplaySupport;
  /** Whether it has jit.util.traceraw (trace-raw.ts): the patch's hash, or false where it did not apply. */
  readonly traceRaw?: { readonly patchSha256: string } | false;
  /** A `+fixes` build: the corpus patches that applied (each has fixes/ID/luajit) and those that did not. */
  readonly fixes?: { readonly applied: readonly string[]; readonly unapplied: readonly string[] };
  /** A `+cov` build: how its gcov counts are placed, and which sources are instrumented (notes in cov/). */
  readonly coverage?: CoverageBuild;
}

export function hashOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

export function targetDir(name: string, recipeHash: string): string {
  const safe = name.replace(/[^A-Za-z0-9._+-]+/g, "_").slice(0, 60);
  // Names are unique for catalog targets; git/dir specs get a hash suffix.
  return join(cacheRoot(), "targets", /^[a-z0-9.+-]+$/.test(name) ? safe : `${safe}-${recipeHash.slice(0, 12)}`);
}

export function readManifest(dir: string): BuildManifest | undefined {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as BuildManifest;
  } catch {
    return undefined;
  }
}

/**
 * Runs fn while holding a lock folder: two ljfuzz processes (or two test
 * workers) asking for the same target build it once. A lock older than
 * 20 minutes belongs to a process that died and is taken over.
 */
export async function withLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(path, ".."), { recursive: true });
  for (;;) {
    try {
      mkdirSync(path);
      break;
    } catch {
      try {
        if (Date.now() - statSync(path).mtimeMs > 20 * 60 * 1000) rmSync(path, { recursive: true, force: true });
      } catch {
        // gone meanwhile: try again
      }
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}
