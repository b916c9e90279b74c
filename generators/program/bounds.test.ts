import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArbitrary } from "../index.ts";
import { aliasConflicts } from "./aliasing.ts";
import { affine, type Program } from "./ast.ts";
import { checkBounds } from "./bounds.ts";
import { scalar } from "./ctype.ts";

const oneBuffer = (body: Program["body"]): Program => ({
  jitOptions: ["hotloop=1"],
  structs: [],
  buffers: [{ id: 1, elem: scalar("uint8_t"), count: 64, fill: 0 }],
  body,
});

describe("static bounds", () => {
  it("accepts accesses inside the buffer and rejects the ones outside", () => {
    const at = (k: number) =>
      oneBuffer([
        { tag: "ptr", name: "a1", pointee: scalar("uint8_t"), source: { tag: "ptr", from: "b1", delta: affine(32) } },
        { tag: "ptr", name: "p1", pointee: scalar("int32_t"), source: { tag: "ptr", from: "a1", delta: affine(0) } },
        {
          tag: "for",
          var: "i1",
          start: 0,
          stop: 3,
          step: 1,
          body: [
            {
              tag: "store",
              place: {
                base: { tag: "ptr", name: "p1" },
                index: affine(k, [{ loopVar: "i1", coef: 1 }]),
                path: [],
                scalar: "int32_t",
              },
              value: { tag: "int", value: 0 },
            },
          ],
        },
      ]);
    expect(checkBounds(at(-8)).errors).toEqual([]); // bytes 0..15
    expect(checkBounds(at(-9)).errors).toHaveLength(1); // byte -4
    expect(checkBounds(at(4)).errors).toEqual([]); // up to byte 63
    expect(checkBounds(at(5)).errors).toHaveLength(1); // byte 64
  });

  it("holds for every generated program: in bounds, and no store aliasing another type", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const report = checkBounds(c.program);
        expect(report.errors).toEqual([]);
        expect(aliasConflicts(c.program)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
