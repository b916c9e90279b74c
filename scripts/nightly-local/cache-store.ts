// actions/cache, locally: a folder per saved key. Restoring takes the exact key,
// else the newest entry whose key starts with the first restore key that has
// one (GitHub's order); an entry counts only for the same paths (GitHub's
// "version"). Saving, at the job's end, happens only when the exact key missed.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface CacheEntry {
  readonly key: string;
  readonly version: string;
  readonly created: number;
  readonly dir: string;
}

/** What a set of paths is cached as: another set never restores it. */
export function cacheVersion(paths: readonly string[]): string {
  return createHash("sha256").update(JSON.stringify(paths)).digest("hex").slice(0, 16);
}

/** The entry a restore takes, and whether it is the exact key (`cache-hit`). */
export function chooseEntry(
  entries: readonly CacheEntry[],
  key: string,
  restoreKeys: readonly string[],
  version: string,
): { entry: CacheEntry; exact: boolean } | undefined {
  const usable = entries.filter((e) => e.version === version);
  const exact = usable.find((e) => e.key === key);
  if (exact) return { entry: exact, exact: true };
  for (const prefix of restoreKeys) {
    const newest = usable.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.created - a.created)[0];
    if (newest) return { entry: newest, exact: false };
  }
  return undefined;
}

export function readEntries(store: string): CacheEntry[] {
  if (!existsSync(store)) return [];
  return readdirSync(store)
    .filter((name) => existsSync(join(store, name, "entry.json")))
    .map((name) => ({
      ...(JSON.parse(readFileSync(join(store, name, "entry.json"), "utf8")) as Omit<CacheEntry, "dir">),
      dir: join(store, name),
    }));
}

/** Copies an entry's saved paths back where they were (over what is there, as tar would). */
export function restoreEntry(entry: CacheEntry, paths: readonly string[]): void {
  paths.forEach((path, index) => {
    const saved = join(entry.dir, "files", String(index));
    if (existsSync(saved)) cpSync(saved, path, { recursive: true, force: true });
  });
}

/** Saves the paths under key; false when the key is saved already (another job was first). */
export function saveEntry(store: string, key: string, version: string, paths: readonly string[]): boolean {
  if (readEntries(store).some((e) => e.key === key && e.version === version)) return false;
  const dir = join(store, createHash("sha256").update(`${key}\0${version}`).digest("hex").slice(0, 16));
  rmSync(dir, { recursive: true, force: true });
  paths.forEach((path, index) => {
    if (existsSync(path)) cpSync(path, join(dir, "files", String(index)), { recursive: true });
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "entry.json"), JSON.stringify({ key, version, created: Date.now() }));
  return true;
}
