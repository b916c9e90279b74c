// The trace oracle: checks one compiled trace's machine code against its IR.
export { checkTrace, recoverPair, isSmearedPair } from "./check.ts";
export { formatOracleFinding, irLine } from "./format.ts";
export type { ExpectedWord, FindingKind, OracleFinding, TraceCheck, TraceCheckStats } from "./types.ts";
export type { SourceLine } from "./source.ts";
