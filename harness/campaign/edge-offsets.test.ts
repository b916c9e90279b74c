/**
 * The generator's `edge` items aim at the offset classes the campaign's
 * trace features count (oracle/features): checked here, where both floors
 * may be seen, against the oracle's A64 encoder (which binutils checks)
 * and its offset classes. (The ranges alone: generators/resolve/edges.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { type EdgeStep, type EncodingForm, edgeOffset } from "../../generators/index.ts";
import { EncodeError, encode } from "../../oracle/a64/index.ts";
import { imm9Class, type OffsetClass, pairClass, uimmClass } from "../../oracle/features/index.ts";

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

/** The class the features give an offset of `form`. */
const classOf = (form: EncodingForm, size: number, offset: number): OffsetClass =>
  form === "scaled" ? uimmClass(offset, size) : form === "unscaled" ? imm9Class(offset) : pairClass(offset, size);

/** The class each step must land in, at the low and the high end. */
const EXPECTED: Record<EdgeStep, readonly [OffsetClass, OffsetClass]> = {
  at: ["lo", "hi"],
  inside: ["in", "in"],
  past: ["past-lo", "past-hi"],
};

const FORMS: readonly [EncodingForm, number][] = [
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

describe("edgeOffset, against the oracle's A64 encoder and offset classes", () => {
  for (const [form, size] of FORMS) {
    it(`puts ${form} offsets of ${size}-byte accesses on, inside and past both ends of the range`, () => {
      for (const high of [false, true]) {
        for (const step of ["at", "inside", "past"] as const) {
          const offset = edgeOffset(form, size, high, step, 0);
          const where = `${step} ${high ? "high" : "low"}: ${offset}`;
          expect(encodes(instruction(form, size, offset)), where).toBe(step !== "past");
          expect(classOf(form, size, offset), where).toBe(EXPECTED[step][high ? 1 : 0]);
        }
        // Misaligned for the size: no scaled form takes it.
        if (form !== "unscaled" && size > 1) {
          const offset = edgeOffset(form, size, high, "at", 1);
          expect(encodes(instruction(form, size, offset))).toBe(false);
          expect(classOf(form, size, offset)).not.toMatch(/^(lo|hi|in)$/);
        }
      }
    });
  }
});
