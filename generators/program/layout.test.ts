import { describe, expect, it } from "vitest";
import { arrayOf, type StructDef, scalar, structRef } from "./ctype.ts";
import { alignOf, computeLayouts, followPath, leaves, sizeOf } from "./layout.ts";

const S = (id: number, packed: boolean, ...fields: [string, StructDef["fields"][number]["type"]][]): StructDef => ({
  id,
  packed,
  fields: fields.map(([name, type]) => ({ name, type })),
});

describe("layout", () => {
  // The expected numbers are what LuaJIT's ffi.sizeof/ffi.offsetof say on arm64.
  const defs = [
    S(1, true, ["a", scalar("int8_t")], ["b", scalar("int32_t")], ["c", scalar("double")]),
    S(2, false, ["a", scalar("int8_t")], ["s", structRef(1)], ["z", arrayOf(scalar("int16_t"), 3)]),
    S(3, false, ["a", scalar("int8_t")], ["b", scalar("int64_t")], ["q", scalar("bool")]),
    S(4, false, ["a", scalar("uint8_t")], ["b", scalar("uint8_t")], ["c", scalar("uint8_t")]),
  ];
  const l = computeLayouts(defs);

  it("packs packed structs and pads natural ones", () => {
    expect([sizeOf(l, structRef(1)), alignOf(l, structRef(1))]).toEqual([13, 1]);
    expect([sizeOf(l, structRef(2)), alignOf(l, structRef(2))]).toEqual([20, 2]);
    expect([sizeOf(l, structRef(3)), alignOf(l, structRef(3))]).toEqual([24, 8]);
    expect(sizeOf(l, structRef(4))).toBe(3);
  });

  it("finds field offsets through nested structs and arrays", () => {
    expect(
      followPath(l, structRef(2), [
        { tag: "field", name: "s" },
        { tag: "field", name: "c" },
      ]).offset,
    ).toBe(1 + 5);
    expect(
      followPath(l, structRef(2), [
        { tag: "field", name: "z" },
        { tag: "elem", index: 2 },
      ]).offset,
    ).toBe(14 + 4);
  });

  it("lists scalar leaves in address order", () => {
    expect(leaves(l, structRef(2)).map((x) => [x.offset, x.scalar])).toEqual([
      [0, "int8_t"],
      [1, "int8_t"],
      [2, "int32_t"],
      [6, "double"],
      [14, "int16_t"],
      [16, "int16_t"],
      [18, "int16_t"],
    ]);
  });
});
