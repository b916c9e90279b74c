import { describe, expect, it } from "vitest";
import { edgeOffset } from "../resolve/edges.ts";
import { INTERESTING_INTS, OFFSET_EDGES } from "./numbers.ts";

describe("the numbers seed mutators draw from", () => {
  it("hold every byte offset at, inside and past the ends of every A64 immediate form, once each, in order", () => {
    for (const form of ["unscaled", "scaled", "pair"] as const)
      for (const size of [1, 2, 4, 8])
        for (const high of [false, true])
          for (const step of ["at", "inside", "past"] as const)
            expect(OFFSET_EDGES).toContain(edgeOffset(form, size, high, step, 0));
    expect([...new Set(OFFSET_EDGES)]).toEqual(OFFSET_EDGES);
    expect([...OFFSET_EDGES].sort((a, b) => a - b)).toEqual(OFFSET_EDGES);
  });

  it("hold the element indices there too, for an index into an array of unknown element size", () => {
    // LDR/STR of 8 bytes: elements 0..4095; LDP/STP of 4 bytes: elements -64..63; one step past each.
    for (const i of [-1, 0, 4095, 4096, -65, -64, 63, 64]) expect(OFFSET_EDGES).toContain(i);
    expect(INTERESTING_INTS).toContain(0x7fffffff);
    expect(INTERESTING_INTS.every(Number.isSafeInteger)).toBe(true);
  });
});
