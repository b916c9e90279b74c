// The command line as a user meets it: real processes, real exit codes.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { readCorpus } from "../corpus/index.ts";
import { ExitCode } from "../errors.ts";
import { programSeed } from "../execution/index.ts";
import { seedsFrom } from "../reproduction/index.ts";
import { CATALOG } from "../targets/index.ts";
import { luaFile, PR1028_CASE, REPO } from "../testing/fixtures.ts";

const BIN = join(REPO, "bin", "ljfuzz.js");

function ljfuzz(args: string[], env: Record<string, string> = {}) {
  return execa("node", [BIN, ...args], { reject: false, env, cwd: REPO });
}

describe("ljfuzz run", () => {
  it("prints one JSON object per target with the fields scripts need", async () => {
    const r = await ljfuzz(["run", PR1028_CASE, "--json", "--target", "openresty-2023", "--target", "openresty-2025"]);
    expect(r.exitCode).toBe(ExitCode.finding);
    const results = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(results.map((x) => [x.target, x.verdict, x.signal, x.exitCode])).toEqual([
      ["openresty-2023", "crash", "SIGILL", null],
      ["openresty-2025", "pass", null, 0],
    ]);
    for (const x of results) {
      expect(x).toHaveProperty("jitOn.stdout");
      expect(x).toHaveProperty("jitOff.stdout", "2500\n");
      expect((x.traces as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it("pins the runs to a PRNG seed, the program's own or --prng-seed, and prints it", async () => {
    const file = luaFile("local s = 0 for i = 1, 100 do s = s + i end print(s)\n");
    const own = await ljfuzz(["run", file, "--target", "openresty-2025", "--json"]);
    const [result] = JSON.parse(own.stdout) as Array<{ prngSeed: number; replay: string }>;
    expect(result).toMatchObject({ prngSeed: programSeed(file), replay: "pinned" });
    const chosen = await ljfuzz(["run", file, "--target", "openresty-2025", "--prng-seed", "42"]);
    expect(chosen.stdout).toMatch(/^openresty-2025 +pass +JIT on and off agree \(1 trace; seed 42\)$/m);
    const bad = await ljfuzz(["run", file, "--target", "openresty-2025", "--prng-seed", "-1"]);
    expect(bad.exitCode).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/PRNG seed is an integer from 0 to 2\^48-1, not '-1'/);
  });

  it("runs a file at N seeds, its own first, and says at how many and which it fails", async () => {
    const r = await ljfuzz([
      "run",
      PR1028_CASE,
      "--seeds",
      "2",
      "--target",
      "openresty-2023",
      "--target",
      "openresty-2025",
    ]);
    expect(r.exitCode, r.stderr).toBe(ExitCode.finding);
    const seeds = seedsFrom(programSeed(PR1028_CASE), 2);
    expect(r.stdout).toContain(
      `openresty-2023   fails at 2 of 2 seeds: ${seeds.map((s) => `${s} crash SIGILL`).join(", ")}`,
    );
    expect(r.stdout).toMatch(new RegExp(`^openresty-2025 +passes at all 2 seeds from ${seeds[0]}$`, "m"));
    const json = await ljfuzz([
      "run",
      PR1028_CASE,
      "--seeds",
      "2",
      "--prng-seed",
      "42",
      "-t",
      "openresty-2023",
      "--json",
    ]);
    const [sweep] = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(sweep).toMatchObject({ target: "openresty-2023", seeds: seedsFrom(42, 2), failing: 2 });
    expect(sweep!.runs).toMatchObject([{ seed: 42, verdict: "crash", signal: "SIGILL" }, { verdict: "crash" }]);
    const bad = await ljfuzz(["run", PR1028_CASE, "--seeds", "0", "-t", "openresty-2023"]);
    expect(bad.exitCode).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/--seeds takes a whole number from 1 to 1000, not '0'/);
  }, 300_000);

  it("exits 0 when every target passes", async () => {
    const r = await ljfuzz(["run", luaFile("print(1)\n"), "--target", "openresty-2025"]);
    expect(r.exitCode).toBe(ExitCode.ok);
    expect(r.stdout).toMatch(/^openresty-2025 +pass/);
  });
});

describe("ljfuzz report", () => {
  it("runs the x86-64 leg of an affected build and says whether the bug is arm64-only", async () => {
    const r = await ljfuzz(["report", "nofold-bnot-constant", "-t", "luajit-2026"]);
    expect(r.exitCode).toBe(ExitCode.ok);
    expect(r.stdout).toMatch(/\| `luajit-2026`: LuaJIT .*1ee778a4e371\) \| arm64 \| mismatch: /);
    expect(r.stdout).toMatch(
      /\| `luajit-2026\+x64`: LuaJIT .* \| x86-64 \| correct \(JIT on and off agree; x86-64 code, no oracle\) \|/,
    );
    expect(r.stdout).toMatch(/^arm64-only: the same sources built for x86-64 \(`luajit-2026\+x64`\) run it correctly/m);
    const bare = await ljfuzz(["report", "nofold-bnot-constant", "-t", "luajit-2026", "--no-x64"]);
    expect(bare.stdout).not.toContain("luajit-2026+x64");
    expect(bare.stdout).toMatch(/^x86-64: not run/m);
  });
});

describe("bad input: a one-line error and its own exit code", () => {
  const cases: Array<[string, () => Promise<{ exitCode?: number; stderr: string }>, number, RegExp]> = [
    ["a missing file", () => ljfuzz(["run", "/nonexistent/x.lua"]), ExitCode.missingFile, /no such file/],
    [
      "a Lua syntax error",
      () => ljfuzz(["run", luaFile("x = = 1\n"), "-t", "openresty-2025"]),
      ExitCode.luaSyntax,
      /syntax error/,
    ],
    [
      "an unknown target",
      () => ljfuzz(["run", PR1028_CASE, "-t", "luajit-1999"]),
      ExitCode.unknownTarget,
      /unknown target 'luajit-1999'/,
    ],
    [
      "a non-arm64 binary",
      () => ljfuzz(["run", PR1028_CASE, "-t", `bin:${process.execPath}`]),
      ExitCode.notArm64,
      /not aarch64|not an ELF/,
    ],
    ["an unknown option", () => ljfuzz(["run", PR1028_CASE, "--frobnicate"]), ExitCode.usage, /unknown option/],
    [
      "an unknown JIT option",
      () => ljfuzz(["run", PR1028_CASE, "--jit-opt", "hotlop=1"]),
      ExitCode.usage,
      /unknown JIT option/,
    ],
  ];
  if (process.arch !== "arm64") {
    cases.push([
      "no qemu",
      () => ljfuzz(["run", PR1028_CASE, "-t", "openresty-2025"], { LJFUZZ_QEMU: "/nonexistent/qemu" }),
      ExitCode.noQemu,
      /qemu/,
    ]);
  }
  for (const [what, run, code, message] of cases) {
    it(what, async () => {
      const r = await run();
      expect(r.exitCode).toBe(code);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }

  it("a corrupt corpus entry", async () => {
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));
    cpSync(join(REPO, "corpus", "pr1028-ldp-negative-offset"), join(corpus, "broken"), { recursive: true });
    writeFileSync(join(corpus, "broken", "case.json"), "{ not json");
    const r = await ljfuzz(["regress", "--corpus", corpus]);
    expect(r.exitCode).toBe(ExitCode.corruptCorpus);
    expect(r.stderr).toMatch(/corrupt corpus entry .*broken: case.json is not JSON/);
  });
});

describe("ljfuzz regress", () => {
  it("passes on the catalog targets, and lists the runs it had no expectation for as not checked", async () => {
    const r = await ljfuzz(["regress"]);
    // Every entry's expectation on every catalog target it names.
    const entries = readCorpus();
    const expected = entries.reduce(
      (n, e) => n + Object.keys(e.expect).filter((t) => CATALOG.some((c) => c.name === t)).length,
      0,
    );
    const unchecked = entries.length * CATALOG.length - expected;
    expect(expected).toBeGreaterThanOrEqual(15);
    expect(r.stdout).toContain(`${expected} passed, 0 failed, ${unchecked} skipped`);
    const none = r.stdout.split("\n").filter((line) => line.startsWith("none "));
    expect(none).toHaveLength(unchecked);
    for (const line of none) expect(line).toMatch(/^none \S+ +\S+ +no expectation for \S+, got \w+/);
    expect(r.exitCode).toBe(ExitCode.ok);
  });

  /** A corpus of PR #1028's entry alone, with one expectation set. */
  function corpusExpecting(targetName: string, verdict: string): string {
    const corpus = mkdtempSync(join(tmpdir(), "ljfuzz-corpus-"));
    const dir = join(corpus, "pr1028");
    cpSync(join(REPO, "corpus", "pr1028-ldp-negative-offset"), dir, { recursive: true });
    const meta = JSON.parse(readFileSync(join(dir, "case.json"), "utf8")) as { expect: Record<string, unknown> };
    meta.expect[targetName] = { verdict, signal: null };
    writeFileSync(join(dir, "case.json"), JSON.stringify(meta));
    return corpus;
  }

  it("checks an x86-64 leg against its own expectation", async () => {
    const corpus = corpusExpecting("luajit-2026+x64", "pass");
    const r = await ljfuzz(["regress", "--corpus", corpus, "-t", "luajit-2026+x64"]);
    expect(r.stdout).toMatch(/^ok {3}pr1028-ldp-negative-offset +luajit-2026\+x64 +expected pass, got pass$/m);
    expect(r.stdout).toContain("1 passed, 0 failed, 0 skipped");
    expect(r.exitCode).toBe(ExitCode.ok);
  });

  it("fails when an expectation is changed", async () => {
    const corpus = corpusExpecting("openresty-2023", "pass");
    const r = await ljfuzz(["regress", "--corpus", corpus, "-t", "openresty-2023"]);
    expect(r.exitCode).toBe(ExitCode.finding);
    expect(r.stdout).toMatch(/FAIL pr1028-ldp-negative-offset +openresty-2023 +expected pass, got crash\/SIGILL/);
  });
});
