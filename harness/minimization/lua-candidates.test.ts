import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tryParseLua } from "../lua/index.ts";
import { buildCandidate, type LuaPass, planRound } from "./lua-candidates.ts";
import { isSmaller } from "./size.ts";
import { removeClauses, unwrapBlocks } from "./transforms/blocks.ts";
import { type LuaCandidate, luaContext } from "./transforms/candidate.ts";
import { removeComments } from "./transforms/comments.ts";
import { keepCallsOnly } from "./transforms/declarations.ts";
import { simplifyExpressions } from "./transforms/expressions.ts";
import { dropArguments, dropFields, dropParameters } from "./transforms/lists.ts";
import { reduceForBounds, simplifyLiterals } from "./transforms/literals.ts";
import { chunkSizes, removeStatementChunks } from "./transforms/statements.ts";
import { candidates } from "./transforms/test-helpers.ts";

const FIXTURE = new URL("./fixtures/gateway-worker.lua", import.meta.url);

describe("statement removal", () => {
  const source = "local a = 1\nlocal b = 2;\nprint(a)\nprint(b)\nif a then\n  print(1)\n  print(2)\nend\n";

  it("removes chunks of the outer block, then single statements, separators and all", () => {
    expect(candidates(source, (c) => removeStatementChunks(c, 0, 3))).toEqual([
      "print(b)\nif a then\n  print(1)\n  print(2)\nend\n",
      "local a = 1\nlocal b = 2;\nprint(a)\n",
    ]);
    expect(candidates(source, (c) => removeStatementChunks(c, 0, 1))[1]).toBe(
      "local a = 1\nprint(a)\nprint(b)\nif a then\n  print(1)\n  print(2)\nend\n",
    );
  });

  it("reaches inner blocks at their own depth", () => {
    expect(candidates(source, (c) => removeStatementChunks(c, 1, 1))).toEqual([
      "local a = 1\nlocal b = 2;\nprint(a)\nprint(b)\nif a then\n  print(2)\nend\n",
      "local a = 1\nlocal b = 2;\nprint(a)\nprint(b)\nif a then\n  print(1)\nend\n",
    ]);
  });

  it("halves chunk sizes ddmin-style", () => {
    expect(chunkSizes(40)).toEqual([20, 10, 5, 3, 2, 1]);
    expect(chunkSizes(2)).toEqual([1]);
    expect(chunkSizes(0)).toEqual([]);
  });

  it("cuts a declaration down to its call", () => {
    expect(candidates("local x = f(1)\ny = g{2}\nlocal z = 1\n", keepCallsOnly)).toEqual([
      "f(1)\ny = g{2}\nlocal z = 1\n",
      "local x = f(1)\ng{2}\nlocal z = 1\n",
    ]);
  });
});

describe("blocks", () => {
  it("unwraps do, while and if into their bodies, re-indented", () => {
    const source = "do\n  local x = 1\n  print(x)\nend\nwhile c do\n  f()\nend\n";
    expect(candidates(source, unwrapBlocks)).toEqual([
      "local x = 1\nprint(x)\nwhile c do\n  f()\nend\n",
      "do\n  local x = 1\n  print(x)\nend\nf()\n",
    ]);
  });

  it("unwraps a numeric for into its body once, with the variable at its start value", () => {
    expect(candidates("function g()\n  for i = 2, 100 do\n    f(i)\n  end\nend\n", unwrapBlocks)).toEqual([
      "function g()\n  local i = 2\n  f(i)\nend\n",
    ]);
  });

  it("replaces an if by any one of its branches", () => {
    expect(candidates("if a then f() elseif b then g() else h() end\n", unwrapBlocks)).toEqual([
      "f()\n",
      "g()\n",
      "h()\n",
    ]);
  });

  it("drops else and elseif branches, and the first branch before an elseif", () => {
    expect(candidates("if a then f() elseif b then g() else h() end\n", removeClauses)).toEqual([
      "if b then g() else h() end\n",
      "if a then f() else h() end\n",
      "if a then f() elseif b then g() end\n",
    ]);
  });
});

