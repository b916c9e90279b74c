/**
 * Accesses at the encoding boundaries of the A64 load/store forms, and
 * neighbouring accesses that fusion into LDP/STP must tell apart from ones
 * that only look like neighbours.
 *
 * LuaJIT's arm64 backend folds a constant offset into the instruction when
 * it fits (emit_lso, asm_fusexref): LDR/STR take a scaled unsigned 12-bit
 * immediate (0..4095 × size), LDUR/STUR a signed 9-bit byte offset
 * (-256..255), and two neighbours may fuse into LDP/STP, whose signed
 * 7-bit immediate is scaled (-64..63 × size). Every end of every range,
 * one step inside and one past, for each access size and misaligned for
 * it, is where an off-by-one or a missing mask shows (PR #1028 was one).
 */
import type { EdgeStep, EncodingForm, ItemPlan, NearRelation } from "../arbitraries/plan.ts";
import type { Place, Stmt } from "../program/ast.ts";
import { SCALARS, type ScalarName } from "../program/ctype.ts";
import { bytePointer, castAt } from "./access.ts";
import type { Ctx } from "./context.ts";
import { type Kind, memOp, ordered } from "./memops.ts";

/** The byte offsets a form encodes for an access of `size` bytes: [lo, hi] in steps of `scale`. */
export function formRange(form: EncodingForm, size: number): { lo: number; hi: number; scale: number } {
  switch (form) {
    case "unscaled":
      return { lo: -256, hi: 255, scale: 1 };
    case "scaled":
      return { lo: 0, hi: 4095 * size, scale: size };
    case "pair":
      return { lo: -64 * size, hi: 63 * size, scale: size };
  }
}

/** The byte offset at an end of a form's range, a step inside it or past it, then `misalign` bytes off. */
export function edgeOffset(form: EncodingForm, size: number, high: boolean, step: EdgeStep, misalign: number): number {
  const { lo, hi, scale } = formRange(form, size);
  const inward = high ? -1 : 1;
  const steps = step === "inside" ? inward : step === "past" ? -inward : 0;
  return (high ? hi : lo) + steps * scale + (Math.abs(Math.trunc(misalign)) % size);
}

export function resolveEdge(ctx: Ctx, it: Extract<ItemPlan, { tag: "edge" }>): Stmt[] {
  const size = SCALARS[it.scalar].size;
  const offset = edgeOffset(it.form, size, it.high, it.step, it.misalign);
  const { pre, from } = bytePointer(ctx, it.anchor, it.scalar, it.loopBase);
  const two = it.form === "pair" || it.neighbour;
  const places = (base: number, kind: Kind): Place[] => {
    const first = castAt(ctx, from, base, it.scalar, kind);
    return two ? ordered([first, castAt(ctx, from, base + size, it.scalar, kind)], it.order) : [first];
  };
  // Copies go to the next bytes up, so the destination is at the boundary too, one pair further.
  return [
    ...pre,
    ...memOp(
      ctx,
      it.op,
      (kind) => places(offset, kind),
      () => places(offset + 2 * size, "store"),
      it.values,
    ),
  ];
}

/** A scalar of another size, of the same class where there is one (for `otherSize`). */
const OTHER_SIZE: Readonly<Record<ScalarName, ScalarName>> = {
  int8_t: "int16_t",
  uint8_t: "uint16_t",
  bool: "uint16_t",
  int16_t: "int32_t",
  uint16_t: "uint32_t",
  int32_t: "int64_t",
  uint32_t: "uint64_t",
  float: "double",
  int64_t: "int32_t",
  uint64_t: "uint32_t",
  double: "float",
  "void *": "int32_t",
};

/** How far the other pointer of `otherBase` is from the first: its accesses need another offset for the same bytes. */
const OTHER_BASE_DELTA = 16;

export function resolveNear(ctx: Ctx, it: Extract<ItemPlan, { tag: "near" }>): Stmt[] {
  const size = SCALARS[it.scalar].size;
  const first = Math.trunc(it.byteOffset);
  const second: Record<NearRelation, number> = {
    adjacent: first + size,
    gapPlus: first + size + 1,
    gapMinus: first + size - 1,
    otherSize: first + size,
    same: first,
    otherBase: first + size,
  };
  const s2 = it.relation === "otherSize" ? OTHER_SIZE[it.scalar] : it.scalar;
  const { pre, from } = bytePointer(ctx, it.anchor, it.scalar, it.loopBase);
  let from2 = from;
  let delta2 = 0;
  if (it.relation === "otherBase") {
    const d = ctx.mem.derive(from, { constant: OTHER_BASE_DELTA, terms: [] }, { tag: "scalar", name: "uint8_t" });
    pre.push(d.stmt);
    from2 = d.name;
    delta2 = -OTHER_BASE_DELTA;
  }
  const at = (shift: number, kind: Kind): [Place, Place] =>
    ordered(
      [
        castAt(ctx, from, first + shift, it.scalar, kind),
        castAt(ctx, from2, second[it.relation] + delta2 + shift, s2, kind),
      ],
      it.order,
    );
  // Copies go past both (the second may be 8 bytes wide), with the same relation between them.
  const copyShift = 2 * size + 8;
  return [
    ...pre,
    ...memOp(
      ctx,
      it.op,
      (kind) => at(0, kind),
      () => at(copyShift, "store"),
      it.values,
    ),
  ];
}
