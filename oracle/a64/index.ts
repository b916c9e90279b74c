// The A64 oracle's instruction layer: decode and encode the instructions
// LuaJIT's arm64 backend emits, in binutils' syntax.

export { wordHex } from "./bits.ts";
export { classify, type Decoded, type DecodeStatus, decode } from "./decode.ts";
export { EncodeError, encode, encodeCandidates } from "./encode.ts";
export type { GroupId } from "./form.ts";
