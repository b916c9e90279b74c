// Where an offset falls against each A64 load/store encoding the arm64
// backend picks from (emit_lso): the scaled unsigned 12-bit immediate
// (LDR/STR), the unscaled signed 9-bit one (LDUR/STUR) and the scaled
// signed 7-bit one of a pair (LDP/STP). Bugs live at the ends of these
// ranges, one step past them, and at offsets that are not a multiple of the
// access size: those are the classes.

export type OffsetClass = "lo" | "hi" | "in" | "past-lo" | "past-hi" | "misaligned" | "out";

/** An immediate's range in bytes, and its step (the size, for a scaled field). */
interface Range {
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
}

function classIn(offset: number, r: Range): OffsetClass {
  if (offset === r.lo) return "lo";
  if (offset === r.hi) return "hi";
  if (offset === r.lo - r.step) return "past-lo";
  if (offset === r.hi + r.step) return "past-hi";
  if (offset < r.lo || offset > r.hi) return "out";
  return offset % r.step === 0 ? "in" : "misaligned";
}

/** The unsigned scaled 12-bit field of LDR/STR (imm12 × size). */
export const uimmClass = (offset: number, size: number): OffsetClass =>
  classIn(offset, { lo: 0, hi: 4095 * size, step: size });

/** The signed unscaled 9-bit field of LDUR/STUR and the pre/post-index forms. */
export const imm9Class = (offset: number): OffsetClass => classIn(offset, { lo: -256, hi: 255, step: 1 });

/** The signed scaled 7-bit field of LDP/STP (imm7 × size). */
export const pairClass = (offset: number, size: number): OffsetClass =>
  classIn(offset, { lo: -64 * size, hi: 63 * size, step: size });

/**
 * An access's offset against every encoding that could hold it, as
 * feature texts: "uimm:hi imm9:out pair:out" and so on (no pair range for
 * sizes the backend never pairs).
 */
export function offsetClasses(offset: number, size: number): string[] {
  const classes = [`uimm:${uimmClass(offset, size)}`, `imm9:${imm9Class(offset)}`];
  if (size === 4 || size === 8) classes.push(`pair:${pairClass(offset, size)}`);
  return classes;
}
