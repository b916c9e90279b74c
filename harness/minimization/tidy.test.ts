import { describe, expect, it } from "vitest";
import { parseLua } from "../lua/index.ts";
import { tidy } from "./tidy.ts";

const tidied = (source: string): string => tidy(source, parseLua(source).verbatim);

describe("tidy", () => {
  it("drops blank lines and trailing blanks, and ends with one newline", () => {
    expect(tidied("local a = 1   \n\n   \n\tprint(a)\t\n\n\n")).toBe("local a = 1\n\tprint(a)\n");
    expect(tidied("print(1)")).toBe("print(1)\n");
    expect(tidied("\n \n")).toBe("");
  });

  it("keeps the blank lines and trailing blanks inside long strings and comments", () => {
    const source = "local s = [[a  \n\n  b]]\n\n--[[ x\n\n y ]]\nprint(s)\n";
    expect(tidied(source)).toBe("local s = [[a  \n\n  b]]\n--[[ x\n\n y ]]\nprint(s)\n");
  });

  it("leaves indentation alone", () => {
    expect(tidied("if x then\n\n    y()\nend\n")).toBe("if x then\n    y()\nend\n");
  });
});
