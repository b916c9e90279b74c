// What one JIT-on run's probe wrote, read back: every trace LuaJIT compiled
// (in the oracle's representation, oracle/trace/), every trace it gave up on,
// and the batch driver's case markers.
import type { TraceRecord } from "../../oracle/trace/index.ts";
import { compactEvent } from "./compact-log.ts";
import type { IrLayout, ProbeEvent, TraceAbort, VmNames } from "./events.ts";

/** Everything one JIT-on run recorded, in the order it happened. */
export interface ProbeLog {
  readonly version: string | null;
  readonly traces: readonly TraceRecord[];
  readonly aborts: readonly TraceAbort[];
  readonly flushes: number;
  /** Lines that could not be read (a line cut short by a crash, say). */
  readonly unreadable: number;
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
  let layout: IrLayout | null = null;
  for (let pos = 0, next = 0; pos < text.length; pos = next) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = text.length;
    next = eol + 1;
    let event: ProbeEvent | null = null;
    if (text.charCodeAt(pos) === 123)
      event = jsonEvent(text.slice(pos, eol)); // "{"
    else if (text.charCodeAt(pos) <= 32 && text.slice(pos, eol).trim() === "") continue;
    else ({ event, next } = compactEvent(text, pos, eol, { names, layout, caseIndex }));
    if (!event) {
      unreadable++;
      continue;
    }
    if (event.kind === "hello") version = event.version;
    else if (event.kind === "vmdef") names = event.names;
    else if (event.kind === "irmode") layout = event.layout;
    else if (event.kind === "case") caseIndex = event.index;
    // A compact trace has its case already (compactEvent's context), and its IR as columns: no copy.
    else if (event.kind === "trace")
      traces.push(
        caseIndex === undefined || event.trace.caseIndex === caseIndex ? event.trace : { ...event.trace, caseIndex },
      );
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
