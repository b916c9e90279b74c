// The probe's compact lines (lean mode, written by probe.lua's compact_*
// functions): raw numbers, and names resolved here from the build's own
// vmdef, so that the probe does as little as it can under qemu.
import {
  IR_TYPE_NAMES,
  type IrConstant,
  machineCodeOfBytes,
  type PackedIr,
  PackedIrBuilder,
  packedTraceRecord,
  type TraceRecord,
} from "../../oracle/trace/index.ts";
import type { IrLayout, ProbeEvent, VmNames } from "./events.ts";
import { setIrInstruction } from "./ir-names.ts";
import { decodeRawIr, RawBytes } from "./raw-ir.ts";

/** What earlier lines of the log told: the vmdef names, and the irmode line's layout. */
export interface CompactContext {
  readonly names: VmNames | null;
  readonly layout: IrLayout | null;
  /** The batch driver's current case, which the traces after its marker belong to. */
  readonly caseIndex: number | undefined;
}

/** Undoes probe.lua's esc: %XX is one byte, read as one char (as JSON's \u00XX). */
function unescapeToken(token: string): string {
  return token.includes("%")
    ? token.replace(/%([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : token;
}

/**
 * A compact line's tokens, read in order; throws past the end or on a bad
 * number. Scans the text in place: a batch log holds ~10^5 numbers.
 */
class Tokens {
  constructor(
    private readonly text: string,
    public pos: number,
    /** Where the last token ends. */
    private readonly end: number,
  ) {}
  /** True when raw() found the text ending inside its bytes. */
  truncated = false;
  str(): string {
    if (this.pos > this.end) throw new Error("short line");
    let stop = this.text.indexOf(" ", this.pos);
    if (stop < 0 || stop > this.end) stop = this.end;
    const token = this.text.slice(this.pos, stop);
    this.pos = stop + 1;
    return token;
  }
  num(): number {
    const { text } = this;
    let i = this.pos;
    const negative = text.charCodeAt(i) === 45; // "-"
    if (negative) i++;
    let n = 0;
    let digits = 0;
    // Plain integers (nearly every token) without a substring; others by Number.
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && digits < 15; c = text.charCodeAt(++i), digits++)
      n = n * 10 + c - 48;
    if (digits > 0 && i <= this.end && (i === this.end || text.charCodeAt(i) === 32)) {
      this.pos = i + 1;
      return negative ? -n : n;
    }
    const token = this.str();
    const value = Number(token);
    if (token === "" || !Number.isFinite(value)) throw new Error(`not a number: ${token}`);
    return value;
  }
  /** A number or "-" (nil). */
  numOrNull(): number | null {
    if (
      this.text.charCodeAt(this.pos) === 45 &&
      (this.pos + 1 === this.end || this.text.charCodeAt(this.pos + 1) === 32)
    ) {
      this.pos += 2;
      return null;
    }
    return this.num();
  }
  /** True when every token was read. */
  done(): boolean {
    return this.pos === this.end + 1;
  }
  /** `length` raw bytes (one char each) in the middle of a line, then a space. */
  bytes(length: number): RawBytes {
    const stop = this.pos + length;
    if (stop >= this.text.length || this.text.charCodeAt(stop) !== 32) {
      this.truncated = stop >= this.text.length;
      throw new Error("raw IR framing");
    }
    const bytes = new RawBytes(this.text, this.pos, length);
    this.pos = stop + 1;
    return bytes;
  }
  /** `length` raw bytes (one char each), then the line's " ." end; pos moves to the next line. */
  raw(length: number): string {
    const stop = this.pos + length;
    const { text } = this;
    this.truncated = stop + 2 > text.length;
    if (this.truncated || !text.startsWith(" .", stop) || (stop + 2 < text.length && text.charCodeAt(stop + 2) !== 10))
      throw new Error("machine code framing");
    const bytes = text.slice(this.pos, stop);
    // A utf8 read turns bytes >= 0x80 into fewer chars (the framing fails) or U+FFFD.
    for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) > 0xff) throw new Error("not read as latin1");
    this.pos = stop + 3;
    return bytes;
  }
}

/** The event of the compact line at pos (null if unreadable), and where the next line starts. */
export function compactEvent(
  text: string,
  pos: number,
  eol: number,
  context: CompactContext,
): { event: ProbeEvent | null; next: number } {
  const unreadable = { event: null, next: eol + 1 };
  // A trace line ends in its machine code, raw (so maybe past a "\n"), and " .";
  // the others in " .", which tells a whole line from one a crash cut short.
  const raw = text.startsWith("traceraw ", pos);
  const trace = raw || text.startsWith("trace ", pos);
  if (!trace && !(eol - pos >= 2 && text.startsWith(" .", eol - 2))) return unreadable;
  // A traceraw line has raw bytes before its last numbers too: its tokens may lie past a "\n".
  const t = new Tokens(text, pos, raw ? text.length : trace ? eol : eol - 2);
  let event: ProbeEvent;
  try {
    const kind = t.str();
    if (kind === "trace") return { event: { kind, trace: compactTrace(t, context) }, next: t.pos };
    if (kind === "traceraw") return { event: { kind: "trace", trace: rawTrace(t, context) }, next: t.pos };
    if (kind === "hello") {
      event = { kind, version: unescapeToken(t.str()) };
      t.str(); // the arch: JSON mode does not keep it either
    } else if (kind === "case") event = { kind, index: t.num() };
    else if (kind === "flush") event = { kind };
    else if (kind === "abort")
      event = {
        kind,
        abort: { trace: t.num(), source: unescapeToken(t.str()), line: t.num(), reason: unescapeToken(t.str()) },
      };
    else if (kind === "vmdef") event = { kind, names: compactNames(t) };
    else if (kind === "irmode") {
      const gc64 = t.num() === 1;
      event = { kind, layout: { gc64, modes: Array.from({ length: t.num() }, () => t.num()) } };
    } else return unreadable;
  } catch {
    // Machine code cut short by a crash: the rest of the text is this one torn line.
    return t.truncated ? { event: null, next: text.length } : unreadable;
  }
  return t.done() ? { event, next: eol + 1 } : unreadable;
}

