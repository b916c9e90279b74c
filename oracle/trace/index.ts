// The trace representation: what the probe records and the oracle judges.

export type { BytecodePosition, IrConstant, IrInstruction, MachineCode, TraceRecord } from "./record.ts";
export { traceWords } from "./words.ts";
