import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { liftLua, printProgram, seedIssues } from "../../generators/index.ts";
import { readCorpus } from "../corpus/index.ts";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { readCorpusSeeds, selfContainedSuiteSeeds, testSuiteFiles, testSuiteFolder } from "./index.ts";

describe("readCorpusSeeds", () => {
  it("lifts every corpus entry with its JIT options, printing what it lifted is a fixed point, and needs nothing else", () => {
    const entries = readCorpus();
    const seeds = readCorpusSeeds(entries);
    expect(seeds.length).toBe(entries.length);
    for (const [i, s] of seeds.entries()) {
      expect(s.origin).toBe(`corpus/${entries[i]!.id}`);
      expect(s.kind, s.origin).toBe("program");
      if (s.kind !== "program") continue;
      expect(s.program.jitOptions).toEqual(entries[i]!.jitOptions);
      const printed = printProgram(s.program);
      const again = liftLua(printed);
      expect(again.ok && printProgram(again.program), s.origin).toBe(printed);
      expect(seedIssues(s)).toEqual([]);
    }
  });
});

describe("testSuiteFolder", () => {
  const work = mkdtempSync(join(tmpdir(), "ljfuzz-suite-test-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const saved = { suite: process.env.LJFUZZ_TEST_SUITE, sources: process.env.LJFUZZ_SOURCES };
  afterEach(() => {
    for (const [key, value] of [
      ["LJFUZZ_TEST_SUITE", saved.suite],
      ["LJFUZZ_SOURCES", saved.sources],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  // A suite laid out as LuaJIT-test-cleanup is: test/test.lua, tests in folders, helpers in common/.
  const tree = join(work, "tree");
  const tests = join(tree, "luajit-test-cleanup", "test");
  mkdirSync(join(tests, "lib", "ffi"), { recursive: true });
  mkdirSync(join(tests, "common"), { recursive: true });
  writeFileSync(join(tests, "test.lua"), "-- the runner\n");
  writeFileSync(join(tests, "common", "expect_error.lua"), "return error\n");
  writeFileSync(
    join(tests, "lib", "ffi", "a.lua"),
    "do --- one\n  local x = 1\nend\n\ndo --- two\n  io.write(1)\nend\n",
  );
  writeFileSync(join(tests, "lib", "b.lua"), "local t = {}\nt[1] = 2\n");
  const sources = join(work, "sources");
  mkdirSync(sources);
  const archive = join(sources, "luajit-test-cleanup-0123abc.tar.gz");
  execFileSync("tar", ["-czf", archive, "-C", tree, "luajit-test-cleanup"]);

  it("finds the tests' folder in a folder, in an archive, by LJFUZZ_TEST_SUITE, and among LJFUZZ_SOURCES's archives", () => {
    expect(testSuiteFolder(tree)).toBe(tests);
    expect(testSuiteFolder(tests)).toBe(tests);
    const fromArchive = testSuiteFolder(archive)!;
    expect(testSuiteFiles(fromArchive)).toEqual(testSuiteFiles(tests));
    process.env.LJFUZZ_TEST_SUITE = tree;
    expect(testSuiteFolder()).toBe(tests);
    delete process.env.LJFUZZ_TEST_SUITE;
    process.env.LJFUZZ_SOURCES = sources;
    // Unpacked once per process.
    expect(testSuiteFolder()).toBe(fromArchive);
  });

  it("lists the tests without the runner and common/, and seeds from those that need nothing beyond themselves", () => {
    expect(testSuiteFiles(tests).map((f) => f.path)).toEqual(["lib/b.lua", "lib/ffi/a.lua"]);
    expect(selfContainedSuiteSeeds(tests).map((s) => s.origin)).toEqual(["lib/b.lua", "lib/ffi/a.lua: one"]);
  });

  it("is null with nothing to find, and a one-line error for a path that is not the suite", () => {
    delete process.env.LJFUZZ_TEST_SUITE;
    process.env.LJFUZZ_SOURCES = tree;
    expect(testSuiteFolder()).toBeNull();
    const refused = (path: string) => {
      try {
        testSuiteFolder(path);
      } catch (e) {
        return e instanceof LjfuzzError ? [e.exitCode, e.message] : e;
      }
      return null;
    };
    expect(refused(join(work, "nowhere"))).toEqual([
      ExitCode.missingFile,
      `${join(work, "nowhere")}: no such file or folder`,
    ]);
    expect(refused(sources)).toEqual([ExitCode.missingFile, `${sources}: no test.lua in it (not LuaJIT's test suite)`]);
    const notAnArchive = join(work, "x.tar.gz");
    writeFileSync(notAnArchive, "not gzip");
    expect(refused(notAnArchive)).toEqual([
      ExitCode.missingFile,
      `${notAnArchive}: not a .tar.gz archive tar can read`,
    ]);
  });
});
