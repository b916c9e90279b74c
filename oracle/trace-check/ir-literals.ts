// Literal operands as -jdump names them (its litname tables): SLOAD and
// XLOAD flags, CONV's types, FPMATH's function.
import { IR_TYPE_NAMES as IRTYPES } from "../trace/index.ts";

const flags = (value: number, letters: string): string => [...letters].filter((_, i) => value & (1 << i)).join("");

export function literalName(op: string, value: number): string {
  if (op === "SLOAD") return flags(value, "PFTCRI");
  if (op === "XLOAD") return flags(value, "RVU");
  if (op === "CONV") {
    let s = `${IRTYPES[(value >> 5) & 31] ?? "?"}.${IRTYPES[value & 31] ?? "?"}`;
    if (value & 0x800) s += " sext";
    const c = value >> 14;
    if (c === 2) s += " index";
    else if (c === 3) s += " check";
    return s;
  }
  if (op === "FPMATH") return ["floor", "ceil", "trunc", "sqrt", "log", "log2", "other"][value] ?? `#${value}`;
  if (op === "BUFHDR") return ["RESET", "APPEND", "WRITE"][value] ?? `#${value}`;
  if (op === "TOSTR") return ["INT", "NUM", "CHAR"][value] ?? `#${value}`;
  return `#${value}`;
}
