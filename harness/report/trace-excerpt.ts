// A trace as people read it in a bug report, in the shape of LuaJIT's own
// -jdump: the Lua lines it was recorded from, the IR with registers, and the
// machine code with the bad words marked: every word that is no instruction,
// every word the oracle flagged, and whatever the corpus entry says is bad
// (a wrong result the oracle cannot place has no word of its own).
import { decode, wordHex } from "../../oracle/a64/index.ts";
import { type TraceRecord, traceWords } from "../../oracle/trace/index.ts";
import { irLine, TraceIr } from "../../oracle/trace-check/index.ts";
import type { BadCode } from "../corpus/index.ts";

/** What to mark in an excerpt: patterns for IR lines and instructions, and byte offsets into the machine code. */
export interface Marks extends BadCode {
  readonly offsets: readonly number[];
}

export const NO_MARKS: Marks = { ir: [], mcode: [], offsets: [] };

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

export function mcodeLines(trace: TraceRecord, marks: Marks = NO_MARKS): McodeLine[] {
  return traceWords(trace).map((word, i) => {
    const address = trace.mcode.address + i * 4;
    const d = decode(word, address);
    const text =
      d.status === "valid"
        ? d.text
        : d.status === "unallocated"
          ? `.inst ${wordHex(word)} ; undefined`
          : `.inst ${wordHex(word)} ; (not modeled)`;
    const bad =
      d.status === "unallocated" || marks.offsets.includes(i * 4) || marks.mcode.some((pattern) => pattern.test(text));
    return { offset: i * 4, address: address.toString(16).padStart(8, "0"), word, text, bad };
  });
}

/** The IR lines of a trace, each with whether a mark matches it. */
function irLines(trace: TraceRecord, marks: Marks): { text: string; bad: boolean }[] {
  const ir = new TraceIr(trace);
  return trace.ir.map((ins) => {
    const text = irLine(ir, ins);
    return { text, bad: marks.ir.some((pattern) => pattern.test(text)) };
  });
}

/** Whether anything in the trace is marked: how a report picks the trace a bug is in. */
export function hasMarks(trace: TraceRecord, marks: Marks): boolean {
  return irLines(trace, marks).some((l) => l.bad) || mcodeLines(trace, marks).some((l) => l.bad);
}

/**
 * The lines to show: all of a short listing; of a long one, the marked lines
 * with `context` lines around each (or the first lines when none is marked),
 * each gap said in words.
 */
function window<T extends { bad: boolean }>(
  lines: readonly T[],
  context: number,
  show: (line: T) => string,
  unit: string,
): string[] {
  const marked = lines.flatMap((l, i) => (l.bad ? [i] : []));
  if (lines.length <= 4 * context) return lines.map(show);
  const keep = new Set<number>();
  if (marked.length === 0) for (let i = 0; i < 2 * context; i++) keep.add(i);
  for (const m of marked)
    for (let i = Math.max(0, m - context); i <= Math.min(lines.length - 1, m + context); i++) keep.add(i);
  const out: string[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (!keep.has(i)) {
      skipped++;
      return;
    }
    if (skipped > 0) out.push(`    … ${skipped} ${unit}`);
    skipped = 0;
    out.push(show(line));
  });
  if (skipped > 0) out.push(`    … ${skipped} ${unit}`);
  return out;
}

const mark = (bad: boolean) => (bad ? ">>>" : "   ");

/** The machine code around the bad words (or the start of a long trace with none). */
export function mcodeExcerpt(trace: TraceRecord, marks: Marks = NO_MARKS, context = 8): string {
  return window(
    mcodeLines(trace, marks),
    context,
    (l) => `${mark(l.bad)} ${l.address}  ${wordHex(l.word)}  ${l.text}`,
    "instructions",
  ).join("\n");
}

export function traceExcerpt(trace: TraceRecord, marks: Marks = NO_MARKS): string {
  const lines = [`---- TRACE ${trace.trace} start ${shortSource(trace.source)}:${trace.line}`];
  lines.push(`Lua lines: ${sourceLines(trace).join(", ")}`);
  lines.push(`---- TRACE ${trace.trace} IR`);
  lines.push(...window(irLines(trace, marks), 6, (l) => `${mark(l.bad)} ${l.text}`, "IR instructions"));
  lines.push(`---- TRACE ${trace.trace} mcode ${trace.mcode.hex.length / 2}`);
  lines.push(mcodeExcerpt(trace, marks));
  return lines.join("\n");
}
