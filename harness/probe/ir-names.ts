// One IR instruction as both compact readers record it (compact-log.ts from
// traceir's numbers, raw-ir.ts from traceraw's bytes): names resolved from
// the build's own vmdef, as probe.lua's name6 and ir_json do.
import { IR_TYPE_NAMES, type PackedIrBuilder } from "../../oracle/trace/index.ts";
import type { VmNames } from "./events.ts";

/** The CALL* ops, whose op2 literal names an IR call (vmdef.ircall). */
const CALL_OPS = new Set(["CALLN", "CALLA", "CALLL", "CALLS", "CALLXS"]);

/** Op names for builds whose vmdef gave none: "op12", made once each. */
const UNNAMED_OPS = Array.from({ length: 256 }, (_, n) => `op${n}`);

/** Sets the instruction at `ref` from traceir's five numbers (`ridsp`: rid in the low byte, spill slot in the high). */
export function setIrInstruction(
  into: PackedIrBuilder,
  ref: number,
  mode: number,
  ot: number,
  op1: number,
  op2: number,
  ridsp: number,
  names: VmNames | null,
): void {
  const opn = (ot >> 8) & 255;
  const op = names?.ops?.[opn] ?? UNNAMED_OPS[opn] ?? "";
  let lit: string | undefined;
  if ((mode & 12) === 4 && names) {
    if (op === "FLOAD" || op === "FREF") lit = names.fields?.[op2];
    else if (CALL_OPS.has(op)) lit = names.calls?.[op2];
  }
  into.set(ref, op, IR_TYPE_NAMES[ot & 31] ?? "?", mode, ot, op1, op2, ridsp & 255, ridsp >> 8, lit);
}