describe("expressions and literals", () => {
  it("replaces an expression by its parts, then by constants, only when smaller", () => {
    expect(candidates("x = (a + b) * c\n", simplifyExpressions)).toEqual([
      "x = a + b\n",
      "x = c\n",
      "x = 0\n",
      "x = 1\n",
      "x = nil\n",
      "x = true\n",
      "x = a * c\n",
      "x = b * c\n",
      "x = 0 * c\n",
      "x = 1 * c\n",
      "x = nil * c\n", // as short as `(a + b)` with its parentheses
      "x = true * c\n",
      "x = (0 + b) * c\n",
      "x = (1 + b) * c\n",
      "x = (a + 0) * c\n",
      "x = (a + 1) * c\n",
      "x = (a + b) * 0\n",
      "x = (a + b) * 1\n",
    ]);
  });

  it("keeps grouping when an operation moves into an operand, and a call's parentheses", () => {
    expect(candidates("x = y * (a - b * c)\n", simplifyExpressions)).toContain("x = y * (b * c)\n");
    const call = candidates("f(a + b)\n", simplifyExpressions);
    expect(call).toContain("f(a)\n");
    expect(call.every((s) => s.startsWith("f("))).toBe(true); // the call statement itself stays
  });

  it("simplifies numbers toward 0, 1 and fewer digits, keeping LuaJIT suffixes", () => {
    expect(candidates("x = 250 + 7LL\n", simplifyLiterals)).toEqual([
      "x = 0 + 7LL\n",
      "x = 1 + 7LL\n",
      "x = 25 + 7LL\n",
      "x = 125 + 7LL\n",
      "x = 250 + 0LL\n",
      "x = 250 + 1LL\n",
      "x = 250 + 3LL\n",
    ]);
  });

  it("shortens strings toward the empty string", () => {
    expect(candidates("f('hello', [[abcd]], \"a\\n\")\n", simplifyLiterals)).toEqual([
      'f("", [[abcd]], "a\\n")\n',
      "f('he', [[abcd]], \"a\\n\")\n",
      'f(\'hello\', "", "a\\n")\n',
      "f('hello', [[ab]], \"a\\n\")\n",
      "f('hello', [[abcd]], \"\")\n",
    ]);
  });

  it("lowers numeric for bounds to 1, 2, 3, a tenth and a half; computed ones to small constants", () => {
    const loops = (a: string, b: string): string => `for i = 1, ${a} do f(i) end\nfor j = 1, ${b} do end\n`;
    expect(candidates(loops("1000", "#items"), reduceForBounds)).toEqual([
      ...["1", "2", "3", "100", "500"].map((n) => loops(n, "#items")),
      ...["1", "2", "3", "10", "100"].map((n) => loops("1000", n)),
    ]);
  });
});

describe("lists", () => {
  it("drops call arguments with their commas", () => {
    expect(candidates("f(a, b, c)\n", dropArguments)).toEqual(["f(b, c)\n", "f(a, c)\n", "f(a, b)\n"]);
  });

  it("drops table fields, trailing separators included", () => {
    expect(candidates("t = { 1, x = 2; [3] = 4, }\nu = { 5, }\n", dropFields)).toEqual([
      "t = { x = 2; [3] = 4, }\nu = { 5, }\n",
      "t = { 1, [3] = 4, }\nu = { 5, }\n",
      "t = { 1, x = 2, }\nu = { 5, }\n",
      "t = { 1, x = 2; [3] = 4, }\nu = {  }\n",
    ]);
  });

  it("drops function parameters", () => {
    expect(candidates("local function f(a, b) end\nx = function(c) end\n", dropParameters)).toEqual([
      "local function f(b) end\nx = function(c) end\n",
      "local function f(a) end\nx = function(c) end\n",
      "local function f(a, b) end\nx = function() end\n",
    ]);
  });
});

