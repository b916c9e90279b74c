import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArbitrary } from "../index.ts";
import { affine, type Expr, type Program } from "./ast.ts";
import { MASK32_NONNEG, MASK32_SIGNED } from "./clean.ts";
import { checkClean } from "./clean-stores.ts";
import { type ScalarName, scalar } from "./ctype.ts";

const storeOf = (s: ScalarName, value: Expr, pre: Program["body"] = []): Program => ({
  jitOptions: ["hotloop=1"],
  structs: [],
  buffers: [{ id: 1, elem: scalar("uint8_t"), count: 64, fill: 0 }],
  body: [
    ...pre,
    { tag: "store", place: { base: { tag: "ptr", name: "b1" }, index: affine(0), path: [], scalar: s }, value },
  ],
});
const band = (mask: number): Expr => ({
  tag: "call",
  callee: { tag: "var", name: "band" },
  args: [
    { tag: "var", name: "h" },
    { tag: "int", value: mask },
  ],
});

describe("checkClean", () => {
  it("accepts clean values and names every other store", () => {
    expect(checkClean(storeOf("int32_t", band(MASK32_SIGNED)))).toEqual([]);
    expect(checkClean(storeOf("uint32_t", band(MASK32_SIGNED)))).toHaveLength(1);
    expect(checkClean(storeOf("uint32_t", band(MASK32_NONNEG)))).toEqual([]);
    expect(checkClean(storeOf("int16_t", { tag: "int", value: 0x7f00 }))).toHaveLength(1);
    expect(checkClean(storeOf("int16_t", { tag: "int", value: 0x7e00 }))).toEqual([]);
    expect(checkClean(storeOf("double", { tag: "fp", value: 0.5 }))).toEqual([]);
    expect(checkClean(storeOf("double", { tag: "fp", value: Number.MAX_VALUE }))).toHaveLength(1);
    expect(checkClean(storeOf("double", { tag: "var", name: "h" }))).toHaveLength(1);
    const load: Expr = {
      tag: "load",
      place: { base: { tag: "ptr", name: "b1" }, index: affine(8), path: [], scalar: "double" },
    };
    expect(
      checkClean(storeOf("double", { tag: "var", name: "v" }, [{ tag: "local", names: ["v"], values: [load] }])),
    ).toEqual([]);
    expect(
      checkClean(storeOf("float", { tag: "var", name: "v" }, [{ tag: "local", names: ["v"], values: [load] }])),
    ).toHaveLength(1);
  });

  it("holds for every generated program", () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        expect(checkClean(c.program)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
