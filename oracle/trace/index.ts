// The trace representation: what the probe records and the oracle judges.

export type {
  BytecodePosition,
  IrConstant,
  IrInstruction,
  MachineCode,
  TraceAbort,
  TraceRecord,
} from "./record.ts";
export { traceWords } from "./words.ts";
