// The events a probe writes, in either of its formats (JSON lines, compact
// lines): read by probe-log.ts and compact-log.ts alike.
import type { TraceAbort, TraceRecord } from "../../oracle/trace/index.ts";

export type { TraceAbort };

/** The build's own vmdef names, from the compact log's vmdef line. */
export interface VmNames {
  /** Op names by number, as probe.lua's name6 cuts them from vmdef.irnames. */
  readonly ops?: readonly string[];
  readonly fields?: readonly string[];
  readonly calls?: readonly string[];
}

/** What the irmode line gives: lj_ir_mode[] and whether the build is GC64. */
export interface IrLayout {
  /** The mode byte of each opcode, by number. */
  readonly modes: readonly number[];
  /** 64-bit GC references and pointers (LJ_GC64) live in a constant's second slot. */
  readonly gc64: boolean;
}

export type ProbeEvent =
  | { readonly kind: "hello"; readonly version: string | null }
  | { readonly kind: "vmdef"; readonly names: VmNames }
  | { readonly kind: "irmode"; readonly layout: IrLayout }
  | { readonly kind: "case"; readonly index: number | undefined }
  | { readonly kind: "trace"; readonly trace: TraceRecord }
  | { readonly kind: "abort"; readonly abort: TraceAbort }
  | { readonly kind: "flush" };
