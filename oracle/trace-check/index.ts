// The trace oracle: checks one compiled trace's machine code against its IR.

export { type BackendOptions, DEFAULT_BACKEND_OPTIONS } from "./accesses.ts";
export { checkTrace, isSmearedPair, recoverPair } from "./check.ts";
export { formatOracleFinding, irLine } from "./format.ts";
export { TraceIr } from "./ir.ts";
export type { SourceLine } from "./source.ts";
export {
  type ExpectedWord,
  FINDING_CAUSES,
  FINDING_KINDS,
  type FindingCause,
  type FindingKind,
  type OracleFinding,
  type TraceCheck,
  type TraceCheckStats,
} from "./types.ts";
