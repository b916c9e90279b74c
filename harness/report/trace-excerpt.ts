// A trace as people read it in a bug report, in the shape of LuaJIT's own
// -jdump: the Lua lines it was recorded from, the IR with registers, and the
// machine code with every word that is no instruction marked.
import { decode, wordHex } from "../../oracle/a64/index.ts";
import { type IrConstant, type IrInstruction, type TraceRecord, traceWords } from "../probe/trace.ts";

const GPR = (rid: number) => (rid === 31 ? "sp" : `x${rid}`);

export function registerName(rid: number): string {
  if (rid < 32) return GPR(rid);
  if (rid < 64) return `d${rid - 32}`;
  return "";
}

function constantText(k: IrConstant | undefined): string {
  if (!k) return "?";
  if (typeof k.value === "number") return k.value >= 0 ? `+${k.value}` : `${k.value}`;
  const text = k.value.replace(/^(cdata|str|nil|boolean|userdata|function|table):/, "");
  if (k.value.startsWith("cdata:")) return text.replace(/U?LL$/, "").replace(/^(\d)/, "+$1");
  if (k.value.startsWith("str:")) return JSON.stringify(text);
  return text;
}

const IRTYPES = ["nil", "fal", "tru", "lud", "str", "p32", "thr", "pro", "fun", "p64", "cdt", "tab", "udt", "flt", "num", "i8", "u8", "i16", "u16", "int", "u32", "i64", "u64", "sfp"];
const flags = (value: number, letters: string) => [...letters].filter((_, i) => value & (1 << i)).join("");

/** An op2 literal as -jdump's litname tables print it. */
export function literalName(op: string, value: number): string {
  if (op === "SLOAD") return flags(value, "PFTCRI") || "#0";
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

function operand(trace: TraceRecord, value: number, literal: boolean): string {
  if (literal) return `#${value}`;
  if (value < 0) return constantText(trace.constants.find((k) => k.ref === value));
  return String(value).padStart(4, "0");
}

/** One IR line as -jdump prints it (with registers). */
export function irLine(trace: TraceRecord, ins: IrInstruction): string {
  if (ins.op === "LOOP") return `${String(ins.ref).padStart(4, "0")} ------------ LOOP ------------`;
  const sunk = ins.rid === 253 || ins.rid === 254;
  const reg = sunk ? "{sink" : ins.spill > 0 ? `[${(ins.spill * 4).toString(16)}]` : registerName(ins.rid);
  // IRT_GUARD is 0x80 (">"), IRT_ISPHI 0x40 ("+"), as -jdump marks them.
  const guard = sunk ? "}" : ins.ot & 128 ? ">" : " ";
  const phi = ins.ot & 64 ? "+" : " ";
  const m1 = ins.mode & 3;
  const m2 = ins.mode & 12;
  const ops: string[] = [];
  if (m1 !== 3) {
    ops.push(operand(trace, ins.op1, m1 === 1));
    if (m2 !== 12) ops.push(ins.lit ?? (m2 === 4 ? literalName(ins.op, ins.op2) : operand(trace, ins.op2, false)));
  }
  return `${String(ins.ref).padStart(4, "0")} ${reg.padEnd(6)}${guard}${phi} ${ins.type.padEnd(3)} ${ins.op.padEnd(6)} ${ops.join("  ")}`.trimEnd();
}

/** A chunk name as -jdump shows it: the file's name, not the path it had here. */
export function shortSource(source: string): string {
  return source.replace(/^@/, "").replace(/^.*\//, "");
}

/** Distinct Lua source lines the trace was recorded from. */
export function sourceLines(trace: TraceRecord): string[] {
  const seen = new Set<string>();
  for (const bc of trace.bytecode) if (bc.line >= 0 && bc.source !== "?") seen.add(`${shortSource(bc.source)}:${bc.line}`);
  return [...seen];
}

export interface McodeLine {
  readonly offset: number;
  readonly address: string;
  readonly word: number;
  readonly text: string;
  readonly bad: boolean;
}

export function mcodeLines(trace: TraceRecord): McodeLine[] {
  return traceWords(trace).map((word, i) => {
    const address = trace.mcode.address + i * 4;
    const d = decode(word, address);
    const bad = d.status === "unallocated";
    const text = d.status === "valid" ? d.text : d.status === "unallocated" ? `.inst ${wordHex(word)} ; undefined` : `.inst ${wordHex(word)} ; (not modeled)`;
    return { offset: i * 4, address: address.toString(16).padStart(8, "0"), word, text, bad };
  });
}

/** The machine code around the first bad word (or all of a short trace). */
export function mcodeExcerpt(trace: TraceRecord, context = 8): string {
  const lines = mcodeLines(trace);
  const first = lines.findIndex((l) => l.bad);
  const from = first < 0 ? 0 : Math.max(0, first - context);
  const to = first < 0 ? Math.min(lines.length, 2 * context) : Math.min(lines.length, first + context + 1);
  const out = lines.slice(from, to).map((l) => `${l.bad ? ">>>" : "   "} ${l.address}  ${wordHex(l.word)}  ${l.text}`);
  if (from > 0) out.unshift(`    … ${from} instructions before`);
  if (to < lines.length) out.push(`    … ${lines.length - to} instructions after`);
  return out.join("\n");
}

export function traceExcerpt(trace: TraceRecord, irRefs?: readonly number[]): string {
  const lines = [`---- TRACE ${trace.trace} start ${shortSource(trace.source)}:${trace.line}`];
  lines.push(`Lua lines: ${sourceLines(trace).join(", ")}`);
  lines.push(`---- TRACE ${trace.trace} IR${irRefs ? " (excerpt)" : ""}`);
  const wanted = irRefs ? new Set(irRefs) : undefined;
  for (const ins of trace.ir) if (!wanted || wanted.has(ins.ref)) lines.push(irLine(trace, ins));
  lines.push(`---- TRACE ${trace.trace} mcode ${trace.mcode.hex.length / 2}`);
  lines.push(mcodeExcerpt(trace));
  return lines.join("\n");
}
