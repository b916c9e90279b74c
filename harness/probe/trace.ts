// What the probe (probe.lua) tells us about one compiled trace. This is the
// plain record every later stage reads: the oracle checks it, reports print
// it, the corpus stores it. Field meanings follow LuaJIT's jit.util.
import { compactEvent, type ProbeEvent, type VmNames } from "./compact-log.ts";

/** One IR instruction, as jit.util.traceir gives it. */
export interface IrInstruction {
  /** Instruction number as -jdump prints it (1-based, REF_BIAS removed). */
  readonly ref: number;
  /** Opcode name from the build's own jit/vmdef.lua (e.g. "XLOAD"). */
  readonly op: string;
  /** Result type (e.g. "int", "p64", "num"). */
  readonly type: string;
  /** Operand modes (IRM bits); op1 mode is mode & 3, op2 mode is mode & 12. */
  readonly mode: number;
  /** Raw op+type word: type in bits 0-4, 0x80 = guard (">" in -jdump), 0x40 = PHI operand ("+"), op in bits 8-15. */
  readonly ot: number;
  /** Operand 1: > 0 an instruction ref, < 0 a constant ref, else a literal. */
  readonly op1: number;
  /** Operand 2: same encoding as op1 (a literal when op2 mode is IRMlit). */
  readonly op2: number;
  /** Register id (0-30 x-regs, 31 sp/zr, 32-63 d-regs; 253/254 sunk, 255 none). */
  readonly rid: number;
  /** Spill slot (in 4-byte units as -jdump prints [hex]), 0 when not spilled. */
  readonly spill: number;
  /** Name of an op2 literal where vmdef has one (FLOAD field, CALL target). */
  readonly lit?: string;
}

/** One IR constant (negative ref), as jit.util.tracek gives it. */
export interface IrConstant {
  readonly ref: number;
  readonly type: string;
  /**
   * A number for numeric constants; otherwise the text LuaJIT gives, prefixed
   * with its Lua type: "cdata:-8LL", "str:abc", "nil:nil", "userdata:0x…".
   * Non-finite numbers and -0 are strings ("nan", "inf", "-inf", "-0").
   */
  readonly value: number | string;
  readonly slot?: number;
}

/** One bytecode the recorder visited while it built the trace. */
export interface BytecodePosition {
  readonly pc: number;
  readonly depth: number;
  readonly source: string;
  readonly line: number;
  readonly op?: string;
}

export interface MachineCode {
  /** Address of the first byte (the trace's entry). */
  readonly address: number;
  /** Byte offset of the loop start, or -1 when the trace has no loop. */
  readonly loop: number;
  /** The raw code bytes, as lowercase hex. */
  readonly hex: string;
}

/** A trace LuaJIT compiled: everything needed to judge its machine code. */
export interface TraceRecord {
  readonly trace: number;
  readonly parent: number | null;
  readonly parentExit: number | null;
  readonly source: string;
  readonly line: number;
  readonly link: number;
  readonly linkType: string;
  readonly bytecode: readonly BytecodePosition[];
  readonly ir: readonly IrInstruction[];
  readonly constants: readonly IrConstant[];
  /** Raw snapshots: [ref, nslots, ...entries, terminator]. */
  readonly snapshots: readonly (readonly number[])[];
  readonly mcode: MachineCode;
  readonly exitStubs: readonly number[];
  /** In a batch run: the index of the case that compiled this trace. */
  readonly caseIndex?: number;
}

/** A trace the recorder gave up on, with LuaJIT's reason. */
export interface TraceAbort {
  readonly trace: number;
  readonly source: string;
  readonly line: number;
  readonly reason: string;
  /** In a batch run: the index of the case whose trace was aborted. */
  readonly caseIndex?: number;
}

/** Everything one JIT-on run recorded, in the order it happened. */
export interface ProbeLog {
  readonly version: string | null;
  readonly traces: readonly TraceRecord[];
  readonly aborts: readonly TraceAbort[];
  readonly flushes: number;
  /** Lines that could not be read (a line cut short by a crash, say). */
  readonly unreadable: number;
}

/** The machine code of a trace as little-endian 32-bit words. */
export function traceWords(trace: TraceRecord): number[] {
  const { hex } = trace.mcode;
  const words: number[] = [];
  for (let i = 0; i + 8 <= hex.length; i += 8) {
    const b0 = parseInt(hex.slice(i, i + 2), 16);
    const b1 = parseInt(hex.slice(i + 2, i + 4), 16);
    const b2 = parseInt(hex.slice(i + 4, i + 6), 16);
    const b3 = parseInt(hex.slice(i + 6, i + 8), 16);
    words.push((b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0);
  }
  return words;
}

/**
 * Reads the probe's output: JSON lines (full mode) or compact lines (lean
 * mode; format in probe.lua). Tolerates a torn last line. Read the file as
 * latin1: compact lines carry machine code as raw bytes (a utf8 read makes
 * those traces unreadable, never wrong).
 */
export function parseProbeLog(text: string): ProbeLog {
  let version: string | null = null;
  const traces: TraceRecord[] = [];
  const aborts: TraceAbort[] = [];
  let flushes = 0;
  let unreadable = 0;
  let caseIndex: number | undefined;
  // Compact traces before a vmdef line (none: vmdef failed to load) get no names, as in JSON mode.
  let names: VmNames | null = null;
  for (let pos = 0, next = 0; pos < text.length; pos = next) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = text.length;
    next = eol + 1;
    let event: ProbeEvent | null = null;
    if (text.charCodeAt(pos) === 123)
      event = jsonEvent(text.slice(pos, eol)); // "{"
    else if (text.charCodeAt(pos) <= 32 && text.slice(pos, eol).trim() === "") continue;
    else ({ event, next } = compactEvent(text, pos, eol, names));
    if (!event) {
      unreadable++;
      continue;
    }
    if (event.kind === "hello") version = event.version;
    else if (event.kind === "vmdef") names = event.names;
    else if (event.kind === "case") caseIndex = event.index;
    else if (event.kind === "trace") traces.push(caseIndex === undefined ? event.trace : { ...event.trace, caseIndex });
    else if (event.kind === "abort") aborts.push(caseIndex === undefined ? event.abort : { ...event.abort, caseIndex });
    else flushes++;
  }
  return { version, traces, aborts, flushes, unreadable };
}

function jsonEvent(line: string): ProbeEvent | null {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof event !== "object" || event === null || !("event" in event)) return null;
  const e = event as { event: string; version?: string; index?: number };
  if (e.event === "hello") return { kind: "hello", version: e.version ?? null };
  if (e.event === "case") return { kind: "case", index: e.index };
  if (e.event === "trace") return { kind: "trace", trace: stripEvent(event) as TraceRecord };
  if (e.event === "abort") return { kind: "abort", abort: stripEvent(event) as TraceAbort };
  if (e.event === "flush") return { kind: "flush" };
  return null;
}

function stripEvent(event: object): object {
  const { event: _ignored, ...rest } = event as { event: string };
  return rest;
}
