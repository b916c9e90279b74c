// Turns a target spec into a runnable luajit: fetch the source, build a
// static aarch64 binary (cross or native), install it with its jit/*.lua
// modules into the cache, and record exactly what was built.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { unpackArchiveSource } from "./archive.ts";
import { type BuildManifest, cacheRoot, hashOf, RECIPE_VERSION, readManifest, targetDir, withLock } from "./cache.ts";
import { coverageRecipe, installCoverage, prepareCoverageBuild } from "./coverage-build.ts";
import { fetchDebianSource, unpackDebianSource } from "./debian.ts";
import { checkAarch64Executable, checkExecutable, isDynamicExecutable } from "./elf.ts";
import { applyPatch, corpusFixes, type FixPatch, patchApplies } from "./fixes.ts";
import { archName, buildPackages, commandFor, isNative, launcher, makeArguments, sysrootFor } from "./host.ts";
import { ensurePackages } from "./packages.ts";
import { PRNG_SEED_VARIABLE, patchSeed, type ReplaySupport, SEED_PATCH } from "./prng-seed.ts";
import { ensureSeedShim } from "./shim.ts";
import type { GitSource, TargetArch, TargetSpec } from "./source.ts";
import { patchTraceRaw, TRACE_RAW_PATCH } from "./trace-raw.ts";

/** A luajit ready to run, and how to run it. */
export interface Target {
  readonly name: string;
  readonly spec: TargetSpec;
  /** The aarch64 luajit executable. */
  readonly luajit: string;
  /** Folder holding jit/*.lua (jit.dump, jit.vmdef), or undefined if none. */
  readonly luaDir: string | undefined;
  readonly manifest: BuildManifest | undefined;
  /** A `+fixes` build's one-patch binaries, by the corpus entry whose fix.patch each has. */
  readonly fixes: ReadonlyMap<string, string>;
  /** Whether its runs can be pinned to a PRNG seed (prng-seed.ts). */
  readonly replay: ReplaySupport;
  /** A dynamic `bin:` binary under qemu: the sysroot its loader is found in (qemu -L). */
  readonly sysroot?: string;
}

export type Log = (line: string) => void;

export interface EnsureOptions {
  readonly log?: Log;
  /** Rebuild even when the cached build is current. */
  readonly force?: boolean;
}

export async function ensureTarget(spec: TargetSpec, options: EnsureOptions = {}): Promise<Target> {
  const log = options.log ?? (() => {});
  if (spec.source.kind === "bin") return await binaryTarget(spec);
  const place = await locate(spec);
  let manifest = options.force ? undefined : place.current();
  if (!manifest) {
    manifest = await withLock(`${place.dir}.lock`, async () => {
      const again = options.force ? undefined : place.current();
      return again ?? (await build(spec, place.recipe, place.recipeHash, place.dir, log));
    });
  }
  launcher(spec.arch); // fail now, clearly, when qemu is gone
  return builtTarget(spec, place.dir, manifest);
}

/** Several targets, built one after another (each build already uses every core). */
export async function ensureTargets(specs: readonly TargetSpec[], options: EnsureOptions = {}): Promise<Target[]> {
  const targets: Target[] = [];
  for (const spec of specs) targets.push(await ensureTarget(spec, options));
  return targets;
}

/** The target if a current build of it is in the cache; never builds. */
export async function findBuiltTarget(spec: TargetSpec): Promise<Target | undefined> {
  if (spec.source.kind === "bin") return await binaryTarget(spec);
  const place = await locate(spec);
  const manifest = place.current();
  return manifest ? builtTarget(spec, place.dir, manifest) : undefined;
}

function builtTarget(spec: TargetSpec, dir: string, manifest: BuildManifest): Target {
  const fixes = new Map((manifest.fixes?.applied ?? []).map((id) => [id, join(dir, "fixes", id, "luajit")] as const));
  const replay = manifest.replay ?? { kind: "random", why: "built before ljfuzz patched the PRNG seeding" };
  const luaDir = join(dir, "lua");
  return { name: spec.name, spec, luajit: join(dir, "bin", "luajit"), luaDir, manifest, fixes, replay };
}

/** Where a spec's build lives in the cache, and whether it is current. */
async function locate(spec: TargetSpec) {
  const recipe = await recipeOf(spec);
  const recipeHash = hashOf(recipe);
  const dir = targetDir(spec.name, recipeHash);
  const current = (): BuildManifest | undefined => {
    const manifest = readManifest(dir);
    return manifest?.recipeHash === recipeHash && existsSync(join(dir, "bin", "luajit")) ? manifest : undefined;
  };
  return { recipe, recipeHash, dir, current };
}

