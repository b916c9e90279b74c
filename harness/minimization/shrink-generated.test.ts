import { describe, expect, it } from "vitest";
import { generateCase, shrinkCase } from "../../generators/index.ts";
import { shrinkGenerated } from "./shrink-generated.ts";

describe("shrinkGenerated", () => {
  it("keeps shrinking while the property holds, deterministically", async () => {
    const start = generateCase(5, 3);
    // A stand-in for "same signature": the program still has a loop.
    const keeps = async (c: { source: string }) => c.source.includes("for ");
    const a = await shrinkGenerated(start, shrinkCase, keeps, { tests: 200, ms: 60_000 });
    const b = await shrinkGenerated(start, shrinkCase, keeps, { tests: 200, ms: 60_000 });
    expect(a.best.source).toBe(b.best.source);
    expect(a.steps).toBeGreaterThan(0);
    expect(a.best.source.length).toBeLessThan(start.source.length);
    expect(a.best.source).toContain("for ");
  });

  it("stops at the budget", async () => {
    const r = await shrinkGenerated(generateCase(5, 3), shrinkCase, async () => false, { tests: 7, ms: 60_000 });
    expect(r.tests).toBeLessThanOrEqual(7);
    expect(r.steps).toBe(0);
  });
});