function compactNames(t: Tokens): VmNames {
  const irnames = t.str();
  const list = (): string[] | undefined => {
    const n = t.numOrNull();
    return n === null ? undefined : Array.from({ length: n }, () => unescapeToken(t.str()));
  };
  const fields = list();
  const calls = list();
  const text = unescapeToken(irnames);
  // name6 on an op past the end of irnames gives "", as slice does here.
  const ops =
    irnames === "-"
      ? undefined
      : Array.from({ length: 256 }, (_, i) => text.slice(i * 6, i * 6 + 6).replace(/ +$/, ""));
  return { ...(ops ? { ops } : {}), ...(fields ? { fields } : {}), ...(calls ? { calls } : {}) };
}

/** Builds the same record as the JSON line; names follow probe.lua's name6/ir_json. */
function compactTrace(t: Tokens, context: CompactContext): TraceRecord {
  const head = traceHead(t);
  const n = t.num();
  const ir = new PackedIrBuilder(n);
  for (let ref = 1; ref <= n; ref++) {
    const mode = t.num();
    const ot = t.num();
    const op1 = t.num();
    const op2 = t.num();
    const ridsp = t.num();
    setIrInstruction(ir, ref, mode, ot, op1, op2, ridsp, context.names);
  }
  const constants: IrConstant[] = [];
  for (let i = 0, n = t.num(); i < n; i++) {
    const ref = t.num();
    const type = IR_TYPE_NAMES[t.num()] ?? "?";
    const slot = t.numOrNull();
    const tag = t.str();
    const v = t.str();
    let value: number | string;
    if (tag === "n")
      value = v === "-0" || v === "inf" || v === "-inf" ? v : v === "nan" || v === "-nan" ? "nan" : Number(v);
    else if (tag === "s") value = `str:${unescapeToken(v)}`;
    else if (tag === "c") value = `cdata:${unescapeToken(v)}`;
    else if (tag === "o") value = unescapeToken(v);
    else throw new Error(`constant tag ${tag}`);
    if (typeof value === "number" && (v === "" || Number.isNaN(value))) throw new Error(`constant ${v}`);
    constants.push({ ref, type, value, ...(slot === null ? {} : { slot }) });
  }
  // JSON mode lists them nearest the IR first.
  constants.sort((a, b) => b.ref - a.ref);
  return record(head, constants, machineCode(t), ir.build(), context);
}

/** A traceraw line: the head, the IR as jit.util.traceraw's bytes (raw-ir.ts), the machine code. */
function rawTrace(t: Tokens, context: CompactContext): TraceRecord {
  const head = traceHead(t);
  const nk = t.num();
  const bytes = t.bytes(t.num());
  if (!context.layout) throw new Error("traceraw before irmode");
  const { ir, constants } = decodeRawIr(bytes, nk, context.layout, context.names);
  return record(head, constants, machineCode(t), ir, context);
}

/** The record of a compact trace line: its IR stays as columns until someone reads `ir`. */
function record(
  head: ReturnType<typeof traceHead>,
  constants: IrConstant[],
  code: Pick<TraceRecord, "mcode" | "exitStubs">,
  ir: PackedIr,
  context: CompactContext,
): TraceRecord {
  const fields = { ...head, bytecode: [], constants, snapshots: [], ...code };
  return packedTraceRecord(context.caseIndex === undefined ? fields : { ...fields, caseIndex: context.caseIndex }, ir);
}

/** TRACE PARENT EXIT LINK LINKTYPE SOURCE LINE, as both trace lines begin. */
function traceHead(t: Tokens) {
  return {
    trace: t.num(),
    parent: t.numOrNull(),
    parentExit: t.numOrNull(),
    link: t.num(),
    linkType: unescapeToken(t.str()),
    source: unescapeToken(t.str()),
    line: t.num(),
  };
}

/** ADDRESS LOOP NSTUBS DELTA... MCLEN MCODE, as both trace lines end. */
function machineCode(t: Tokens): Pick<TraceRecord, "mcode" | "exitStubs"> {
  const address = t.num();
  const loop = t.num();
  const exitStubs: number[] = [];
  let stub = address;
  for (let i = 0, n = t.num(); i < n; i++) {
    stub += t.num();
    exitStubs.push(stub);
  }
  return { mcode: machineCodeOfBytes(address, loop, t.raw(t.num())), exitStubs };
}
