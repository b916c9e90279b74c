import { describe, expect, it } from "vitest";
import { generateCase } from "../../generators/index.ts";
import { FIXED_TARGET, target } from "../testing/fixtures.ts";
import { ruleBroken } from "./checked-run.ts";
import { instrumentProgram } from "./instrument.ts";

const run = async (source: string): Promise<string | null> => ruleBroken(await target(FIXED_TARGET), source, { jitOptions: ["hotloop=1"], timeoutMs: 30_000 });

describe("instrumentProgram", () => {
  it("keeps every line where it was", () => {
    const source = generateCase(3, 5).source;
    const lines = source.split("\n");
    const out = instrumentProgram(source).split("\n");
    expect(out.length).toBe(lines.length);
    // Lines without arithmetic or stores are untouched.
    for (let i = 1; i < lines.length; i++) if (!/[-+*/%^=]/.test(lines[i]!)) expect(out[i]).toBe(lines[i]);
  });

  it("wraps arithmetic, nested, and stores through fields and indices", () => {
    const out = instrumentProgram("local t = {}\nt.a = (1 + 2) * 3\nlocal s = 'a-b'\n");
    expect(out).toContain("__ljfuzz_mul(__ljfuzz_add(1, 2), 3)");
    expect(out).toContain("t.a = __ljfuzz_v __ljfuzz_stored(__ljfuzz_v, t.a)");
    expect(out).toContain("local s = 'a-b'");
  });
});

describe("the sanitized run, on a real build", () => {
  it("passes generated programs: they keep the rules by construction", async () => {
    for (let index = 0; index < 25; index++) {
      const c = generateCase(11, index);
      expect(await ruleBroken(await target(FIXED_TARGET), c.source, { jitOptions: c.jitOptions, timeoutMs: 30_000 }), `case ${index}`).toBeNull();
    }
  }, 240_000);

  it("names the rule a program breaks, and its line", async () => {
    const ffi = 'local ffi = require("ffi")\nlocal b = ffi.new("int32_t[4]")\n';
    expect(await run(`${ffi}for i = 0, 3 do\n  b[i] = i % (i - i)\nend\n`)).toMatch(/^line 4: a NaN, an infinity/);
    expect(await run(`${ffi}local x = 1 / 0\n`)).toMatch(/^line 3: a NaN, an infinity/);
    expect(await run(`${ffi}local x = 3 * 1.5 + 1\n`)).toMatch(/^line 3: \+, - or \* on a fraction/);
    expect(await run(`${ffi}b[1] = 2^40\n`)).toMatch(/^line 3: a number stored into a field it does not fit/);
    // Within range, a narrow field wraps the same way in JIT and interpreter.
    expect(await run(`${ffi}local u = ffi.new("uint8_t[2]")\nu[0] = 300\nb[2] = 2^31 - 1\nprint(u[0], b[2])\n`)).toBeNull();
    // Any double fits a double field.
    expect(await run(`${ffi}local d = ffi.new("double[1]")\nd[0] = 1e200\n`)).toBeNull();
  }, 120_000);
});