async function binaryTarget(spec: TargetSpec): Promise<Target> {
  const { path } = spec.source as { path: string };
  const check = checkAarch64Executable(path);
  if (!check.ok) throw new LjfuzzError(ExitCode.notArm64, `target ${spec.name}: ${path} is ${check.why}`);
  // A binary inside a LuaJIT tree (src/luajit) has its jit/ modules beside it.
  const luaDir = existsSync(join(dirname(path), "jit", "vmdef.lua")) ? dirname(path) : undefined;
  // Prebuilt: no seed patch. A dynamic binary takes the preloaded shim; a static one cannot be pinned.
  const dynamic = isDynamicExecutable(path);
  const replay: ReplaySupport = dynamic
    ? await shimReplay(spec)
    : { kind: "random", why: "a static bin: target: its PRNG seeding is not patched and no shim can be preloaded" };
  const sysroot = dynamic ? sysrootFor(spec.arch) : undefined;
  const common = { name: spec.name, spec, luajit: path, luaDir, manifest: undefined, fixes: new Map(), replay };
  return sysroot === undefined ? common : { ...common, sysroot };
}

/** The shim for a dynamic bin: target, or random replay (said once) when it cannot be built here (no compiler). */
async function shimReplay(spec: TargetSpec): Promise<ReplaySupport> {
  try {
    return { kind: "shim", variable: PRNG_SEED_VARIABLE, library: await ensureSeedShim(spec.arch) };
  } catch (error) {
    if (!(error instanceof LjfuzzError)) throw error;
    return { kind: "random", why: `${error.message}: its runs will not replay` };
  }
}

/** Everything that decides what a build produces; its hash keys the cache. */
async function recipeOf(spec: TargetSpec): Promise<Record<string, unknown>> {
  const base = {
    recipeVersion: RECIPE_VERSION,
    assert: spec.assert,
    host: isNative(spec.arch) ? "native" : "cross",
    // arm64 builds keep the recipe they had before there were x86-64 legs.
    ...(spec.arch === "arm64" ? {} : { arch: spec.arch }),
    prngSeedPatch: SEED_PATCH.sha256,
    traceRawPatch: TRACE_RAW_PATCH.sha256,
    // The patches' contents key the build: an edited fix.patch rebuilds it.
    ...(spec.fixes ? { fixes: corpusFixes().map(({ id, sha256 }) => ({ id, sha256 })) } : {}),
    ...(spec.cov ? { cov: coverageRecipe() } : {}),
  };
  const source = spec.source;
  if (source.kind === "debian") return { ...base, source };
  if (source.kind === "git") return { ...base, source: { ...source, commit: await resolveGitRev(source) } };
  if (source.kind === "dir")
    return { ...base, source: { kind: "dir", path: source.path, treeHash: treeHash(source.path) } };
  return { ...base, source };
}

/** A branch or tag moves: resolve it to the commit it names today. */
async function resolveGitRev(source: GitSource): Promise<string> {
  if (/^[0-9a-f]{40}$/.test(source.rev)) return source.rev;
  const result = await execa("git", ["ls-remote", source.url, source.rev, `${source.rev}^{}`], {
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0)
    throw new LjfuzzError(ExitCode.provision, `git ls-remote ${source.url} failed`, result.all);
  const lines = result.stdout.split("\n").filter(Boolean);
  const peeled = lines.find((l) => l.endsWith("^{}")) ?? lines[0];
  // An abbreviated commit id is not listed by ls-remote: keep it as given.
  return peeled ? peeled.split("\t")[0]! : source.rev;
}

/** Content hash of the files a LuaJIT build reads. */
function treeHash(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        if (name !== ".git" && name !== "debian") walk(path);
      } else if (/\.(c|h|dasc|lua|S)$|^Makefile/.test(name) && !/^(luajit|buildvm|minilua)$|\.o$|\.a$/.test(name)) {
        hash.update(relative(root, path)).update(readFileSync(path));
      }
    }
  };
  walk(join(root, "src"));
  return hash.digest("hex");
}

