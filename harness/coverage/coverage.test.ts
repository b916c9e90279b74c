// Edge and line coverage on a real `+cov` build under qemu (and the runtime
// natively, on this machine's own compiler): the edge map changes with what
// a program compiles, per case in a batch and per process, and gcov's
// line counts say which of the compiler's lines a program reached.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../errors.ts";
import { EdgeMapFile, runBatch, runProcess } from "../execution/index.ts";
import { aarch64Command } from "../targets/index.ts";
import { luaFile, PR1028_CASE, REPO, target } from "../testing/fixtures.ts";
import { coverageGap } from "./gap.ts";
import { mergeGcov } from "./gcov-report.ts";

const COV_TARGET = "luajit-2022+cov";
const edges = (map: Uint8Array | undefined): number =>
  (map ?? new Uint8Array()).reduce((n, b) => n + (b > 0 ? 1 : 0), 0);
const differing = (a: Uint8Array, b: Uint8Array): number =>
  a.reduce((n: number, x, i) => n + (x > 0 !== b[i]! > 0 ? 1 : 0), 0);

const PRINT = luaFile("print(1)\n");
const FFI_LOOP = luaFile(
  `local ffi = require("ffi")\nlocal a = ffi.new("int32_t[16]")\nlocal s = 0\nfor i = 1, 200 do a[i % 16] = i s = s + a[(i + 3) % 16] end\nprint(s)\n`,
);
const TABLE_LOOP = luaFile(
  `local t = {}\nfor i = 1, 200 do t[i] = i * 0.5 end\nlocal s = 0\nfor i = 1, 200 do s = s + t[i] end\nprint(s)\n`,
);

describe("the +cov edge map", () => {
  it("counts each case of a batch apart, and changes with what the case compiles", async () => {
    const t = await target(COV_TARGET);
    const cases = [PRINT, FFI_LOOP, TABLE_LOOP, PRINT, FFI_LOOP].map((path, index) => ({
      index: 10 + index,
      path,
      jitOptions: ["hotloop=1"],
    }));
    const on = await runBatch(t, cases, "on", 60_000);
    expect(on.outcome.exitCode).toBe(0);
    const [print, ffi, table, print2, ffi2] = cases.map((c) => on.edges?.get(c.index));
    // Compiling a loop runs the recorder, optimizer and backend: far more edges than a print.
    expect(edges(ffi)).toBeGreaterThan(5 * Math.max(edges(print), 1));
    expect(edges(table)).toBeGreaterThan(5 * Math.max(edges(print2), 1));
    // An FFI loop and a table loop reach different code; the same program twice, nearly the same.
    expect(differing(ffi!, table!)).toBeGreaterThan(200);
    expect(differing(ffi!, ffi2!)).toBeLessThan(differing(ffi!, table!) / 4);
    // The JIT-off run compiles nothing and keeps no map.
    expect((await runBatch(t, cases, "off", 60_000)).edges).toBeUndefined();
  });

  it("counts one program per process in the map outside any case, and nothing without the variable", async () => {
    const t = await target(COV_TARGET);
    const run = async (program: string, shared: boolean) => {
      const file = new EdgeMapFile(0);
      try {
        const command = aarch64Command(t.luajit, ["-Ohotloop=1", program]);
        const outcome = await runProcess(command.file, command.args, {
          env: shared ? file.env : {},
          timeoutMs: 30_000,
        });
        expect(outcome.exitCode).toBe(0);
        return file.read();
      } finally {
        file.remove();
      }
    };
    const ffi = await run(FFI_LOOP, true);
    expect(ffi.attached).toBe(true);
    expect(ffi.marks).toBe(0);
    expect(edges(ffi.outside)).toBeGreaterThan(5 * Math.max(edges((await run(PRINT, true)).outside), 1));
    const unshared = await run(FFI_LOOP, false);
    expect(unshared.attached).toBe(false);
    expect(edges(unshared.outside)).toBe(0);
  });

  it("works natively too: the runtime linked into a program of this machine's own compiler", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ljfuzz-cov-native-"));
    const program = join(dir, "program.c");
    writeFileSync(
      program,
      `#include <stdio.h>
void ljfuzz_cov_mark(int);
__attribute__((noinline)) int work(int n) { int s = 0; for (int i = 0; i < n; i++) s += (i & 1) ? i : -1; return s; }
int main(void) { ljfuzz_cov_mark(0); printf("%d\\n", work(3)); ljfuzz_cov_mark(1); ljfuzz_cov_mark(-1); return 0; }
`,
    );
    const runtime = fileURLToPath(new URL("./runtime.c", import.meta.url));
    const binary = join(dir, "program");
    execFileSync("gcc", ["-O1", "-c", "-fsanitize-coverage=trace-pc", "--coverage", program, "-o", `${binary}.o`]);
    execFileSync("gcc", ["-O2", "-c", runtime, "-o", join(dir, "runtime.o")]);
    execFileSync("gcc", ["-static", "--coverage", `${binary}.o`, join(dir, "runtime.o"), "-o", binary]);
    const file = new EdgeMapFile(2);
    const outcome = await runProcess(binary, [], { env: file.env, timeoutMs: 10_000 });
    expect(outcome.stdout).toBe("-1\n");
    const counts = file.read();
    file.remove();
    expect(counts).toMatchObject({ attached: true, marks: 3 });
    expect(edges(counts.cases[0])).toBeGreaterThan(2); // work()'s loop and branches
    expect(edges(counts.cases[1])).toBe(0); // nothing instrumented ran between the marks
  });
});

