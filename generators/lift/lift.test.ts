import { describe, expect, it } from "vitest";
import { printProgram } from "../print/lua.ts";
import { liftLua } from "./lift.ts";
import { seedIssues, testFileSeeds } from "./seeds.ts";

const print = (source: string): string => {
  const r = liftLua(source);
  if (!r.ok) throw new Error(r.reason);
  return printProgram(r.program);
};
/** The printed body, without the header line. */
const body = (source: string): string => print(source).split("\n").slice(1).join("\n").trim();

describe("liftLua", () => {
  it("keeps what the program means, in the printer's spelling", () => {
    expect(body("local t = {1, 2, x = 3, [4] = 5}\nprint(t.x, t[4], #t)")).toBe(
      "local t = { 1, 2, x = 3, [4] = 5 }\nprint(t.x, t[4], #t)",
    );
    expect(body('s:rep(2) f"x" g{1}')).toBe('s:rep(2)\nf("x")\ng({ 1 })');
    expect(body("function a.b:c(x) return self, x end")).toBe("a.b.c = function(self, x) return self, x end");
    expect(body("local function f(...) return (...), (f()) end")).toBe(
      "local function f(...)\n  return (...), (f())\nend",
    );
    expect(body("local x = (1 + 2) * -3 ^ 2 .. 'a'")).toBe('local x = (1 + 2) * -3 ^ 2 .. "a"');
    expect(body("if a then b() elseif c then d() else e() end")).toBe(
      "if a then\n  b()\nelse\n  if c then\n    d()\n  else\n    e()\n  end\nend",
    );
    expect(body("for i = 10, 1, -2 do end for i = 1, n do end for k, v in pairs(t) do end")).toBe(
      "for i = 10, 1, -2 do\nend\nfor i = 1, n do\nend\nfor k, v in pairs(t) do\nend",
    );
    expect(body("goto done ::done::")).toBe("goto done\n::done::");
    expect(body("local a, b = 0x10LL, 0xffffffffffffffffULL")).toBe("local a, b = 0x10LL, 0xffffffffffffffffULL");
    // A statement starting with ( is kept apart from the call before it.
    expect(body("f()\n;(g or h)(1)")).toBe("f();\n(g or h)(1)");
  });

  it("keeps every byte of a string literal", () => {
    const source = 'local s = "a\\0b\\255\\n\\"\\\\"';
    const printed = body(source);
    expect(printed).toBe('local s = "a\\000b\\255\\n\\"\\\\"');
    const again = liftLua(printed);
    expect(again.ok && again.program.body).toEqual((liftLua(source) as { program: { body: unknown } }).program.body);
  });

  it("takes the JIT options from an ljfuzz header", () => {
    const r = liftLua("-- ljfuzz: -Ohotloop=1,-fold\nprint(1)\n");
    expect(r.ok && r.program.jitOptions).toEqual(["hotloop=1", "-fold"]);
  });

  it("says why it cannot lift a program", () => {
    expect(liftLua("local x = 1i")).toEqual({ ok: false, reason: "an imaginary number literal" });
    expect(liftLua("local t = { [1] = f(), 2 }")).toMatchObject({ ok: false, reason: /positional table item/ });
    expect(liftLua("local x = = 1")).toMatchObject({ ok: false, reason: /^syntax: / });
    // A keyed field that cannot collide moves behind the items.
    expect(body("local t = {[0] = 9, 9}")).toBe("local t = { 9, [0] = 9 }");
  });
  // Every corpus entry lifts: harness/seeds/seeds.test.ts.
});

describe("testFileSeeds", () => {
  const file = {
    path: "lib/x.lua",
    text: 'local ffi = require("ffi")\nlocal k = 3\n\ndo --- one +ffi\n  assert(k == 3)\nend\n\ndo --- two +slow\n  assert(false)\nend\n\ndo --- three\n  local t = {1i}\nend\n',
  };

  it("makes a seed of each test with the prefix before it, skips slow tests, and keeps what does not lift as text", () => {
    const { seeds, report } = testFileSeeds(file);
    expect(seeds.map((s) => s.origin)).toEqual(["lib/x.lua: one +ffi", "lib/x.lua: three"]);
    expect(seeds[0]!.kind).toBe("program");
    expect(seeds[0]!.kind === "program" && printProgram(seeds[0]!.program)).toContain(
      "local k = 3\ndo\n  assert(k == 3)",
    );
    expect(seeds[1]).toMatchObject({ kind: "text", reason: "an imaginary number literal" });
    expect(report).toEqual({
      path: "lib/x.lua",
      tests: 2,
      lifted: 1,
      skipped: 1,
      reasons: ["an imaginary number literal"],
    });
  });

  it("names what a seed needs beyond itself", () => {
    const { seeds } = testFileSeeds({ path: "t.lua", text: 'local e = require"common.expect_error"\nio.write("x")\n' });
    expect(seedIssues(seeds[0]!)).toEqual(["requires common.expect_error", "uses io"]);
  });
});