async function build(
  spec: TargetSpec,
  recipe: unknown,
  recipeHash: string,
  dir: string,
  log: Log,
): Promise<BuildManifest> {
  // The work folder goes whatever happens: a build that failed (no source, a
  // compile error) leaves nothing half-made in the cache.
  const work = `${dir}.work`;
  try {
    return await buildIn(work, spec, recipe, recipeHash, dir, log);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function buildIn(
  work: string,
  spec: TargetSpec,
  recipe: unknown,
  recipeHash: string,
  dir: string,
  log: Log,
): Promise<BuildManifest> {
  const started = Date.now();
  await ensurePackages(buildPackages(spec.arch), log);
  const root = cacheRoot();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tree = join(work, "tree");
  let provenance: BuildManifest["provenance"];
  const source = spec.source;
  if (source.kind === "debian") {
    const fetched = await fetchDebianSource(source, root, log);
    await unpackDebianSource(fetched.dsc, tree);
    provenance = fetched.provenance;
  } else if (source.kind === "archive") {
    provenance = await unpackArchiveSource(source, root, tree, log);
  } else if (source.kind === "git") {
    const commit = (recipe as { source: { commit: string } }).source.commit;
    log(`cloning ${source.url} at ${commit.slice(0, 12)}`);
    await run("git", ["clone", "--quiet", source.url, tree], work);
    await run("git", ["checkout", "--quiet", commit], tree);
    const head = (await execa("git", ["rev-parse", "HEAD"], { cwd: tree })).stdout.trim();
    provenance = { url: source.url, commit: head };
  } else if (source.kind === "dir") {
    cpSync(source.path, tree, { recursive: true, filter: (p) => !p.includes("/.git/") && !/\.(o|a)$/.test(p) });
    await execa("make", ["clean"], { cwd: tree, reject: false });
    provenance = { path: source.path, treeHash: (recipe as { source: { treeHash: string } }).source.treeHash };
  } else {
    throw new Error("bin targets are not built");
  }
  const replay = await patchSeed(tree);
  if (replay.kind === "random") log(`${spec.name}: ${replay.why}; its runs will not replay`);
  const traceRaw = await patchTraceRaw(tree);
  if (!traceRaw)
    log(`${spec.name}: the trace-raw patch does not apply to src/lib_jit.c; the probe reads its traces the slow way`);

  log(`building ${spec.name}${isNative(spec.arch) ? "" : ` (cross, ${archName(spec.arch)})`}`);
  const jobs = Math.max(1, Math.min(availableParallelism(), 4));
  const cov = spec.cov ? await prepareCoverageBuild(work) : { args: [], env: {} };
  const make = {
    args: [...makeArguments({ assert: spec.assert, jobs, arch: spec.arch }), ...cov.args],
    env: cov.env,
  };
  await run("make", make.args, tree, `building ${spec.name}`, make.env);
  const binary = join(tree, "src", "luajit");
  const check = checkExecutable(binary, spec.arch);
  if (!check.ok) throw new LjfuzzError(ExitCode.provision, `building ${spec.name} produced ${check.why}`);

  const staging = join(work, "install");
  mkdirSync(join(staging, "bin"), { recursive: true });
  const fixes = spec.fixes ? await buildFixes(tree, staging, make, log) : undefined;
  cpSync(binary, join(staging, "bin", "luajit"));
  cpSync(join(tree, "src", "jit"), join(staging, "lua", "jit"), { recursive: true });
  const coverage = spec.cov ? installCoverage(tree, join(staging, "cov")) : undefined;
  const luajitVersion = await versionOf(join(staging, "bin", "luajit"), spec.arch);
  const manifest: BuildManifest = {
    name: spec.name,
    recipeHash,
    recipe,
    provenance,
    luajitVersion,
    builtAt: new Date().toISOString(),
    host: `${process.platform}-${process.arch}`,
    binarySha256: createHash("sha256").update(readFileSync(binary)).digest("hex"),
    replay,
    traceRaw: traceRaw ? { patchSha256: TRACE_RAW_PATCH.sha256 } : false,
    ...(fixes ? { fixes } : {}),
    ...(coverage ? { coverage } : {}),
  };
  writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`built ${spec.name} (${luajitVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/**
 * After the plain build: each corpus patch alone (make rebuilds only what it
 * touches), its binary kept as fixes/ID/luajit, then all of them together in
 * the tree, for the main binary. A patch that does not apply to this
 * version is left out and listed.
 */
async function buildFixes(
  tree: string,
  staging: string,
  make: { args: string[]; env: Record<string, string> },
  log: Log,
): Promise<{ applied: string[]; unapplied: string[] }> {
  const applied: FixPatch[] = [];
  const unapplied: string[] = [];
  const rebuild = (what: string) => run("make", make.args, tree, what, make.env);
  for (const fix of corpusFixes()) {
    if (!(await patchApplies(tree, fix))) {
      unapplied.push(fix.id);
      continue;
    }
    log(`building with the fix of ${fix.id}`);
    await applyPatch(tree, fix);
    await rebuild(`building with the fix of ${fix.id}`);
    mkdirSync(join(staging, "fixes", fix.id), { recursive: true });
    cpSync(join(tree, "src", "luajit"), join(staging, "fixes", fix.id, "luajit"));
    await applyPatch(tree, fix, { reverse: true });
    applied.push(fix);
  }
  for (const fix of applied) await applyPatch(tree, fix);
  await rebuild("building with every fix");
  return { applied: applied.map((f) => f.id), unapplied };
}

async function versionOf(luajit: string, arch: TargetArch): Promise<string> {
  const command = commandFor(luajit, arch, ["-v"]);
  const result = await execa(command.file, command.args, { reject: false });
  return result.stdout.trim().split("\n")[0] ?? "unknown";
}

async function run(
  command: string,
  args: string[],
  cwd: string,
  what?: string,
  env?: Record<string, string>,
): Promise<void> {
  const result = await execa(command, args, { cwd, env, reject: false, all: true });
  if (result.exitCode !== 0) {
    const tail = (result.all ?? "").split("\n").slice(-30).join("\n");
    throw new LjfuzzError(
      ExitCode.provision,
      `${what ?? `${command} ${args.join(" ")}`} failed (exit ${result.exitCode}); --verbose shows the output`,
      tail,
    );
  }
}
