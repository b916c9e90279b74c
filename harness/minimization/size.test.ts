import { describe, expect, it } from "vitest";
import { isSmaller, sizeOf } from "./size.ts";

describe("the reduction order", () => {
  it("is fewer bytes first, then lexicographic", () => {
    expect(isSmaller("x=1\n", "x=10\n")).toBe(true);
    expect(isSmaller("x=0\n", "x=7\n")).toBe(true);
    expect(isSmaller("x=7\n", "x=0\n")).toBe(false);
    expect(isSmaller("x=1\n", "x=1\n")).toBe(false);
    expect(isSmaller("zzz", "aa")).toBe(false);
  });

  it("counts lines and bytes", () => {
    expect(sizeOf("a\nb\n")).toEqual({ lines: 2, bytes: 4 });
    expect(sizeOf("a\nb")).toEqual({ lines: 2, bytes: 3 });
    expect(sizeOf("")).toEqual({ lines: 0, bytes: 0 });
  });
});
