// Register names as binutils prints them. Register 31 is the zero register or
// the stack pointer depending on the operand, which the encoding does not say:
// each operand states which one it means.

/** General-purpose register view: 32-bit (w) or 64-bit (x). */
export type GprWidth = "w" | "x";
/** What register number 31 means for an operand. */
export type Reg31 = "sp" | "zr";
/** Scalar FP/SIMD register views by size: 8, 16, 32, 64, 128 bits. */
export type FprView = "b" | "h" | "s" | "d" | "q";

export function gprName(n: number, width: GprWidth, r31: Reg31): string {
  if (n === 31) {
    if (r31 === "sp") return width === "x" ? "sp" : "wsp";
    return width === "x" ? "xzr" : "wzr";
  }
  return `${width}${n}`;
}

/** Register number of a GPR name, or undefined when the name does not fit. */
export function parseGpr(text: string, width: GprWidth, r31: Reg31): number | undefined {
  const t = text.trim().toLowerCase();
  if (r31 === "sp" && t === (width === "x" ? "sp" : "wsp")) return 31;
  if (r31 === "zr" && t === (width === "x" ? "xzr" : "wzr")) return 31;
  const m = /^([wx])(\d+)$/.exec(t);
  if (!m || m[1] !== width) return undefined;
  const n = Number(m[2]);
  return n <= 30 ? n : undefined;
}

export function fprName(n: number, view: FprView): string {
  return `${view}${n}`;
}

export function parseFpr(text: string, view: FprView): number | undefined {
  const m = /^([bhsdq])(\d+)$/.exec(text.trim().toLowerCase());
  if (!m || m[1] !== view) return undefined;
  const n = Number(m[2]);
  return n <= 31 ? n : undefined;
}

/** Condition names in encoding order, as objdump prints them (cs/cc, not hs/lo). */
export const CONDITIONS = [
  "eq",
  "ne",
  "cs",
  "cc",
  "mi",
  "pl",
  "vs",
  "vc",
  "hi",
  "ls",
  "ge",
  "lt",
  "gt",
  "le",
  "al",
  "nv",
] as const;

/** Other names assemblers accept for the same condition codes. */
const CONDITION_SYNONYMS: Readonly<Record<string, number>> = { hs: 2, lo: 3 };

export function parseCondition(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  const i = (CONDITIONS as readonly string[]).indexOf(t);
  if (i >= 0) return i;
  return CONDITION_SYNONYMS[t];
}
