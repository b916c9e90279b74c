import { describe, expect, it } from "vitest";
import { edgeOffset } from "./edges.ts";

// Checked against the oracle's A64 encoder and the features' offset classes: harness/campaign/edge-offsets.test.ts.
describe("edgeOffset", () => {
  it("puts offsets at the ends of the A64 ranges, a step inside, past, and misaligned", () => {
    expect(edgeOffset("pair", 4, false, "at", 0)).toBe(-256);
    expect(edgeOffset("pair", 8, true, "past", 0)).toBe(512);
    expect(edgeOffset("scaled", 8, true, "at", 0)).toBe(32760);
    expect(edgeOffset("scaled", 2, false, "past", 0)).toBe(-2);
    expect(edgeOffset("unscaled", 4, false, "past", 3)).toBe(-254);
  });
});