describe("ljfuzz coverage", () => {
  const BIN = join(REPO, "bin", "ljfuzz.js");
  const coverage = (args: string[]) => execa("node", [BIN, "coverage", ...args], { reject: false, cwd: REPO });
  interface Report {
    target: string;
    programs: number;
    failed: number;
    edges: number;
    files: Array<{ file: string; lines: number; covered: number; percent: number }>;
    total: { lines: number; covered: number };
  }
  const lines = (report: Report, file: string) => report.files.find((f) => f.file === file)!;

  it("reports the backend's lines a program reaches, per file, on the target's +cov build", async () => {
    const nothing = await coverage(["--target", "luajit-2022", "--json", PRINT]);
    expect(nothing.exitCode, nothing.stderr).toBe(0);
    const idle = JSON.parse(nothing.stdout) as Report;
    expect(idle).toMatchObject({ target: COV_TARGET, programs: 1, failed: 0 });
    // print(1) compiles nothing: not one line of the backend runs.
    expect(lines(idle, "lj_asm_arm64.h")).toMatchObject({ covered: 0 });
    expect(lines(idle, "lj_asm_arm64.h").lines).toBeGreaterThan(1000);
    const both = JSON.parse((await coverage(["-t", COV_TARGET, "--json", FFI_LOOP, PR1028_CASE])).stdout) as Report;
    // The FFI loop and the PR #1028 reproducer (which dies by SIGILL: its counts are kept all the same).
    expect(both).toMatchObject({ programs: 2, failed: 1 });
    expect(lines(both, "lj_asm_arm64.h").covered).toBeGreaterThan(150);
    expect(lines(both, "lj_emit_arm64.h").covered).toBeGreaterThan(50);
    expect(both.edges).toBeGreaterThan(1000);
    expect(both.total.lines).toBe(both.files.reduce((n, f) => n + f.lines, 0));
    const text = await coverage(["-t", COV_TARGET, FFI_LOOP]);
    expect(text.stdout).toMatch(/^luajit-2022\+cov: 1 program\(s\), \d+ edges\n/);
    expect(text.stdout).toMatch(/\nlj_asm_arm64\.h +\d+ \/ \d+ +\d+\.\d%\n/);
  });

  it("refuses bad input with one line and its exit code", async () => {
    const missing = await coverage(["-t", COV_TARGET, "/nonexistent/x.lua"]);
    expect(missing.exitCode).toBe(ExitCode.missingFile);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect((await coverage(["-t", COV_TARGET, luaFile("print(\n")])).exitCode).toBe(ExitCode.luaSyntax);
    expect((await coverage(["-t", "luajit-1999", PRINT])).exitCode).toBe(ExitCode.unknownTarget);
    expect((await coverage(["-t", COV_TARGET, mkdtempSync(join(tmpdir(), "ljfuzz-empty-"))])).exitCode).toBe(
      ExitCode.missingFile,
    );
  });
});

describe("mergeGcov", () => {
  it("counts a line once however many objects ran it, and keeps only the files asked for", () => {
    const doc = (file: string, counts: number[]) => ({
      files: [{ file, lines: counts.map((count, i) => ({ line_number: i + 1, count })) }],
    });
    const merged = mergeGcov([doc("a.h", [0, 2, 0]), doc("a.h", [1, 0, 0]), doc("b.c", [5])], (f) => f === "a.h");
    expect(merged).toEqual([{ file: "a.h", lines: 3, covered: 2 }]);
  });
});

describe("coverageGap", () => {
  it("names the function of each line the base ran and the run did not, in ranges over executable lines", () => {
    const functions = [
      { name: "asm_outer", startLine: 1, endLine: 20 },
      { name: "asm_inner", startLine: 5, endLine: 8 },
    ];
    const base = { file: "x.h", hits: { 2: 1, 3: 4, 6: 1, 7: 1, 10: 1, 12: 1, 30: 2 }, functions };
    const run = { file: "x.h", hits: { 2: 0, 3: 9, 6: 0, 7: 0, 10: 0, 12: 0, 30: 0 }, functions };
    expect(coverageGap(base, run)).toEqual([
      {
        name: "asm_outer",
        lines: 3,
        ranges: [
          [2, 2],
          [10, 12],
        ],
      },
      { name: "asm_inner", lines: 2, ranges: [[6, 7]] },
      { name: "(file scope)", lines: 1, ranges: [[30, 30]] },
    ]);
    expect(coverageGap(base, undefined).reduce((n, g) => n + g.lines, 0)).toBe(7);
  });
});
