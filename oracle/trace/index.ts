// The trace representation: what the probe records and the oracle judges.

export { IR_TYPE_NAMES } from "./ir-types.ts";
export { PackedIr, PackedIrBuilder } from "./packed-ir.ts";
export { packedIrOf, packedTraceRecord } from "./packed-record.ts";
export type {
  BytecodePosition,
  IrConstant,
  IrInstruction,
  MachineCode,
  TraceAbort,
  TraceRecord,
} from "./record.ts";
export { machineCodeOfBytes, traceWords } from "./words.ts";
