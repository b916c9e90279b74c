import { describe, expect, it } from "vitest";
import { candidates } from "./test-helpers.ts";
import { luaTokens, removeLines, removeTokens } from "./text-level.ts";

describe("the passes over text", () => {
  it("removes lines, one by one or in chunks", () => {
    expect(candidates("a()\nb()\nc()\n", (c) => removeLines(c, 1))).toEqual(["b()\nc()\n", "a()\nc()\n", "a()\nb()\n"]);
    expect(candidates("a()\nb()\nc()\n", (c) => removeLines(c, 2))).toEqual(["c()\n", "a()\nb()\n"]);
  });

  it("removes tokens and pairs of tokens; only what parses is a candidate", () => {
    expect(candidates("x = y + 1 - 2\n", (c) => removeTokens(c, 2))).toEqual([
      "x = 1 - 2\n",
      "x = y - 2\n",
      "x = y + 2\n",
      "x = y + 1\n",
    ]);
    // Never a `local` dropped: a global is no smaller a reproducer.
    expect(candidates("local x = y + 1\n", (c) => removeTokens(c, 1))).toEqual([]);
    expect(candidates("local x = y + 1\n", (c) => removeTokens(c, 2))).toEqual(["local x = 1\n", "local x = y\n"]);
  });

  it("splits Lua into tokens, long strings and comments whole", () => {
    const source = 'x = [[a b]] .. "c\\"d" -- note\ny=0x1p+4 ~= 3';
    expect(luaTokens(source).map(([s, e]) => source.slice(s, e))).toEqual([
      "x",
      "=",
      "[[a b]]",
      "..",
      '"c\\"d"',
      "y",
      "=",
      "0x1p+4",
      "~=",
      "3",
    ]);
  });
});
