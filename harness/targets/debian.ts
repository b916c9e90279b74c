// Fetches a pinned Debian source package without touching the system's apt
// configuration: a private sources.list and private lists under our cache.
// apt checks the archive's signed Release file and the hashes of everything
// it downloads; we check the .dsc's SHA-256 sums again before every build.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { type DebianProvenance, type FileChecksum, withLock } from "./cache.ts";
import type { DebianSource } from "./source.ts";
import { sha256File } from "./sources-folder.ts";

const ARCHIVE = "http://deb.debian.org/debian";
const KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";
const LISTS_MAX_AGE_MS = 24 * 3600 * 1000;

function aptOptions(aptDir: string): string[] {
  return [
    `-o`,
    `Dir::Etc::SourceList=${join(aptDir, "sources.list")}`,
    `-o`,
    `Dir::Etc::SourceParts=${join(aptDir, "sources.list.d")}`,
    `-o`,
    `Dir::State::Lists=${join(aptDir, "lists")}`,
    `-o`,
    `Dir::Cache=${join(aptDir, "cache")}`,
    `-o`,
    `Debug::NoLocking=1`,
    `-o`,
    `APT::Sandbox::User=${process.getuid?.() === 0 ? "root" : (process.env.USER ?? "nobody")}`,
  ];
}

function prepareAptDir(aptDir: string, suites: readonly string[]): void {
  for (const sub of ["lists/partial", "cache/archives/partial", "sources.list.d"])
    mkdirSync(join(aptDir, sub), { recursive: true });
  const lines = suites.map((suite) => `deb-src [signed-by=${KEYRING}] ${ARCHIVE} ${suite} main`);
  const path = join(aptDir, "sources.list");
  const text = `${lines.join("\n")}\n`;
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) {
    writeFileSync(path, text);
    // New suites: the old lists no longer answer for them.
    writeFileSync(join(aptDir, "lists", ".stale"), "");
  }
}

function listsAreFresh(aptDir: string): boolean {
  const lists = join(aptDir, "lists");
  if (existsSync(join(lists, ".stale"))) return false;
  const files = readdirSync(lists).filter((f) => f.endsWith("_Sources") || f.includes("_Sources."));
  if (files.length === 0) return false;
  return Date.now() - statSync(join(lists, files[0]!)).mtimeMs < LISTS_MAX_AGE_MS;
}

async function updateLists(aptDir: string, log: (line: string) => void): Promise<void> {
  log("reading Debian's source package lists");
  let result = await execa("apt-get", [...aptOptions(aptDir), "update"], { reject: false, all: true });
  // A mirror caught mid-sync answers with a hash mismatch: once more.
  if (result.exitCode !== 0)
    result = await execa("apt-get", [...aptOptions(aptDir), "update"], { reject: false, all: true });
  if (result.exitCode !== 0) {
    throw new LjfuzzError(
      ExitCode.provision,
      `apt-get update for Debian source lists failed (exit ${result.exitCode})`,
      result.all,
    );
  }
  const stale = join(aptDir, "lists", ".stale");
  if (existsSync(stale)) await execa("rm", ["-f", stale]);
}

/** Versions of a source package the lists know, each with its suite. */
async function availableVersions(aptDir: string, pkg: string): Promise<Map<string, string>> {
  const result = await execa("apt-cache", [...aptOptions(aptDir), "madison", pkg], { reject: false });
  const versions = new Map<string, string>();
  for (const line of result.stdout.split("\n")) {
    const [name, version, where] = line.split("|").map((f) => f.trim());
    if (name !== pkg || !version || !where?.endsWith("Sources")) continue;
    const suite = /\s(\S+)\/main Sources$/.exec(where)?.[1] ?? "unknown";
    if (!versions.has(version)) versions.set(version, suite);
  }
  return versions;
}

/** The Checksums-Sha256 block of a .dsc, plus the .dsc itself. */
function dscChecksums(dscPath: string): FileChecksum[] {
  const text = readFileSync(dscPath, "utf8");
  const block = /^Checksums-Sha256:\n((?: .+\n)+)/m.exec(text);
  if (!block) throw new LjfuzzError(ExitCode.provision, `${dscPath}: no Checksums-Sha256 field`);
  return block[1]!
    .trim()
    .split("\n")
    .map((line) => {
      const [sha256, , name] = line.trim().split(/\s+/);
      return { name: name!, sha256: sha256! };
    });
}

