// A finding as a person reads it, in the shape of the analysis of the Kong
// arm64 SIGILL: the Lua line, the IR involved (-jdump style), the machine code
// around the word with the bad one marked, and what it should have been.

import { decode } from "../a64/index.ts";
import type { IrConstant, IrInstruction, TraceRecord } from "../trace/index.ts";
import { ridName, TraceIr } from "./ir.ts";
import { literalName } from "./ir-literals.ts";
import { traceCode } from "./mcode.ts";
import { SourceMap } from "./source.ts";
import type { OracleFinding } from "./types.ts";

const hex32 = (w: number): string => `0x${(w >>> 0).toString(16).padStart(8, "0")}`;
const ref4 = (r: number): string => String(r).padStart(4, "0");

function constantText(k: IrConstant | undefined, ref: number): string {
  if (k === undefined) return `K${-ref}`;
  if (typeof k.value === "number") return k.type === "int" && k.value >= 0 ? `+${k.value}` : String(k.value);
  const m = /^cdata:(-?\d+)U?LL$/.exec(k.value);
  if (m) return m[1] ?? k.value;
  return k.value.replace(/^str:(.*)$/, '"$1"').replace(/^\w+:/, "");
}

function operandText(ir: TraceIr, ins: IrInstruction, which: 1 | 2): string {
  const value = which === 1 ? ins.op1 : ins.op2;
  const mode = which === 1 ? ins.mode & 3 : (ins.mode >> 2) & 3;
  if (mode === 3) return "";
  if (mode === 0) return value > 0 ? ref4(value) : value === 0 ? "BASE" : constantText(ir.constants.get(value), value);
  if (which === 2 && ins.lit !== undefined) return ins.lit;
  if (which === 2 && mode === 1) return literalName(ins.op, value);
  return mode === 1 ? `#${value}` : String(value);
}

/** One IR line as -jdump prints it: `0007 x3       int XLOAD  0006`. */
export function irLine(ir: TraceIr, ins: IrInstruction): string {
  if (ins.op === "LOOP") return `${ref4(ins.ref)} ------------ LOOP ------------`;
  const where = ins.spill !== 0 ? `[${ins.spill.toString(16)}]` : ridName(ins.rid);
  const sunk = ins.rid === 253 || ins.rid === 254;
  const flags = `${sunk ? "}" : (ins.ot & 0x80) !== 0 ? ">" : " "}${(ins.ot & 0x40) !== 0 ? "+" : " "}`;
  const ops = [operandText(ir, ins, 1), operandText(ir, ins, 2)].filter((s) => s !== "").join("  ");
  return `${ref4(ins.ref)} ${(sunk ? "" : where).padEnd(6)}${flags} ${ins.type.padEnd(3)} ${ins.op.padEnd(6)} ${ops}`.trimEnd();
}

/** The Lua lines of the finding's loads and stores (each access may come from its own line). */
function luaLines(finding: OracleFinding, trace: TraceRecord): string[] {
  const map = new SourceMap(trace);
  const ir = new TraceIr(trace);
  const out: string[] = [];
  const memory = finding.refs.filter((r) => /LOAD|STORE/.test(ir.ins(r)?.op ?? ""));
  const refs = memory.length > 0 ? memory : finding.line !== undefined ? [] : finding.refs;
  const found = refs.map((r) => map.lineOf(r)).filter((l) => l !== undefined);
  for (const l of found.length > 0 ? found : finding.line !== undefined ? [finding.line] : []) {
    const text = `${l.source.replace(/^@/, "")}:${l.line}${l.bytecode ? ` (${l.bytecode})` : ""}${l.approximate ? " (approximate)" : ""}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The finding as text: a header, the Lua line, the IR, the code around the word, the expectation. */
export function formatOracleFinding(finding: OracleFinding, trace: TraceRecord): string {
  const ir = new TraceIr(trace);
  const lines: string[] = [];
  const where = `trace ${finding.trace} +0x${finding.offset.toString(16)} (0x${finding.address.toString(16)})`;
  lines.push(`${finding.kind} in ${where}: ${finding.message}`);
  const lua = luaLines(finding, trace);
  if (lua.length > 0) lines.push(`  Lua: ${lua.join(", ")}`);
  if (finding.refs.length > 0) {
    lines.push("  IR:");
    const shown = new Set<number>();
    for (const r of finding.refs) {
      const ins = ir.ins(r);
      // Show the base pointer's definition too: it says which register the pair must use.
      const base = ins !== undefined && ins.op === "ADD" && ins.op1 > 0 ? ir.ins(ins.op1) : undefined;
      for (const i of [base, ins]) if (i !== undefined && !shown.has(i.ref)) shown.add(i.ref);
    }
    for (const r of [...shown].sort((a, b) => a - b)) {
      const ins = ir.ins(r);
      if (ins !== undefined) lines.push(`    ${irLine(ir, ins)}`);
    }
  }
  lines.push("  machine code:");
  const code = traceCode(trace);
  const index = finding.offset / 4;
  for (let i = Math.max(0, index - 4); i <= Math.min(code.words.length - 1, index + 3); i++) {
    const w = code.words[i] ?? 0;
    const address = code.address + 4 * i;
    const d = decode(w, address);
    const text = code.data.has(i) ? ".word (data)" : d.status === "valid" ? d.text : `(${d.status})`;
    lines.push(`  ${i === index ? ">>>" : "   "} ${address.toString(16).padStart(9)}  ${hex32(w).slice(2)}  ${text}`);
  }
  if (finding.expected !== undefined)
    lines.push(`  expected: ${hex32(finding.expected.word)}  ${finding.expected.text}`);
  return lines.join("\n");
}
