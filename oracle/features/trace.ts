// The trace representation the features read, from the one place that
// defines it (oracle/trace/).
export type { IrInstruction, TraceAbort, TraceRecord } from "../trace/index.ts";
