// The A64 oracle's instruction layer: decode and encode the instructions
// LuaJIT's arm64 backend emits, in binutils' syntax.

export { field, signExtend, wordHex } from "./bits.ts";
export { biasedWord, type CrossCheckReport, crossCheck, type Mismatch } from "./crosscheck.ts";
export { classify, type Decoded, type DecodeStatus, decode } from "./decode.ts";
export { EncodeError, encode, encodeCandidates } from "./encode.ts";
export type { GroupId } from "./form.ts";
export { gprName } from "./registers.ts";
export { WordCache } from "./word-cache.ts";
