// LuaJIT's own test suite (LuaJIT-test-cleanup), for tests and measurements
// that seed from it: the archive ../shared/upstream holds beside the
// repository on the project's machines (a user's clone has none: callers
// skip), or a folder named by LJFUZZ_TEST_SUITE.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { SeedFile } from "../../generators/index.ts";
import { REPO } from "./fixtures.ts";

const ARCHIVE = join(REPO, "..", "shared", "upstream", "luajit-test-cleanup-014708b.tar.gz");

/** The suite's `test/` folder: LJFUZZ_TEST_SUITE, or the archive unpacked once per process; null when there is neither. */
let unpacked: string | null | undefined;
export function testSuiteFolder(): string | null {
  if (process.env.LJFUZZ_TEST_SUITE) return process.env.LJFUZZ_TEST_SUITE;
  if (unpacked === undefined) {
    unpacked = null;
    if (existsSync(ARCHIVE)) {
      const dir = mkdtempSync(join(tmpdir(), "ljfuzz-suite-"));
      process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
      execFileSync("tar", ["-xzf", ARCHIVE, "-C", dir]);
      unpacked = join(dir, "luajit-test-cleanup", "test");
    }
  }
  return unpacked;
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
