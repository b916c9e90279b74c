// `ljfuzz reduce` as a user meets it: a real process, real exit codes, the
// best program on disk when Ctrl-C comes.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { tryParseLua } from "../lua/index.ts";
import { luaFile, PR1028_CASE, REPO } from "../testing/fixtures.ts";
import { isSmaller } from "./size.ts";

const FIXTURE = fileURLToPath(new URL("./fixtures/gateway-worker.lua", import.meta.url));

const BIN = join(REPO, "bin", "ljfuzz.js");

function reduce(args: string[]) {
  return execa("node", [BIN, "reduce", ...args], { reject: false, cwd: REPO });
}

function scratchCopy(from: string, name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "ljfuzz-reduce-cli-")), name);
  copyFileSync(from, path);
  return path;
}

describe("ljfuzz reduce", () => {
  it("prints the JSON summary scripts need, and writes FILE.reduced.lua next to FILE", async () => {
    const input = scratchCopy(PR1028_CASE, "case.lua");
    // Time enough to reach the fixpoint on a loaded machine: it stops there, not at the limit.
    const r = await reduce([input, "--target", "openresty-2023", "--json", "--time", "300"]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(ExitCode.ok);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    const output = join(input, "..", "case.reduced.lua");
    expect(Object.keys(summary)).toEqual([
      "input",
      "output",
      "target",
      "signature",
      "prngSeed",
      "linesBefore",
      "linesAfter",
      "bytesBefore",
      "bytesAfter",
      "tests",
      "candidates",
      "accepted",
      "checkedRuns",
      "processes",
      "seconds",
      "fixpoint",
      "sanitized",
      "rulesHeld",
    ]);
    expect(summary).toMatchObject({
      input,
      output,
      target: "openresty-2023",
      prngSeed: null,
      linesBefore: 11,
      fixpoint: true,
      // A crash too keeps every rule its original kept: PR #1028's program keeps them all.
      sanitized: true,
      rulesHeld: ["finite", "exact", "whole", "nan-store", "fits", "memory", "order", "stack"],
    });
    expect(summary.signature).toMatch(/^crash:SIGILL:/);
    expect(summary.linesAfter).toBeLessThan(10);
    expect(readFileSync(output, "latin1").split("\n").length - 1).toBe(summary.linesAfter);
  }, 400_000);

  it("leaves the best program so far on disk and exits 130 on Ctrl-C", async () => {
    const input = scratchCopy(FIXTURE, "worker.lua");
    const output = join(input, "..", "smaller.lua");
    const original = readFileSync(input, "latin1");
    const child = execa("node", [BIN, "reduce", input, "-t", "openresty-2023", "--out", output], {
      reject: false,
      cwd: REPO,
    });
    // Wait for a first improvement on disk, then interrupt.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(output) && readFileSync(output, "latin1") !== original))
      await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGINT");
    const r = await child;
    expect(r.exitCode).toBe(ExitCode.interrupted);
    expect(r.stderr).toMatch(/interrupted; the best so far \(\d+ lines\) is in .*smaller\.lua/);
    const best = readFileSync(output, "latin1");
    expect(tryParseLua(best)).not.toBeNull();
    expect(isSmaller(best, original)).toBe(true);
    expect(existsSync(`${output}.tmp-${child.pid}`)).toBe(false);
  }, 90_000);

  describe("bad input: a one-line error and its own exit code", () => {
    const cases: Array<[string, string[], number, RegExp]> = [
      [
        "a program that passes",
        [PR1028_CASE, "-t", "openresty-2025"],
        ExitCode.usage,
        /nothing to reduce: .*case\.lua passes on openresty-2025/,
      ],
      ["a missing file", ["/nonexistent/x.lua", "-t", "openresty-2023"], ExitCode.missingFile, /no such file/],
      [
        "a Lua syntax error",
        [luaFile("x = = 1\n"), "-t", "openresty-2023"],
        ExitCode.luaSyntax,
        /Lua syntax error: .*case\.lua:1: /,
      ],
      ["an unknown target", [PR1028_CASE, "-t", "luajit-1999"], ExitCode.unknownTarget, /unknown target 'luajit-1999'/],
      ["no target", [PR1028_CASE], ExitCode.usage, /required option/],
      [
        "a bad --jobs",
        [PR1028_CASE, "-t", "openresty-2023", "--jobs", "zero"],
        ExitCode.usage,
        /--jobs takes a positive number/,
      ],
      [
        "a bad --prng-seed",
        [PR1028_CASE, "-t", "openresty-2023", "--prng-seed", "-3"],
        ExitCode.usage,
        /a PRNG seed is an integer from 0 to 2\^48-1, not '-3'/,
      ],
    ];
    for (const [what, args, code, message] of cases) {
      it(what, async () => {
        const r = await reduce(args);
        expect(r.exitCode).toBe(code);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(message);
      });
    }
  });
});
