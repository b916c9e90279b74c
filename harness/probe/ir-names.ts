// One IR instruction as both compact readers build it (compact-log.ts from
// traceir's numbers, raw-ir.ts from traceraw's bytes): names resolved from
// the build's own vmdef, as probe.lua's name6 and ir_json do.
import type { IrInstruction } from "../../oracle/trace/index.ts";
import { IR_TYPE_NAMES } from "../../oracle/trace/index.ts";
import type { VmNames } from "./events.ts";

/** The CALL* ops, whose op2 literal names an IR call (vmdef.ircall). */
const CALL_OPS = new Set(["CALLN", "CALLA", "CALLL", "CALLS", "CALLXS"]);

/** The instruction at `ref`, from traceir's five numbers (`ridsp`: rid in the low byte, spill slot in the high). */
export function irInstruction(
  ref: number,
  mode: number,
  ot: number,
  op1: number,
  op2: number,
  ridsp: number,
  names: VmNames | null,
): IrInstruction {
  const opn = (ot >> 8) & 255;
  const op = names?.ops?.[opn] ?? `op${opn}`;
  let lit: string | undefined;
  if ((mode & 12) === 4 && names) {
    if (op === "FLOAD" || op === "FREF") lit = names.fields?.[op2];
    else if (CALL_OPS.has(op)) lit = names.calls?.[op2];
  }
  const type = IR_TYPE_NAMES[ot & 31] ?? "?";
  const rid = ridsp & 255;
  const spill = ridsp >> 8;
  // Two literals, not a spread: this runs once per IR instruction.
  return lit === undefined
    ? { ref, op, type, mode, ot, op1, op2, rid, spill }
    : { ref, op, type, mode, ot, op1, op2, rid, spill, lit };
}
