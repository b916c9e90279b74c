// LuaJIT's own test suite (LuaJIT-test-cleanup) as seeds: its tests are
// real programs written to reach the compiler's corners. Found as a folder
// (its test/ folder, or one holding it), as its .tar.gz archive, by
// LJFUZZ_TEST_SUITE, or as the archive among the source archives of
// LJFUZZ_SOURCES; a clone without any of these seeds from the corpus alone.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type Seed, type SeedFile, seedIssues, testSuiteSeeds } from "../../generators/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";

const TEST_SUITE_VARIABLE = "LJFUZZ_TEST_SUITE";
/** The archive's name in LJFUZZ_SOURCES: `luajit-test-cleanup-COMMIT.tar.gz`. */
const ARCHIVE_NAME = /^luajit-test-cleanup-[0-9a-f]+\.tar\.gz$/;

/** The folder holding the runner `test.lua` at or below `dir` (two levels at most), or undefined. */
function runnerFolder(dir: string, depth = 2): string | undefined {
  if (existsSync(join(dir, "test.lua"))) return dir;
  if (depth === 0) return undefined;
  for (const name of readdirSync(dir).sort()) {
    const sub = join(dir, name);
    if (statSync(sub).isDirectory()) {
      const found = runnerFolder(sub, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Archives already unpacked in this process, by path: the folder of their tests. */
const unpacked = new Map<string, string>();

function unpack(archive: string): string {
  const known = unpacked.get(archive);
  if (known) return known;
  const dir = mkdtempSync(join(tmpdir(), "ljfuzz-suite-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  try {
    execFileSync("tar", ["-xzf", archive, "-C", dir], { stdio: "pipe" });
  } catch (e) {
    throw new LjfuzzError(ExitCode.missingFile, `${archive}: not a .tar.gz archive tar can read`, String(e));
  }
  const folder = runnerFolder(dir);
  if (!folder)
    throw new LjfuzzError(ExitCode.missingFile, `${archive}: no test/test.lua in it (not LuaJIT's test suite)`);
  unpacked.set(archive, folder);
  return folder;
}

/** `path` (a folder or an archive) as the folder of the suite's tests. */
function suiteAt(path: string): string {
  if (!existsSync(path)) throw new LjfuzzError(ExitCode.missingFile, `${path}: no such file or folder`);
  if (statSync(path).isFile()) return unpack(path);
  const folder = runnerFolder(path);
  if (!folder) throw new LjfuzzError(ExitCode.missingFile, `${path}: no test.lua in it (not LuaJIT's test suite)`);
  return folder;
}

/**
 * The folder of the suite's tests: `given` (a folder or an archive), else
 * LJFUZZ_TEST_SUITE, else the archive in LJFUZZ_SOURCES; null when there
 * is none of these. A path given that is not the suite is an error.
 */
export function testSuiteFolder(given?: string): string | null {
  const named = given ?? process.env[TEST_SUITE_VARIABLE];
  if (named) return suiteAt(named);
  const sources = process.env.LJFUZZ_SOURCES;
  if (!sources || !existsSync(sources)) return null;
  const archive = readdirSync(sources)
    .sort()
    .find((name) => ARCHIVE_NAME.test(name));
  return archive ? unpack(join(sources, archive)) : null;
}

/** Every test file below `root` (binary strings), without the runner `test.lua` and the helpers of `common/`. */
export function testSuiteFiles(root: string): SeedFile[] {
  const files: SeedFile[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== "common") walk(p);
      } else if (n.endsWith(".lua") && n !== "test.lua")
        files.push({ path: relative(root, p), text: readFileSync(p, "latin1") });
    }
  };
  walk(root);
  return files;
}

/** The tests a campaign seeds from: each with its file's prefix, those that need nothing beyond themselves. */
export function selfContainedSuiteSeeds(root: string): Seed[] {
  return testSuiteSeeds(testSuiteFiles(root)).seeds.filter((s) => seedIssues(s).length === 0);
}
