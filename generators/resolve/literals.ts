/** Literal pools: integers at their edges, clean 64-bit patterns. */

export const INT_LITERALS: readonly number[] = [
  0,
  1,
  -1,
  2,
  3,
  5,
  7,
  8,
  15,
  16,
  31,
  32,
  63,
  64,
  100,
  127,
  128,
  -128,
  255,
  256,
  -256,
  1000,
  4095,
  4096,
  32767,
  32768,
  -32768,
  65535,
  65536,
  0x7fffffff,
  -0x80000000,
  0x80000000,
  0xffffffff,
  0x100000000,
  2 ** 40,
  -(2 ** 40),
  2 ** 48 - 1,
  0x12345678,
  -0x1234567,
  1e6,
  2 ** 31 - 2,
  2 ** 24 + 1,
];

export const INT64_LITERALS: readonly bigint[] = [
  0n,
  1n,
  -1n,
  0x7fffffffffffffffn,
  -(1n << 63n),
  0x100000000n,
  0xffffffffn,
  0x123456789abcdefn,
  -0x123456789abcdefn,
  0x8000000000000000n,
  0x7efefefefefefefen,
  1n << 52n,
  (1n << 53n) + 1n,
];

/** `bit.tobit` on an exact integer: the low 32 bits as a signed number. */
export const toInt32 = (v: number): number => Number(BigInt.asIntN(32, BigInt(v)));

/** Hex spelling reads better for masks and big round numbers. */
export const prefersHex = (v: number): boolean =>
  (Math.abs(v) >= 0x10000 && v === Math.trunc(v) && (Math.abs(v) & 0xffff) === 0) ||
  Math.abs(v) === 0x7fffffff ||
  Math.abs(v) === 0xffffffff;
