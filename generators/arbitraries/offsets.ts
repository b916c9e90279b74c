/**
 * Offsets, in elements or bytes, weighted toward where arm64 load/store
 * encodings change: small negative offsets (PR #1028), the edges of the
 * LDP/STP imm7 range (-64..63 × size), of LDUR's simm9 (-256..255 bytes),
 * of LDR's scaled uimm12 (4095 × size), and far beyond all of them.
 */
import fc from "fast-check";

const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

/** First element index of an adjacent pair: mostly just below the base pointer. */
export const pairIndex: fc.Arbitrary<number> = fc.oneof(
  w(6, fc.integer({ min: -8, max: -1 })),
  w(2, fc.integer({ min: 0, max: 8 })),
  w(2, fc.constantFrom(-66, -65, -64, -63, -62, -33, -32, -31, 30, 31, 32, 61, 62, 63, 64)),
  w(1, fc.oneof(fc.integer({ min: -700, max: -67 }), fc.integer({ min: 65, max: 1200 }))),
);

/** Any element index, for single accesses. */
export const elementIndex: fc.Arbitrary<number> = fc.oneof(
  w(3, fc.integer({ min: -8, max: 8 })),
  w(2, fc.constantFrom(-65, -64, -63, -33, -32, 31, 32, 63, 64, 127, 128, 255, 256, 511, 512)),
  w(1, fc.oneof(fc.integer({ min: -900, max: -9 }), fc.integer({ min: 9, max: 1500 }))),
  w(1, fc.constantFrom(1023, 1024, 2047, 2048, 4095, 4096)),
);

/** A byte offset for casts of byte pointers: unaligned as often as aligned. */
export const byteOffset: fc.Arbitrary<number> = fc.oneof(
  w(5, fc.integer({ min: -40, max: 40 })),
  w(2, fc.constantFrom(-264, -260, -257, -256, -255, -252, -248, 248, 251, 252, 253, 255, 256, 259)),
  w(2, fc.constantFrom(-520, -516, -513, -512, -511, -508, 500, 503, 504, 505, 508)),
  w(1, fc.integer({ min: -3000, max: 3000 })),
  w(1, fc.constantFrom(16376, 16377, 16380, 16384, 32760, 32768)),
);
