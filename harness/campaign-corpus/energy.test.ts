import { describe, expect, it } from "vitest";
import { FeatureFrequency, pickWeighted, ReachFrequency } from "./energy.ts";

describe("energy", () => {
  it("is 1 / the count of a case's rarest feature", () => {
    const frequency = new FeatureFrequency();
    for (let i = 0; i < 10; i++) frequency.add([1, 2]);
    frequency.add([2, 3]);
    frequency.add([3, 4]);
    expect(frequency.count(2)).toBe(11);
    expect(frequency.energy([1, 2])).toBeCloseTo(1 / 10);
    expect(frequency.energy([2, 3])).toBeCloseTo(1 / 2);
    expect(frequency.energy([1, 4])).toBe(1);
    // Features nothing counted yet are as rare as can be; a case with none has the base energy.
    expect(frequency.energy([99])).toBe(1);
    expect(frequency.energy([])).toBe(1);
  });

  it("counts backend edges per +cov target too: a common feature with a rare edge is rare", () => {
    const frequency = new ReachFrequency();
    for (let i = 0; i < 10; i++) {
      frequency.features.add([1]);
      frequency.addEdges("a+cov", [7, 8]);
    }
    frequency.addEdges("a+cov", [9]);
    frequency.addEdges("b+cov", [7]);
    expect(frequency.energy([1], {})).toBeCloseTo(1 / 10);
    expect(frequency.energy([1], { "a+cov": [7, 8] })).toBeCloseTo(1 / 10);
    expect(frequency.energy([1], { "a+cov": [7, 9] })).toBe(1);
    // Edge 7 is another edge on another build: counted apart.
    expect(frequency.energy([1], { "b+cov": [7] })).toBe(1);
    expect(frequency.energy([], {})).toBe(1);
  });

  it("draws in proportion to the weights", () => {
    const weights = [0.1, 0.5, 0.4];
    const picks = [0, 0, 0];
    for (let i = 0; i < 1000; i++) picks[pickWeighted(weights, (i + 0.5) / 1000)]!++;
    expect(picks).toEqual([100, 500, 400]);
    expect(pickWeighted([0, 0, 3], 0)).toBe(2);
    expect(() => pickWeighted([0, 0], 0.5)).toThrow(/nothing to pick/);
  });
});
