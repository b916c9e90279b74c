// The A64 oracle's instruction layer: decode and encode the instructions
// LuaJIT's arm64 backend emits, in binutils' syntax.
export { classify, decode, type Decoded, type DecodeStatus } from "./decode.ts";
export { encode, encodeCandidates, EncodeError } from "./encode.ts";
export type { GroupId } from "./form.ts";
export { wordHex } from "./bits.ts";