describe("comments", () => {
  it("removes all comments at once, then each one, without gluing tokens", () => {
    expect(candidates("-- a\nx = 1 --[[b]]\ny = 2--[[c]]+3\n", removeComments)).toEqual([
      "x = 1\ny = 2 +3\n",
      "x = 1 --[[b]]\ny = 2--[[c]]+3\n",
      "-- a\nx = 1\ny = 2--[[c]]+3\n",
      "-- a\nx = 1 --[[b]]\ny = 2 +3\n",
    ]);
  });
});

describe("every candidate", () => {
  const source = readFileSync(FIXTURE, "latin1");

  it("parses and is smaller than the source, in every pass of a round (the fixture)", () => {
    const passes = planRound(source);
    let total = 0;
    const context = luaContext(tryParseLua(source)!);
    for (const pass of passes) {
      for (const candidate of pass.candidates(context)) {
        const built = buildCandidate(source, candidate);
        if (built === null) continue; // never run
        total++;
        expect(tryParseLua(built), candidate.what).not.toBeNull();
        if (candidate.kind !== "whitespace") expect(isSmaller(built, source), candidate.what).toBe(true);
      }
    }
    expect(total).toBeGreaterThan(500);
  });

  it("numbers sites in nondecreasing order within a pass", () => {
    const context = luaContext(tryParseLua(source)!);
    for (const pass of planRound(source)) {
      const sites = pass.candidates(context).map((c) => c.site);
      expect(sites, pass.name).toEqual([...sites].sort((a, b) => a - b));
    }
  });

  it("is rejected when it does not parse", () => {
    const broken: LuaCandidate = { kind: "expressions", site: 0, what: "", splices: [{ start: 4, end: 5, text: "0" }] };
    expect(buildCandidate("x = a.b\n", broken)).toBeNull();
  });
});

describe("a round", () => {
  it("goes outer blocks first, then inner, then finer transformations, then lines and tokens", () => {
    const names = planRound(
      "local function f()\n  for i = 1, 3 do\n    g(i)\n    h(i)\n  end\nend\nf()\nf()\nf()\n",
    ).map((p: LuaPass) => p.name);
    expect(names).toEqual([
      "comments",
      "dead locals",
      "statements (depth 0, chunks of 2)",
      "statements (depth 0, one by one)",
      "statements (depth 1, one by one)",
      "statements (depth 2, one by one)",
      "declarations",
      "C declarations",
      "calls in calls",
      "inline functions",
      "inline function values",
      "inline locals",
      "fold constants",
      "unwrap blocks",
      "if branches",
      "merge loops",
      "for bounds",
      "call arguments",
      "table fields",
      "parameters",
      "expressions",
      "literals",
      "whitespace",
      "lines (chunks of 5)",
      "lines (chunks of 3)",
      "lines (chunks of 2)",
      "lines (one by one)",
      "tokens (one by one)",
      "tokens (pairs)",
    ]);
  });
});

describe("memory-shaping expressions", () => {
  // A reproducer that reads out of bounds shows garbage, not the bug.
  const source = [
    'local ffi = require("ffi")',
    'local buf = ffi.new("int32_t[16]")',
    'local base = ffi.cast("int32_t*", buf) + 8',
    "local q = base - 2",
    "for i = 4, 10 do buf[i - 4] = i end",
    "print(base[-2] + base[-1] + 7)",
  ].join("\n");
  const context = luaContext(tryParseLua(source)!);
  const touched = (candidates: readonly LuaCandidate[]) =>
    candidates.flatMap((c) => c.splices.map((s) => source.slice(s.start, s.end)));

  it("leaves FFI arguments, indexes, pointer arithmetic and loop starts alone", () => {
    const changed = [
      ...touched(simplifyExpressions(context)),
      ...touched(simplifyLiterals(context)),
      ...touched(dropArguments(context)),
    ];
    for (const kept of [
      'ffi.new("int32_t[16]")',
      '"int32_t[16]"',
      'ffi.cast("int32_t*", buf) + 8',
      'ffi.cast("int32_t*", buf)',
      "8",
      "base - 2",
      "2",
      "-2",
      "-1",
      "i - 4",
      "4",
    ]) {
      expect(changed).not.toContain(kept);
    }
    // Ordinary arithmetic is still fair game.
    expect(changed).toContain("7");
  });
});
