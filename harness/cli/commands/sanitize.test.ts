// `ljfuzz sanitize` as a user meets it: a real process on a real build.
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../errors.ts";
import { luaFile, PR1028_CASE, REPO } from "../../testing/fixtures.ts";

const BIN = join(REPO, "bin", "ljfuzz.js");
const sanitize = (args: string[]) => execa("node", [BIN, "sanitize", ...args], { reject: false, cwd: REPO });

describe("ljfuzz sanitize", () => {
  it("lists every rule broken with its line and column, and exits 1", async () => {
    const file = luaFile(
      'local ffi = require("ffi")\nlocal b = ffi.new("int32_t[?]", 0)\nlocal p = b + 8\nprint(p[-2] + p[-1])\nprint(2^60 + 1)\n',
    );
    const r = await sanitize([file]);
    expect(r.exitCode).toBe(ExitCode.finding);
    expect(r.stdout.trim().split("\n")).toEqual([
      `${file}:4:7: memory: an element [-2] outside memory the program allocated with ffi.new`,
      `${file}:4:15: memory: an element [-1] outside memory the program allocated with ffi.new`,
      `${file}:5:7: exact: a value at or past 2^53, where doubles stop being exact integers (1.1529215046068e+18)`,
    ]);
    const json = await sanitize([file, "--json"]);
    const report = JSON.parse(json.stdout) as { clean: boolean; violations: Array<{ rule: string; line: number }> };
    expect(report.clean).toBe(false);
    expect(report.violations.map((v) => `${v.rule}@${v.line}`)).toEqual(["memory@4", "memory@4", "exact@5"]);
  }, 60_000);

  it("says a program that keeps them is clean, exit 0", async () => {
    const r = await sanitize([PR1028_CASE, "--json"]);
    expect(r.exitCode).toBe(ExitCode.ok);
    expect(JSON.parse(r.stdout)).toMatchObject({ clean: true, ended: "finished", violations: [], unchecked: [] });
  }, 60_000);

  const cases: Array<[string, string[], number, RegExp]> = [
    ["a missing file", ["/nonexistent/x.lua"], ExitCode.missingFile, /no such file/],
    ["a Lua syntax error", [luaFile("x = = 1\n")], ExitCode.luaSyntax, /Lua syntax error: .*case\.lua:1: /],
    ["an unknown target", [PR1028_CASE, "-t", "luajit-1999"], ExitCode.unknownTarget, /unknown target 'luajit-1999'/],
    ["a run that never ends", [luaFile("while true do end\n"), "--timeout", "2"], ExitCode.internal, /timed out/],
  ];
  for (const [what, args, code, message] of cases) {
    it(`bad input: ${what}`, async () => {
      const r = await sanitize(args);
      expect(r.exitCode).toBe(code);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }, 60_000);
  }
});
