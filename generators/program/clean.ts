/**
 * The NaN-free memory invariant.
 *
 * LuaJIT does not canonicalize NaNs loaded from FFI memory ("Beware of
 * uninitialized data", lj_cconv.c): a NaN with a payload can be a tagged
 * value in the interpreter and the program would crash for reasons that
 * are not a JIT bug. So the buffers never contain a float or double NaN at
 * any byte offset. That holds as long as no byte is 0x7f or 0xff, because
 * every float/double NaN (and infinity) has such a byte at its top.
 *
 * Everything that writes memory keeps bytes clean:
 * - the initial fill skips 0x7f and 0xff;
 * - integer stores are masked so that bit 0 of every byte is clear
 *   (and, where a negative value would be sign-extended or converted to an
 *   unsigned type, bit 31 too);
 * - float/double stores copy a value loaded from the same type, or a
 *   literal whose encoding is clean.
 */

/** Clears bit 0 of every byte and the sign bit: any integer destination. */
export const MASK32_NONNEG = 0x7efefefe;
/** Clears bit 0 of every byte: signed destinations of at most 32 bits, u8, u16. */
export const MASK32_SIGNED = -0x01010102; // 0xfefefefe as an int32
/** 64-bit masks for int64_t/uint64_t destinations (values are int64 cdata). */
export const MASK64_NONNEG = 0x7efefefefefefefen;
export const MASK64_SIGNED = -0x0101010101010102n; // 0xfefefefefefefefe

export const isCleanByte = (b: number): boolean => b !== 0x7f && b !== 0xff;

export function doubleBytes(v: number): Uint8Array {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, v, true);
  return new Uint8Array(dv.buffer);
}

export function floatBytes(v: number): Uint8Array {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setFloat32(0, v, true);
  return new Uint8Array(dv.buffer);
}

export const isCleanDouble = (v: number): boolean => doubleBytes(v).every(isCleanByte);
export const isCleanFloat = (v: number): boolean => Math.fround(v) === v && floatBytes(v).every(isCleanByte);

/** Interesting FP values; only the clean ones are ever stored. */
const FP_CANDIDATES: readonly number[] = [
  0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  -2.25,
  3.25,
  0.1,
  1 / 3,
  2 / 3,
  100.5,
  65504,
  -65504,
  123456.789,
  2 ** 24,
  2 ** 24 + 2,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 52,
  2 ** 53,
  -(2 ** 53),
  2 ** 63,
  2 ** 64,
  1e10,
  -1e10,
  1e-10,
  1e300,
  -1e300,
  1e-300,
  5e-324,
  2.2250738585072014e-308,
  1.1754943508222875e-38,
  1.401298464324817e-45,
  3.4028234663852886e38,
  1.7976931348623157e308,
  4.9406564584124654e-320,
  Math.PI,
  Math.E,
  -Math.PI,
  0.25,
  7,
  -7,
  255,
  256,
  65535,
  65536,
];

export const CLEAN_DOUBLES: readonly number[] = FP_CANDIDATES.filter(isCleanDouble);
export const CLEAN_FLOATS: readonly number[] = FP_CANDIDATES.map(Math.fround).filter(
  (v, i, all) => isCleanFloat(v) && all.indexOf(v) === i,
);

/** The fill byte at position `i` of a buffer filled with seed `seed` (mirrors the printed Lua loop). */
export function fillByte(i: number, seed: number): number {
  const x = (i * FILL_MULTIPLIER + seed) % 254;
  return x < 127 ? x : x + 1;
}
export const FILL_MULTIPLIER = 73;
