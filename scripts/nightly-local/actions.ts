// The `uses:` actions the workflows use, by local stand-ins that do what the
// action does to the job's files and outputs: checkout clones this repository's
// commit, setup-node is the Node here, cache and the artifacts are folders.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { download, upload, uploadFiles } from "./artifacts.ts";
import { cacheVersion, chooseEntry, readEntries, restoreEntry, saveEntry } from "./cache-store.ts";

/** What a stand-in may touch: the job's folders and the run's stores. */
export interface ActionSite {
  readonly repository: string;
  readonly origin: string;
  readonly sha: string;
  readonly workspace: string;
  readonly home: string;
  readonly artifacts: string;
  readonly cacheStore: string;
  /** Paths (as a workflow writes them) a cache starts from when no night saved it yet. */
  readonly cacheSeeds: Readonly<Record<string, string>>;
  readonly npmCache: string;
  readonly log: (line: string) => void;
}

export interface ActionResult {
  readonly outputs: Record<string, string>;
  /** Variables for the steps after it (setup-node's npm cache). */
  readonly env?: Record<string, string>;
  /** Runs at the job's end if the job succeeded (actions/cache's `post-if: success()`). */
  readonly post?: () => void;
}

/** The action cannot be done here (not a step that failed: the local run stops, exit 2). */
export class NoStandIn extends Error {}

/** The action ran and failed, as it would on GitHub. */
export class ActionFailure extends Error {}

type StandIn = (site: ActionSite, inputs: Record<string, string>) => ActionResult;

