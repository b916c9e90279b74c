// actions/upload-artifact and download-artifact, locally: one folder per
// artifact name under the run's artifacts/. Upload keeps the paths relative to
// the search paths' common folder, as the action does; download puts one
// artifact in `path`, several each in path/NAME, or all in `path` with
// merge-multiple.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import picomatch from "picomatch";
import { globSync } from "tinyglobby";

export class ArtifactFailure extends Error {}

const GLOB = /[*?[\]{}]/;

/** The folder a search path is relative to: itself for a folder, its parent for a file, the part before a glob. */
function searchRoot(pattern: string): string {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((p) => GLOB.test(p));
  if (firstGlob >= 0) return parts.slice(0, firstGlob).join("/") || "/";
  return existsSync(pattern) && statSync(pattern).isDirectory() ? pattern : dirname(pattern);
}

function commonFolder(folders: readonly string[]): string {
  const split = folders.map((f) => f.split(sep));
  const first = split[0] ?? [];
  let n = first.length;
  for (const parts of split) {
    let i = 0;
    while (i < n && parts[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(sep) || sep;
}

function isHidden(path: string): boolean {
  return path.split(sep).some((part) => part.startsWith(".") && part !== "." && part !== "..");
}

/** The files an upload takes (absolute) and the folder their names are relative to. */
export function uploadFiles(
  workspace: string,
  pathInput: string,
  includeHidden: boolean,
): { root: string; files: string[] } {
  const lines = pathInput
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const include = lines.filter((l) => !l.startsWith("!")).map((l) => (isAbsolute(l) ? l : resolve(workspace, l)));
  const exclude = lines.filter((l) => l.startsWith("!")).map((l) => resolve(workspace, l.slice(1)));
  const files = new Set<string>();
  for (const pattern of include) {
    if (GLOB.test(pattern)) {
      for (const f of globSync(pattern, { absolute: true, dot: true, onlyFiles: true })) files.add(f);
    } else if (existsSync(pattern) && statSync(pattern).isDirectory()) {
      for (const f of globSync("**/*", { cwd: pattern, absolute: true, dot: true, onlyFiles: true })) files.add(f);
    } else if (existsSync(pattern)) files.add(pattern);
  }
  const excluded = picomatch(exclude.map((p) => (GLOB.test(p) ? p : `${p}{,/**}`)));
  const root = commonFolder(include.map(searchRoot));
  const kept = [...files].filter((f) => !excluded(f) && (includeHidden || !isHidden(relative(root, f)))).sort();
  return { root, files: kept };
}

export function upload(store: string, name: string, root: string, files: readonly string[], overwrite: boolean): void {
  const dir = join(store, name);
  if (existsSync(dir) && !overwrite)
    throw new ArtifactFailure(`an artifact named ${name} exists already in this run (overwrite: false)`);
  for (const file of files) cpSync(file, join(dir, relative(root, file)));
}

export function download(
  store: string,
  options: { name?: string; pattern?: string; path: string; mergeMultiple: boolean },
): string[] {
  const names = existsSync(store) ? readdirSync(store).sort() : [];
  if (options.name !== undefined && options.name !== "") {
    if (!names.includes(options.name)) throw new ArtifactFailure(`no artifact named ${options.name} in this run`);
    cpSync(join(store, options.name), options.path, { recursive: true });
    return [options.name];
  }
  const matches = options.pattern ? picomatch(options.pattern) : () => true;
  const chosen = names.filter((n) => matches(n));
  mkdirSync(options.path, { recursive: true });
  for (const n of chosen)
    cpSync(join(store, n), options.mergeMultiple ? options.path : join(options.path, n), { recursive: true });
  return chosen;
}
