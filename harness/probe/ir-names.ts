// Names the probe's compact lines leave to TypeScript, fixed across LuaJIT 2.1
// builds (the ops and fields come from each build's own vmdef).
import { IR_TYPE_NAMES } from "../../oracle/trace/index.ts";

/** IR type names by number (IRT_*), as probe.lua's irtypes. */
export const IR_TYPES = IR_TYPE_NAMES;
/** The CALL* ops, whose op2 literal names an IR call (vmdef.ircall). */
export const CALL_OPS = new Set(["CALLN", "CALLA", "CALLL", "CALLS", "CALLXS"]);