function dscFileName(pkg: string, version: string): string {
  // The epoch (N:) is not part of file names.
  return `${pkg}_${version.replace(/^\d+:/, "")}.dsc`;
}

/**
 * Downloads (once) and verifies a pinned source package; returns the folder
 * holding its files and their provenance.
 */
export async function fetchDebianSource(
  source: DebianSource,
  cacheRoot: string,
  log: (line: string) => void,
): Promise<{ dir: string; dsc: string; provenance: DebianProvenance }> {
  const aptDir = join(cacheRoot, "apt");
  const dir = join(cacheRoot, "sources", `${source.package}_${source.version}`);
  const dsc = join(dir, dscFileName(source.package, source.version));
  // One apt at a time on our private state: parallel builds share it.
  const suite = await withLock(join(cacheRoot, "apt.lock"), async () => {
    prepareAptDir(aptDir, source.suites);
    const versions = await findVersion(source, aptDir, log);
    if (!existsSync(dsc)) await download(source, aptDir, dir, dsc, log);
    return versions.get(source.version) ?? "unknown";
  });

  const files = dscChecksums(dsc);
  for (const file of files) {
    const path = join(dir, file.name);
    if (!existsSync(path))
      throw new LjfuzzError(
        ExitCode.provision,
        `${source.package}=${source.version}: ${file.name} is missing from ${dir}; delete the folder to download again`,
      );
    const actual = sha256File(path);
    if (actual !== file.sha256) {
      throw new LjfuzzError(
        ExitCode.provision,
        `${source.package}=${source.version}: ${file.name} has sha256 ${actual}, the .dsc says ${file.sha256}; delete ${dir} to download again`,
      );
    }
  }
  return {
    dir,
    dsc,
    provenance: {
      package: source.package,
      version: source.version,
      suite,
      files: [{ name: dscFileName(source.package, source.version), sha256: sha256File(dsc) }, ...files],
    },
  };
}

/** The versions the archive has, after making sure the pinned one is there. */
async function findVersion(
  source: DebianSource,
  aptDir: string,
  log: (line: string) => void,
): Promise<Map<string, string>> {
  let updated = false;
  if (!listsAreFresh(aptDir)) {
    await updateLists(aptDir, log);
    updated = true;
  }
  let versions = await availableVersions(aptDir, source.package);
  if (!versions.has(source.version) && !updated) {
    await updateLists(aptDir, log);
    versions = await availableVersions(aptDir, source.package);
  }
  if (!versions.has(source.version)) {
    const have = [...versions].map(([v, suite]) => `${v} (${suite})`).join(", ") || "none";
    throw new LjfuzzError(
      ExitCode.provision,
      `${source.package}=${source.version} is not in Debian's archive any more (suites ${source.suites.join(", ")}); available: ${have}`,
    );
  }
  return versions;
}

async function download(
  source: DebianSource,
  aptDir: string,
  dir: string,
  dsc: string,
  log: (line: string) => void,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  log(`downloading Debian source ${source.package}=${source.version}`);
  const result = await execa(
    "apt-get",
    [...aptOptions(aptDir), "source", "--download-only", `${source.package}=${source.version}`],
    {
      cwd: dir,
      reject: false,
      all: true,
    },
  );
  if (result.exitCode !== 0 || !existsSync(dsc)) {
    throw new LjfuzzError(
      ExitCode.provision,
      `downloading ${source.package}=${source.version} failed (exit ${result.exitCode})`,
      result.all,
    );
  }
}

/** Unpacks a verified source package (Debian patches applied) into dest. */
export async function unpackDebianSource(dsc: string, dest: string): Promise<void> {
  const result = await execa("dpkg-source", ["--no-check", "-x", dsc, dest], { reject: false, all: true });
  if (result.exitCode !== 0) throw new LjfuzzError(ExitCode.provision, `dpkg-source -x ${dsc} failed`, result.all);
}
