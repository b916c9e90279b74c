// Bit-field helpers for 32-bit instruction words. JavaScript bitwise operators
// work on signed 32-bit integers, so every word leaves here unsigned (>>> 0).

/** Unsigned value of `width` bits (width < 32) starting at bit `lo`. */
export function field(word: number, lo: number, width: number): number {
  return (word >>> lo) & ((1 << width) - 1);
}

/** Puts `value` into the field [lo, lo+width) of an otherwise zero word. */
export function place(value: number, lo: number, width: number): number {
  return ((value & ((1 << width) - 1)) << lo) >>> 0;
}

/** Sign-extends the low `width` bits of `value`. */
export function signExtend(value: number, width: number): number {
  const shift = 32 - width;
  return (value << shift) >> shift;
}

/** True when bit `n` of the word is set. */
export function bit(word: number, n: number): boolean {
  return ((word >>> n) & 1) === 1;
}

/** Lowercase hex without prefix, as objdump prints numbers after `#0x`. */
export function hex(value: number | bigint): string {
  return value.toString(16);
}

/** Word as `0x` and eight hex digits: the form reports and the CLI use. */
export function wordHex(word: number): string {
  return `0x${(word >>> 0).toString(16).padStart(8, "0")}`;
}
