// Property: for random words biased towards the modeled groups, our decoder
// agrees with binutils on validity and text, and the encoder reads the text
// back to the word (to the canonical word where the text cannot show all bits).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binutilsAvailable } from "./binutils.ts";
import { biasedWord, crossCheck } from "./crosscheck.ts";

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const word = fc
  .tuple(unit, unit, fc.integer({ min: 0, max: 0xffffffff }))
  .map(([a, b, c]) => biasedWord(a, b, c / 2 ** 32));

describe.skipIf(!binutilsAvailable())("A64 decoder against binutils", () => {
  it("agrees on validity, text and round trip", () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 4000, maxLength: 4000 }), (words) => {
        const report = crossCheck(words);
        expect(report.mismatches.slice(0, 5)).toEqual([]);
      }),
      // A fixed seed keeps `npm test` deterministic (scripts/a64-million.ts
      // explores new seeds); no shrinking: a mismatch report already names the words.
      { numRuns: 5, seed: 20261122, endOnFailure: true },
    );
  });

  it("agrees on the words LuaJIT's backend is built from", () => {
    const words = [
      0x297f6f7a, 0xffff6f7a, 0xa9400000, 0x29000000, 0x2d400000, 0x6d400000, 0xb9400000, 0xf9400000, 0xbd400000,
      0xfd400000, 0x39400000, 0x79400000, 0x39c00000, 0x79c00000, 0xb8604800, 0xf8607800, 0x58000000, 0x5c000000,
      0x18000000, 0x10000000, 0x90000000, 0x2f000400, 0x1e601000, 0xd503201f, 0xd503249f, 0xd61f081f, 0xd63f081f,
      0x9b207c00, 0x1ac02000, 0x9ac02c00, 0x5ac00800, 0xdac00c00, 0x13800000, 0x93c00000, 0x33000000, 0xb3400000,
      0x1e780000, 0x9e670000, 0x1e654000, 0x1e64c000, 0x1e65c000, 0x1e602008, 0x1e600c00, 0x1f400000, 0x1f608000,
      0x7a400000, 0xfa400000, 0x1a800000,
    ];
    expect(crossCheck(words).mismatches).toEqual([]);
  });
});
