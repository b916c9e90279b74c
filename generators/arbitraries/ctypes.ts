/** Struct layouts, buffers and anchors. */
import fc from "fast-check";
import type { ScalarName } from "../program/ctype.ts";
import type { AnchorPlan, BufferPlan, ElemPlan, FieldPlan, StructPlan } from "./plan.ts";

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** Any scalar, the 32/64-bit ones (LDP/STP material) most often. */
export const scalarName: fc.Arbitrary<ScalarName> = fc.oneof(
  w(4, fc.constantFrom<ScalarName>("int32_t", "uint32_t", "int64_t", "uint64_t", "double", "float")),
  w(2, fc.constantFrom<ScalarName>("int8_t", "uint8_t", "int16_t", "uint16_t", "bool", "void *")),
);

/** Scalars whose adjacent pairs LuaJIT may fuse into LDP/STP (4 and 8 bytes). */
export const pairScalar: fc.Arbitrary<ScalarName> = fc.oneof(
  w(5, fc.constant<ScalarName>("int32_t")),
  w(2, fc.constantFrom<ScalarName>("int64_t", "double")),
  w(1, fc.constantFrom<ScalarName>("uint32_t", "uint64_t", "float", "void *")),
);

/** Each access size (1, 2, 4, 8 bytes) as often as the others: encoding boundaries are per size. */
export const scalarBySize: fc.Arbitrary<ScalarName> = fc.oneof(
  fc.constantFrom<ScalarName>("int8_t", "uint8_t", "bool"),
  fc.constantFrom<ScalarName>("int16_t", "uint16_t"),
  fc.constantFrom<ScalarName>("int32_t", "uint32_t", "float"),
  fc.constantFrom<ScalarName>("int64_t", "uint64_t", "double", "void *"),
);

export const fieldPlan: fc.Arbitrary<FieldPlan> = fc.oneof(
  w(
    6,
    scalarName.map((scalar): FieldPlan => ({ tag: "scalar", scalar })),
  ),
  w(2, fc.record({ tag: fc.constant("array" as const), scalar: scalarName, length: fc.integer({ min: 1, max: 6 }) })),
  w(
    1,
    fc.record({
      tag: fc.constant("struct" as const),
      struct: fc.nat(7),
      length: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
    }),
  ),
);

export const structPlan: fc.Arbitrary<StructPlan> = fc.record({
  packed: fc.oneof(w(2, fc.constant(false)), w(1, fc.constant(true))),
  fields: fc.array(fieldPlan, { minLength: 1, maxLength: 8 }),
});

const elemPlan: fc.Arbitrary<ElemPlan> = fc.oneof(
  w(6, fc.constant<ElemPlan>({ tag: "scalar", scalar: "uint8_t" })),
  w(
    1,
    fc.constantFrom<ScalarName>("int32_t", "int64_t", "double").map((scalar): ElemPlan => ({ tag: "scalar", scalar })),
  ),
  w(
    1,
    fc.nat(7).map((struct): ElemPlan => ({ tag: "struct", struct })),
  ),
);

export const bufferPlan: fc.Arbitrary<BufferPlan> = fc.record({ elem: elemPlan, fill: fc.nat(253) });

export const anchorPlan: fc.Arbitrary<AnchorPlan> = fc.record({
  buffer: fc.nat(3),
  position: fc.oneof(w(3, fc.integer({ min: 0, max: 64 })), w(1, fc.integer({ min: 64, max: 600 }))),
  misalign: fc.oneof(w(2, fc.constant(0)), w(1, fc.constantFrom(4, 8)), w(1, fc.integer({ min: 1, max: 15 }))),
});
