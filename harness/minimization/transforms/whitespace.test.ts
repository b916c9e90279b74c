import { describe, expect, it } from "vitest";
import { candidates } from "./test-helpers.ts";
import { tidyWhitespace } from "./whitespace.ts";

describe("whitespace", () => {
  it("indents statements, clauses and ends two spaces a level, leaving long strings alone", () => {
    const source =
      "if a then\n      x()\n   elseif b then\n y()\n    else\n  z()\n     end\nlocal s = [[\n   keep\n]]\n";
    expect(candidates(source, tidyWhitespace)).toEqual([
      source,
      "if a then\n  x()\nelseif b then\n  y()\nelse\n  z()\nend\nlocal s = [[\n   keep\n]]\n",
    ]);
  });

  it("proposes no indentation where it is right already", () => {
    expect(candidates("for i = 1, 2 do\n  f(i)\nend\n", tidyWhitespace)).toEqual(["for i = 1, 2 do\n  f(i)\nend\n"]);
  });
});
