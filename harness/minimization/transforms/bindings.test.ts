import { describe, expect, it } from "vitest";
import { inlineExpressionFunctions, inlineFunctions, inlineLocals, removeDeadBindings } from "./bindings.ts";
import { unwrapCallArguments } from "./calls.ts";
import { foldConstants } from "./fold.ts";
import { mergeLoops } from "./loops.ts";
import { candidates } from "./test-helpers.ts";

describe("bindings", () => {
  it("removes a local with every statement that mentions it (a table nobody reads)", () => {
    expect(candidates("local t = {}\nt[1] = 5\nlocal n = 2\nprint(n)\n", removeDeadBindings)).toEqual([
      "local n = 2\nprint(n)\n",
      "local t = {}\nt[1] = 5\n",
    ]);
  });

  it("removes one unread name of a multi-name local with its value", () => {
    // `a` goes with the statements that mention it; `b` alone.
    expect(candidates("local a, b = f(), 2\nprint(a)\n", removeDeadBindings)).toEqual([
      "",
      "local a = f()\nprint(a)\n",
    ]);
  });

  it("propagates a constant to every read, and inlines a value read once", () => {
    expect(candidates("local N = 8\nlocal x = f(N) + N\nprint(x)\n", inlineLocals)).toEqual([
      "local x = f(8) + 8\nprint(x)\n",
      "local N = 8\nprint((f(N) + N))\n",
    ]);
  });

  it("leaves a local that is assigned again", () => {
    expect(candidates("local n = 1\nn = n + 1\nprint(n)\n", inlineLocals)).toEqual([]);
  });

  it("inlines a function called once, as a statement or as a local's value", () => {
    expect(candidates("local function go(n)\n  for i = 1, n do g(i) end\nend\ngo(10)\n", inlineFunctions)).toEqual([
      "do local n = 10 for i = 1, n do g(i) end end\n",
    ]);
    expect(
      candidates(
        "local function add(a, b)\n  local s = a + b\n  return s\nend\nlocal v = add(1, 2)\nprint(v)\n",
        inlineFunctions,
      ),
    ).toEqual(["local v do local a, b = 1, 2 local s = a + b v = s end\nprint(v)\n"]);
  });

  it("does not inline a function that returns early, recurses or is called twice", () => {
    expect(
      candidates("local function f(x)\n  if x then return 1 end\n  return 2\nend\nlocal v = f(1)\n", inlineFunctions),
    ).toEqual([]);
    expect(candidates("local function f(x)\n  return f(x)\nend\n", inlineFunctions)).toEqual([]);
    expect(candidates("local function f() g() end\nf()\nf()\n", inlineFunctions)).toEqual([]);
  });
});

describe("functions of one expression", () => {
  it("put their value in place of their one call, wherever it stands, parameters replaced", () => {
    const source =
      'local function new_store(n)\n  return ffi.new("b[?]", n)\nend\nlocal r = { store = new_store(2) }\n';
    expect(candidates(source, inlineExpressionFunctions)).toEqual(['local r = { store = ffi.new("b[?]", 2) }\n']);
    expect(candidates("local function sq(x)\n  return x * x\nend\nprint(sq(3))\n", inlineExpressionFunctions)).toEqual([
      "print((3 * 3))\n",
    ]);
  });

  it("leave a function called twice, or a parameter read twice whose argument computes", () => {
    const sq = "local function sq(x)\n  return x * x\nend\n";
    expect(candidates(`${sq}print(sq(1), sq(2))\n`, inlineExpressionFunctions)).toEqual([]);
    expect(candidates(`${sq}print(sq(a + 1))\n`, inlineExpressionFunctions)).toEqual([]);
  });
});

describe("calls in calls", () => {
  it("keep the inner call as the statement", () => {
    expect(candidates('print("alarm", alarm(s, 200))\n', unwrapCallArguments)).toEqual(["alarm(s, 200)\n"]);
    expect(candidates("print(a, b)\n", unwrapCallArguments)).toEqual([]);
  });
});

describe("constants", () => {
  it("folds integer arithmetic on literals, keeping parentheses for a negative operand", () => {
    expect(candidates("local x = 64 - 1\nlocal y = a * (2 - 5)\n", foldConstants)).toEqual([
      "local x = 63\nlocal y = a * (2 - 5)\n",
      "local x = 64 - 1\nlocal y = a * (-3)\n",
    ]);
  });

  it("folds nothing that is not an exact small integer", () => {
    expect(candidates("local x = 1.5 * 2\nlocal y = 2 ^ 40\nlocal z = 7 % 0\n", foldConstants)).toEqual([]);
  });
});

describe("loops", () => {
  it("merges two loops in a row over the same range, renaming the second's variable", () => {
    expect(candidates("for i = 1, 10 do a[i] = i end\nfor j = 1, 10 do s = s + a[j] end\n", mergeLoops)).toEqual([
      "for i = 1, 10 do a[i] = i\ns = s + a[i]\nend\n",
    ]);
    expect(candidates("for i = 1, 10 do a[i] = i end\nfor j = 1, 9 do s = s + a[j] end\n", mergeLoops)).toEqual([]);
  });
});