function lines(value: string | undefined): string[] {
  return (value ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

function localPath(site: ActionSite, path: string): string {
  if (path === "~" || path.startsWith("~/")) return join(site.home, path.slice(1));
  return isAbsolute(path) ? path : resolve(site.workspace, path);
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

const checkout: StandIn = (site, inputs) => {
  const repository = inputs.repository || site.repository;
  if (repository !== site.repository)
    throw new NoStandIn(`actions/checkout of ${repository}: only this repository can be checked out here (no network)`);
  const dir = localPath(site, inputs.path || ".");
  const ref = inputs.ref || site.sha;
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "--quiet");
  git(dir, "remote", "add", "origin", site.origin);
  git(dir, "fetch", "--quiet", "--no-tags", "origin", "+refs/heads/*:refs/remotes/origin/*");
  let commit: string;
  try {
    commit = git(dir, "rev-parse", "--verify", `${ref}^{commit}`).trim();
  } catch {
    commit = git(dir, "rev-parse", "--verify", `origin/${ref}^{commit}`).trim();
  }
  git(dir, "checkout", "--quiet", "--detach", commit);
  site.log(`checked out ${repository} at ${commit} into ${inputs.path || "the workspace"}`);
  return { outputs: { ref, commit } };
};

const setupNode: StandIn = (site, inputs) => {
  const here = process.versions.node;
  const wanted = inputs["node-version"] ?? "";
  if (wanted !== "" && wanted.split(".")[0] !== here.split(".")[0])
    site.log(`warning: node-version ${wanted} asked for; this machine has Node ${here}, used as it is`);
  else site.log(`Node ${here} (this machine's)`);
  const env: Record<string, string> = {};
  if (inputs.cache === "npm") {
    env.npm_config_cache = site.npmCache;
    site.log(`npm's cache: this machine's (${site.npmCache})`);
  }
  return { outputs: { "node-version": `v${here}` }, env };
};

/** Where a cache's paths are and what they are saved as (its key and GitHub's "version" of the paths). */
interface CacheSite {
  readonly key: string;
  readonly version: string;
  readonly paths: readonly string[];
}

function cacheSite(site: ActionSite, inputs: Record<string, string>, action: string): CacheSite {
  const written = lines(inputs.path);
  if (written.length === 0 || !inputs.key) throw new ActionFailure(`${action} needs path and key`);
  return { key: inputs.key, version: cacheVersion(written), paths: written.map((p) => localPath(site, p)) };
}

/** The restoring half of actions/cache (all of actions/cache/restore): whether the exact key hit, and the outputs. */
function restoreCache(site: ActionSite, inputs: Record<string, string>, at: CacheSite) {
  const found = chooseEntry(readEntries(site.cacheStore), at.key, lines(inputs["restore-keys"]), at.version);
  let matched = "";
  if (found) {
    restoreEntry(found.entry, at.paths);
    matched = found.entry.key;
    site.log(`cache ${found.exact ? "hit" : "restored from"} key ${found.entry.key}`);
  } else {
    const seeded = lines(inputs.path).filter(
      (p) => site.cacheSeeds[p] !== undefined && existsSync(site.cacheSeeds[p]!),
    );
    for (const p of seeded) cpSync(site.cacheSeeds[p]!, localPath(site, p), { recursive: true });
    site.log(
      seeded.length > 0
        ? `cache miss for ${at.key}: ${seeded.join(", ")} started from this machine's own (no night saved one yet)`
        : `cache miss for ${at.key}`,
    );
  }
  const exact = found?.exact === true;
  const outputs = { "cache-hit": String(exact), "cache-primary-key": at.key, "cache-matched-key": matched };
  return { found: found !== undefined, exact, outputs };
}

/** The saving half: as on GitHub, a key saved already stays as it is (a warning, not a failure). */
function saveCache(site: ActionSite, at: CacheSite): void {
  site.log(
    saveEntry(site.cacheStore, at.key, at.version, at.paths)
      ? `cache saved as ${at.key}`
      : `cache ${at.key} not saved: it is saved already`,
  );
}

const cache: StandIn = (site, inputs) => {
  const at = cacheSite(site, inputs, "actions/cache");
  const restored = restoreCache(site, inputs, at);
  return { outputs: restored.outputs, post: restored.exact ? undefined : () => saveCache(site, at) };
};

const cacheRestore: StandIn = (site, inputs) => {
  const at = cacheSite(site, inputs, "actions/cache/restore");
  const restored = restoreCache(site, inputs, at);
  if (!restored.found && inputs["fail-on-cache-miss"] === "true")
    throw new ActionFailure(`no cache for ${at.key} (fail-on-cache-miss)`);
  return { outputs: restored.outputs };
};

const cacheSave: StandIn = (site, inputs) => {
  saveCache(site, cacheSite(site, inputs, "actions/cache/save"));
  return { outputs: {} };
};

const uploadArtifact: StandIn = (site, inputs): ActionResult => {
  const name = inputs.name || "artifact";
  const { root, files } = uploadFiles(site.workspace, inputs.path ?? "", inputs["include-hidden-files"] === "true");
  if (files.length === 0) {
    const policy = inputs["if-no-files-found"] || "warn";
    const message = `no files found for artifact ${name} at ${lines(inputs.path).join(", ")}`;
    if (policy === "error") throw new ActionFailure(message);
    site.log(policy === "warn" ? `warning: ${message}: none uploaded` : `${message}: none uploaded`);
    return { outputs: {} };
  }
  upload(site.artifacts, name, root, files, inputs.overwrite === "true");
  site.log(`uploaded ${files.length} files as artifact ${name}`);
  return { outputs: { "artifact-id": name, "artifact-url": `artifacts/${name}` } };
};

const downloadArtifact: StandIn = (site, inputs) => {
  const path = localPath(site, inputs.path || ".");
  const names = download(site.artifacts, {
    name: inputs.name,
    pattern: inputs.pattern,
    path,
    mergeMultiple: inputs["merge-multiple"] === "true",
  });
  site.log(`downloaded ${names.length} artifacts${names.length > 0 ? `: ${names.join(", ")}` : ""}`);
  return { outputs: { "download-path": path } };
};

const STAND_INS: Readonly<Record<string, StandIn>> = {
  "actions/checkout": checkout,
  "actions/setup-node": setupNode,
  "actions/cache": cache,
  "actions/cache/restore": cacheRestore,
  "actions/cache/save": cacheSave,
  "actions/upload-artifact": uploadArtifact,
  "actions/download-artifact": downloadArtifact,
};

export function standIn(uses: string): StandIn | undefined {
  return STAND_INS[uses.split("@")[0]!];
}

/** This machine's ljfuzz build cache: what `~/.cache/ljfuzz` starts from locally. */
export function hostLjfuzzCache(): string {
  return process.env.LJFUZZ_CACHE || join(homedir(), ".cache", "ljfuzz");
}
