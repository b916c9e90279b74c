import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildCase, everyLibraryOp, generateCase } from "../../generators/index.ts";
import { readCorpus } from "../corpus/index.ts";
import { runBatch } from "../execution/index.ts";
import { FIXED_TARGET, luaFile, target } from "../testing/fixtures.ts";
import { checkRules, describeViolation, ruleBroken } from "./checked-run.ts";
import { instrumentProgram } from "./instrument.ts";
import { policyOf } from "./rules.ts";
import { uncheckedSites } from "./unchecked.ts";

const run = async (source: string): Promise<string | null> =>
  ruleBroken(await target(FIXED_TARGET), source, { jitOptions: ["hotloop=1"], timeoutMs: 30_000 });

describe("instrumentProgram", () => {
  it("keeps every line where it was", () => {
    const source = generateCase(3, 5).source;
    const lines = source.split("\n");
    const out = instrumentProgram(source).split("\n");
    expect(out.length).toBe(lines.length);
    // Lines without arithmetic, stores or indexing are untouched.
    for (let i = 1; i < lines.length; i++) if (!/[-+*/%^=[]/.test(lines[i]!)) expect(out[i]).toBe(lines[i]);
  });

  it("wraps arithmetic, nested, and loads and stores through fields and indices", () => {
    const out = instrumentProgram("local t = {}\nt.a = (1 + 2) * 3\nlocal s = 'a-b'\n");
    // Each check is given its site: line * 2^20 + column.
    const site = (line: number, column: number): number => line * 2 ** 20 + column;
    expect(out).toContain(`__ljfuzz_mul(__ljfuzz_add(1, 2, ${site(2, 8)}), 3, ${site(2, 7)})`);
    expect(out).toContain(
      `local __ljfuzz_b = t __ljfuzz_b = __ljfuzz_of(__ljfuzz_b, "a", ${site(2, 1)}) __ljfuzz_b.a = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, __ljfuzz_b.a, ${site(2, 1)})`,
    );
    // Loads too, but not a library's functions nor methods.
    expect(instrumentProgram("local x = p[i].f + q.g\nlocal y = ffi.cast(f:read())\n")).toContain(
      `__ljfuzz_add(__ljfuzz_get(__ljfuzz_at(p, i, ${site(1, 11)}), "f", ${site(1, 11)}), __ljfuzz_get(q, "g", ${site(1, 20)}), ${site(1, 11)})\nlocal y = ffi.cast(f:read())`,
    );
    expect(out).toContain("local s = 'a-b'");
  });
});

describe("the sanitized run, on a real build", () => {
  it("passes generated programs: they keep the rules by construction", async () => {
    for (let index = 0; index < 25; index++) {
      const c = generateCase(11, index);
      expect(
        await ruleBroken(await target(FIXED_TARGET), c.source, { jitOptions: c.jitOptions, timeoutMs: 30_000 }),
        `case ${index}`,
      ).toBeNull();
    }
  }, 240_000);

  it("passes the library items, each operation at once, which print the same JIT on and off", async () => {
    const c = buildCase(everyLibraryOp(generateCase(5, 1).plan));
    const t = await target(FIXED_TARGET);
    expect(await ruleBroken(t, c.source, { jitOptions: c.jitOptions, timeoutMs: 60_000 })).toBeNull();
    const cases = [{ index: 0, path: luaFile(c.source), jitOptions: c.jitOptions }];
    const [on, off] = await Promise.all(["on", "off"].map((m) => runBatch(t, cases, m as "on" | "off", 60_000)));
    const output = (run: typeof on) => run!.outputs.get(0);
    expect(output(on)?.ok, output(on)?.error).toBe(true);
    expect(output(on)?.output).toMatch(/^h\t-?\d+\nmem\t-?\d+$/);
    expect(output(on)?.output).toBe(output(off)?.output);
  }, 180_000);

  it("passes every corpus entry: a reproducer that breaks a rule proves nothing", async () => {
    for (const entry of readCorpus()) {
      expect(
        await ruleBroken(await target(FIXED_TARGET), readFileSync(entry.program, "utf8"), {
          jitOptions: entry.jitOptions,
          timeoutMs: 30_000,
        }),
        entry.id,
      ).toBeNull();
    }
  }, 240_000);

  it("names the rule a program breaks, and its line", async () => {
    const ffi = 'local ffi = require("ffi")\nlocal b = ffi.new("int32_t[4]")\n';
    expect(await run(`${ffi}for i = 0, 3 do\n  b[i] = i % (i - i)\nend\n`)).toMatch(
      /^line 4, column 10: a NaN or an infinity/,
    );
    expect(await run(`${ffi}local x = 1 / 0\n`)).toMatch(/^line 3, column 11: a NaN or an infinity/);
    expect(await run(`${ffi}local x = 3 * 1.5 + 1\n`)).toMatch(/^line 3, column 11: \+, - or \* on a fraction/);
    expect(await run(`${ffi}b[1] = 2^40\n`)).toMatch(/^line 3, column 1: a number stored into a field it does not fit/);
    // Within range, a narrow field wraps the same way in JIT and interpreter.
    expect(
      await run(`${ffi}local u = ffi.new("uint8_t[2]")\nu[0] = 300\nb[2] = 2^31 - 1\nprint(u[0], b[2])\n`),
    ).toBeNull();
    // Any double fits a double field.
    expect(await run(`${ffi}local d = ffi.new("double[1]")\nd[0] = 1e200\n`)).toBeNull();
    // The order of string keys differs from process to process; that of the array part and of numbers does not.
    expect(await run("local t = { a = 1, b = 2 }\nfor k, v in pairs(t) do print(k, v) end\n")).toMatch(
      /^line 2: pairs or next over string or object keys/,
    );
    expect(await run("local t = { 1, 2, x = 3, y = 4 }\nlocal k = next(t)\nwhile k do k = next(t, k) end\n")).toMatch(
      /^line 3: pairs or next over string/,
    );
    // Numbers and booleans hash by value; one string key after the array part has one place in the order;
    // a walk inside a walk of the same table is no other walk.
    expect(
      await run(
        "local t = { [0] = 0, 1, 2, [10] = 3, [2.5] = 4, [true] = 5 }\nfor k in pairs(t) do print(k) end\nprint(next({ x = 1 }))\n" +
          "local u = { 1, 2, x = 3 }\nfor k in pairs(u) do for j in pairs(u) do print(k, j) end end\n",
      ),
    ).toBeNull();
    // Where a stack overflow is raised differs JIT on and off (seed mutants of a recursion make them).
    expect(await run("local function f(n) return 1 + f(n - 32760) end\nprint(f(5))\n")).toMatch(
      /^line \d+: a stack overflow: the JIT and the interpreter raise it in different places/,
    );
    expect(
      await run("local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end\nprint(f(100))\n"),
    ).toBeNull();
  }, 120_000);

  it("holds loads and stores to the memory the program allocated", async () => {
    const ffi = 'local ffi = require("ffi")\nlocal buf = ffi.new("uint8_t[?]", 16)\n';
    const struct = 'local S = ffi.typeof("struct __attribute__((packed)) { uint8_t a; int32_t b; int16_t c[2]; }")\n';
    // One past the end, as the reducer once made fill() write.
    expect(await run(`${ffi}for i = 0, 16 do\n  buf[i] = i\nend\n`)).toMatch(
      /^line 4, column 3: an element \[16\] outside memory the program allocated/,
    );
    expect(await run(`${ffi}local p = ffi.cast("int32_t *", buf + 8)\nprint(p[1])\nprint(p[-3])\n`)).toMatch(
      /^line 5, column 7: an element \[-3\] outside/,
    );
    // A field's bytes: b spans bytes 1 to 4 of the struct, here 13 to 16 of the buffer.
    expect(
      await run(`${ffi}${struct}local p = ffi.cast(ffi.typeof("$ *", S), buf + 12)\nprint(p.a)\np.b = 1\n`),
    ).toMatch(/^line 6, column 1: field \.b outside/);
    expect(
      await run(
        `${ffi}${struct}local p = ffi.cast(ffi.typeof("$ *", S), buf + 7)\nprint(p[0].c[1], p.c[0])\nprint(p[0].c[2])\n`,
      ),
    ).toMatch(/^line 6, column 7: an element \[2\] outside/);
    // A struct may overhang the buffer while the fields used lie inside it; a union from ffi.new is memory too.
    expect(
      await run(
        `${ffi}${struct}local p = ffi.cast(ffi.typeof("$ *", S), buf + 12)\np[0].a = 1\nlocal q = ffi.cast(ffi.typeof("$ *", S), buf - 5)\nq[1].a, q[1].b = 2, 3\nprint(q[1].c[1])\nlocal u = ffi.new("union { double d; int32_t i[2]; }")\nu.i[1] = 7\nprint(u.d)\n`,
      ),
    ).toBeNull();
  }, 120_000);

  it("holds pointers only into memory something keeps: ffi.new straight into a cast or an offset is freed", async () => {
    // What a reduction once made of `local buf = ffi.new(...)` and `ffi.cast(T, buf)`: the
    // array is garbage at once, and with the probe in the JIT-on run, which allocates, its
    // bytes were reused (34 read where 0 was stored): a mismatch with no JIT bug.
    const freed =
      'local ffi = require("ffi")\nlocal p = ffi.cast("uint8_t *", ffi.new("uint8_t[?]", 1))\nprint(p[0])\n';
    expect(await run(freed)).toBe(
      "line 2, column 33: ffi.new into ffi.cast: nothing keeps the allocation, which the GC may free while the pointer is used",
    );
    expect(await run('local ffi = require("ffi")\nlocal q = ffi.new("int32_t[4]") + 1\nprint(q[0])\n')).toMatch(
      /^line 2, column 11: ffi.new into \+/,
    );
    // Kept in a local, the same cast and offset are fine; so is an element read from a fresh array.
    expect(
      await run(
        'local ffi = require("ffi")\nlocal buf = ffi.new("uint8_t[?]", 2)\nlocal p = ffi.cast("uint8_t *", buf) + 1\nprint(p[0], ffi.new("int32_t[1]", 5)[0])\n',
      ),
    ).toBeNull();
  }, 60_000);
});

describe("checkRules: every rule one run breaks", () => {
  it("lists them all, once per place, by line and column, and goes on past skipped accesses", async () => {
    const source = [
      'local ffi = require("ffi")',
      'local b = ffi.new("int32_t[4]")',
      "for i = 0, 4 do",
      "  b[i] = i % (i - i)",
      "end",
      "local x = 3 * 1.5 + 1",
      "print(b[7], x)",
      "ffi.fill(b, 20)",
      'local T = ffi.typeof("int32_t[?]")',
      "local c = T(2)",
      "c[1] = 2^40",
      "print(c[1], c[2])",
      "",
    ].join("\n");
    const check = await checkRules(await target(FIXED_TARGET), source, { jitOptions: [], timeoutMs: 30_000 });
    expect(check).toMatchObject({ ended: "finished", error: null });
    expect(check.violations.map((v) => [v.rule, v.line, v.column, v.detail])).toEqual([
      ["memory", 4, 3, "[4]"],
      ["nan-store", 4, 3, "nan"],
      ["finite", 4, 10, "nan"],
      ["whole", 6, 11, "1.5"],
      ["memory", 7, 7, "[7]"],
      ["memory", 8, null, "ffi.fill (20 bytes)"],
      ["fits", 11, 1, "1099511627776"],
      ["memory", 12, 13, "[2]"],
    ]);
    // A ctype called as a constructor allocates too: c[1] is inside, c[2] is not.
    expect(describeViolation(check.violations[7]!)).toBe(
      "line 12, column 13: an element [2] outside memory the program allocated with ffi.new",
    );
  }, 60_000);

  it("does not check the rules a policy ignores, and says how the run ended", async () => {
    const t = await target(FIXED_TARGET);
    const source = 'local ffi = require("ffi")\nlocal b = ffi.new("int8_t[2]")\nprint(b[2], 1 / 0)\nerror("own")\n';
    const check = await checkRules(t, source, {
      jitOptions: [],
      timeoutMs: 30_000,
      policy: policyOf("report", { rules: ["memory"], action: "ignore" }),
    });
    expect(check.violations.map((v) => v.rule)).toEqual(["finite"]);
    expect(check.ended).toBe("finished");
    expect(check.error).toMatch(/own/);
    const looping = await checkRules(t, "while true do end\n", { jitOptions: [], timeoutMs: 2_000 });
    expect(looping.ended).toBe("timeout");
  }, 60_000);
});

describe("uncheckedSites", () => {
  it("names C calls and code loaded at run time", () => {
    const source =
      'local ffi = require("ffi")\nlocal z = ffi.load("z")\nffi.C.memset(nil, 0, 0)\nz.crc32(0, nil, 0)\nload("return 1")()\nffi.new("int[1]")\n';
    expect(uncheckedSites(source)).toEqual([
      { line: 3, what: "the memory C function memset touches is not checked" },
      { line: 4, what: "the memory C function crc32 touches is not checked" },
      { line: 5, what: "code loaded by load() is not checked" },
    ]);
  });
});
