// A trace as people read it in a bug report, in the shape of LuaJIT's own
// -jdump: the Lua lines it was recorded from, the IR with registers, and the
// machine code with every word that is no instruction marked.
import { decode, wordHex } from "../../oracle/a64/index.ts";
import { type TraceRecord, traceWords } from "../../oracle/trace/index.ts";
import { irLine, TraceIr } from "../../oracle/trace-check/index.ts";

/** A chunk name as -jdump shows it: the file's name, not the path it had here. */
export function shortSource(source: string): string {
  return source.replace(/^@/, "").replace(/^.*\//, "");
}

/** Distinct Lua source lines the trace was recorded from. */
export function sourceLines(trace: TraceRecord): string[] {
  const seen = new Set<string>();
  for (const bc of trace.bytecode)
    if (bc.line >= 0 && bc.source !== "?") seen.add(`${shortSource(bc.source)}:${bc.line}`);
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
    const text =
      d.status === "valid"
        ? d.text
        : d.status === "unallocated"
          ? `.inst ${wordHex(word)} ; undefined`
          : `.inst ${wordHex(word)} ; (not modeled)`;
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
  const ir = new TraceIr(trace);
  for (const ins of trace.ir) if (!wanted || wanted.has(ins.ref)) lines.push(irLine(ir, ins));
  lines.push(`---- TRACE ${trace.trace} mcode ${trace.mcode.hex.length / 2}`);
  lines.push(mcodeExcerpt(trace));
  return lines.join("\n");
}
