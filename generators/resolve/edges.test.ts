import { describe, expect, it } from "vitest";
import { EncodeError, encode } from "../../oracle/a64/index.ts";
import type { EdgeStep, EncodingForm } from "../arbitraries/plan.ts";
import { edgeOffset } from "./edges.ts";

/** The instruction of `form` for an access of `size` bytes at `offset`, in binutils syntax. */
function instruction(form: EncodingForm, size: number, offset: number): string {
  const reg = size === 8 ? "x" : "w";
  const suffix = size === 1 ? "b" : size === 2 ? "h" : "";
  if (form === "pair") return `ldp ${reg}0, ${reg}1, [x2, #${offset}]`;
  return `${form === "scaled" ? "ldr" : "ldur"}${suffix} ${reg}0, [x2, #${offset}]`;
}

const encodes = (text: string): boolean => {
  try {
    encode(text);
    return true;
  } catch (e) {
    if (e instanceof EncodeError) return false;
    throw e;
  }
};

describe("edgeOffset, checked against the oracle's A64 encoder", () => {
  const cases: [EncodingForm, number][] = [
    ["scaled", 1],
    ["scaled", 2],
    ["scaled", 4],
    ["scaled", 8],
    ["unscaled", 1],
    ["unscaled", 2],
    ["unscaled", 4],
    ["unscaled", 8],
    ["pair", 4],
    ["pair", 8],
  ];
  for (const [form, size] of cases) {
    it(`puts ${form} offsets of ${size}-byte accesses on, inside and past both ends of the range`, () => {
      for (const high of [false, true]) {
        for (const step of ["at", "inside", "past"] as EdgeStep[]) {
          const offset = edgeOffset(form, size, high, step, 0);
          expect(encodes(instruction(form, size, offset)), `${step} ${high ? "high" : "low"}: ${offset}`).toBe(
            step !== "past",
          );
        }
        // Misaligned for the size: no scaled form takes it.
        if (form !== "unscaled" && size > 1)
          expect(encodes(instruction(form, size, edgeOffset(form, size, high, "at", 1)))).toBe(false);
      }
    });
  }

  it("knows the ranges by heart too", () => {
    expect(edgeOffset("pair", 4, false, "at", 0)).toBe(-256);
    expect(edgeOffset("pair", 8, true, "past", 0)).toBe(512);
    expect(edgeOffset("scaled", 8, true, "at", 0)).toBe(32760);
    expect(edgeOffset("scaled", 2, false, "past", 0)).toBe(-2);
    expect(edgeOffset("unscaled", 4, false, "past", 3)).toBe(-254);
  });
});
