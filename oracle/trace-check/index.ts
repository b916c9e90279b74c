// The trace oracle: checks one compiled trace's machine code against its IR.

export { type Access, type BackendOptions, DEFAULT_BACKEND_OPTIONS, predictAccesses } from "./accesses.ts";
export { checkTrace, isSmearedPair, recoverPair } from "./check.ts";
export { formatOracleFinding, irLine } from "./format.ts";
export { op1IsRef, op2IsRef, TraceIr, typeSize } from "./ir.ts";
export { type TraceCode, traceCode } from "./mcode.ts";
export { predictPairs } from "./pairs.ts";
export { type TracePrediction, tracePrediction } from "./prediction.ts";
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
