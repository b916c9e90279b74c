// Signatures: what makes two hits one bug (signature.ts), and their text
// form for disk, JSON and the command line (text.ts).

export { REPRODUCTIONS, reproducedTwice } from "./reproduced.ts";
export {
  type OptionsPlace,
  type OraclePlace,
  optionsPlace,
  type Signature,
  signatureOf,
  withOptions,
} from "./signature.ts";
export {
  formatSignature,
  optionsWhere,
  parseOptionsWhere,
  parseSignature,
  sameSignature,
  signatureFields,
  signatureSlug,
} from "./text.ts";
