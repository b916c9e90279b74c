// LJFUZZ_SOURCES: a folder of source archives, searched by SHA-256 before
// anything is downloaded. How a machine without a network (or behind a
// proxy) gets the pinned sources: put the files there, whatever their names.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";

export const SOURCES_VARIABLE = "LJFUZZ_SOURCES";

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** The folder LJFUZZ_SOURCES names, or undefined when it is unset; a name that is no folder is an error. */
export function sourcesFolder(): string | undefined {
  const dir = process.env[SOURCES_VARIABLE];
  if (dir === undefined || dir === "") return undefined;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new LjfuzzError(ExitCode.provision, `${SOURCES_VARIABLE}=${dir} is not a folder`);
  return dir;
}

/**
 * The file in LJFUZZ_SOURCES whose SHA-256 is `sha256`: the file called
 * `name` first, then any other (a renamed download still counts).
 */
export function findInSources(sha256: string, name: string): string | undefined {
  const dir = sourcesFolder();
  if (dir === undefined) return undefined;
  const named = join(dir, name);
  const others = readdirSync(dir)
    .sort()
    .map((file) => join(dir, file))
    .filter((path) => path !== named);
  for (const path of [named, ...others]) {
    if (existsSync(path) && statSync(path).isFile() && sha256File(path) === sha256) return path;
  }
  return undefined;
}

/** How an error names the folder: what a user sets to get past it. */
export function sourcesFolderText(): string {
  const dir = process.env[SOURCES_VARIABLE];
  return dir ? `${SOURCES_VARIABLE}=${dir}` : `${SOURCES_VARIABLE} (unset)`;
}
