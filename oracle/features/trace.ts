// The trace representation the features read, from the one place that
// defines it (when it moves, this line is the one to change).
export type { IrInstruction, TraceAbort, TraceRecord } from "../../harness/probe/trace.ts";
