/**
 * Memory placement: the resolver records the byte range of every access
 * relative to the anchor it derives from, and only at the end places each
 * anchor in its buffer and sizes the buffer so that all of them fit.
 * Offsets are thus kept exactly as planned (negative, far, unaligned) and
 * still always in bounds.
 *
 * Anchors never overlap each other, and in the whole program an anchor is
 * only stored to under one alias class where other classes touch the same bytes
 * (LuaJIT's strict aliasing, see program/aliasing.ts). An item that would
 * break that is resolved again in "lane" mode, where each alias class of
 * a plan anchor has an anchor (and memory) of its own.
 */
import { addAffine, affineRange, scaleAffine } from "../program/affine.ts";
import { ALIAS_CLASS } from "../program/aliasing.ts";
import type { Affine, Place, Stmt } from "../program/ast.ts";
import { affine } from "../program/ast.ts";
import { type CType, SCALARS, scalar } from "../program/ctype.ts";
import { type Footprint, footprint, mayOverlap } from "../program/footprint.ts";
import { followPath, type Layouts, sizeOf } from "../program/layout.ts";
import type { LoopVar } from "./env.ts";
import type { Names } from "./names.ts";

type Anchor = {
  readonly name: string;
  readonly buffer: number;
  readonly gap: number;
  readonly misalign: number;
  minRel: number;
  maxEnd: number;
  used: boolean;
};

/** A pointer variable: byte offset relative to its anchor, pointee type. */
type PtrInfo = { readonly anchor: number; readonly rel: Affine; readonly pointee: CType; readonly topLevel: boolean };

/** An access of the program so far: anchor (or -buffer for direct ones), alias class, bytes. */
type Record_ = {
  readonly region: number;
  readonly cls: string;
  readonly kind: "load" | "store";
  readonly fp: Footprint;
};

export type BufferSpec = { readonly id: number; readonly elem: CType; readonly fill: number };

/** The lane of a view type: its alias class, or the struct itself. */
export const laneOf = (t: CType): string =>
  t.tag === "scalar" ? ALIAS_CLASS[t.name] : t.tag === "struct" ? `S${t.id}` : "array";

export class Memory {
  private anchors: Anchor[] = [];
  private lanes = new Map<string, number>();
  private ptrs = new Map<string, PtrInfo>();
  private views = new Map<string, string>();
  private viewDecls: Stmt[] = [];
  private directEnd = new Map<number, number>();
  private used = new Set<string>();
  private records: Record_[] = [];
  readonly planAnchors: number;

  constructor(
    readonly layouts: Layouts,
    readonly buffers: readonly BufferSpec[],
    anchors: readonly { buffer: number; position: number; misalign: number }[],
    private readonly names: Names,
  ) {
    for (const a of anchors) this.addAnchor(a.buffer, a.position, a.misalign);
    this.planAnchors = anchors.length;
  }

  private addAnchor(buffer: number, gap: number, misalign: number): number {
    const name = this.names.next("a");
    this.anchors.push({ name, buffer, gap, misalign, minRel: 0, maxEnd: 0, used: false });
    const i = this.anchors.length - 1;
    this.ptrs.set(name, { anchor: i, rel: affine(0), pointee: scalar("uint8_t"), topLevel: true });
    return i;
  }

  /** Anchor `i` of the plan, or its own anchor for `lane`. */
  private resolveAnchor(i: number, lane: string | undefined): number {
    const a = Math.abs(Math.trunc(i)) % this.planAnchors;
    if (lane === undefined) return a;
    const key = `${a}:${lane}`;
    let idx = this.lanes.get(key);
    if (idx === undefined) {
      const base = this.anchor(a);
      idx = this.addAnchor(base.buffer, 0, base.misalign);
      this.lanes.set(key, idx);
    }
    return idx;
  }

  private anchor(i: number): Anchor {
    const a = this.anchors[i];
    if (!a) throw new Error(`no anchor ${i}`);
    return a;
  }

  private ptr(name: string): PtrInfo {
    const p = this.ptrs.get(name);
    if (!p) throw new Error(`unknown pointer ${name}`);
    return p;
  }

  /** Marks a pointer as used by the current block (for wrapper parameters). */
  private touch(name: string): void {
    const p = this.ptr(name);
    if (p.topLevel) this.used.add(name);
    this.anchor(p.anchor).used = true;
  }

  takeUsed(): string[] {
    const u = [...this.used];
    this.used = new Set();
    return u;
  }

  /** The byte pointer of plan anchor `i` (in `lane` when given). */
  anchorName(i: number, lane?: string): string {
    const name = this.anchor(this.resolveAnchor(i, lane)).name;
    this.touch(name);
    return name;
  }

  /** The shared top-level view of plan anchor `i` as `pointee *` (declared once). */
  view(i: number, pointee: CType, inLane = false): string {
    const a = this.resolveAnchor(i, inLane ? laneOf(pointee) : undefined);
    const key = `${a}:${JSON.stringify(pointee)}`;
    let name = this.views.get(key);
    if (!name) {
      name = this.names.next("p");
      this.views.set(key, name);
      this.ptrs.set(name, { anchor: a, rel: affine(0), pointee, topLevel: true });
      this.viewDecls.push({
        tag: "ptr",
        name,
        pointee,
        source: { tag: "ptr", from: this.anchor(a).name, delta: affine(0) },
      });
    }
    this.touch(name);
    this.touch(this.anchor(a).name);
    return name;
  }

  /** `local q = from + delta` (elements of from's pointee), cast to `pointee`. */
  derive(from: string, delta: Affine, pointee: CType, prefix = "q"): { name: string; stmt: Stmt } {
    const f = this.ptr(from);
    this.touch(from);
    const name = this.names.next(prefix);
    const rel = addAffine(f.rel, scaleAffine(delta, sizeOf(this.layouts, f.pointee)));
    this.ptrs.set(name, { anchor: f.anchor, rel, pointee, topLevel: false });
    return { name, stmt: { tag: "ptr", name, pointee, source: { tag: "ptr", from, delta } } };
  }

  pointee(name: string): CType {
    return this.ptr(name).pointee;
  }

  /** Records the bytes `place` touches for every value of the loop variables. */
  note(place: Place, loops: readonly LoopVar[], kind: "load" | "store"): void {
    const b = place.base;
    const ranges = (n: string) => loops.find((l) => l.name === n);
    const size = SCALARS[place.scalar].size;
    const cls = ALIAS_CLASS[place.scalar];
    if (b.tag === "buffer") {
      const spec = this.buffers.find((x) => x.id === b.buffer);
      if (!spec) throw new Error(`no buffer ${b.buffer}`);
      const { offset } = followPath(this.layouts, spec.elem, place.path);
      const addr = addAffine(scaleAffine(place.index, sizeOf(this.layouts, spec.elem)), affine(offset));
      const r = affineRange(addr, ranges);
      if (r.min < 0) throw new Error("direct buffer index below 0");
      this.directEnd.set(b.buffer, Math.max(this.directEnd.get(b.buffer) ?? 0, r.max + size));
      this.records.push({ region: -b.buffer, cls, kind, fp: footprint(addr, size, ranges) });
      return;
    }
    const fromName = b.tag === "ptr" ? b.name : b.from;
    const from = this.ptr(fromName);
    this.touch(fromName);
    const start =
      b.tag === "ptr" ? from.rel : addAffine(from.rel, scaleAffine(b.delta, sizeOf(this.layouts, from.pointee)));
    const pointee = b.tag === "ptr" ? from.pointee : b.pointee;
    const { offset } = followPath(this.layouts, pointee, place.path);
    const total = addAffine(addAffine(start, scaleAffine(place.index, sizeOf(this.layouts, pointee))), affine(offset));
    const r = affineRange(total, ranges);
    const a = this.anchor(from.anchor);
    a.minRel = Math.min(a.minRel, r.min);
    a.maxEnd = Math.max(a.maxEnd, r.max + size);
    this.records.push({ region: from.anchor, cls, kind, fp: footprint(total, size, ranges) });
  }

  /** Whether an access recorded since `mark` stores where another class touches, in this block. */
  conflictsSince(mark: number): boolean {
    for (let i = mark; i < this.records.length; i++) {
      const x = this.records[i]!;
      for (let j = 0; j < this.records.length; j++) {
        const y = this.records[j]!;
        if (j === i || (j >= mark && j < i) || y.region !== x.region || y.cls === x.cls) continue;
        if ((x.kind === "store" || y.kind === "store") && mayOverlap(x.fp, y.fp)) return true;
      }
    }
    return false;
  }

  /** Captures the whole state; the returned function puts it back (and the record count is the mark). */
  snapshot(): { mark: number; restore: () => void } {
    const anchors = this.anchors.map((a) => ({ ...a }));
    const lanes = new Map(this.lanes);
    const ptrs = new Map(this.ptrs);
    const views = new Map(this.views);
    const viewDecls = [...this.viewDecls];
    const directEnd = new Map(this.directEnd);
    const used = new Set(this.used);
    const records = [...this.records];
    return {
      mark: records.length,
      restore: () => {
        this.anchors = anchors;
        this.lanes = lanes;
        this.ptrs = ptrs;
        this.views = views;
        this.viewDecls = viewDecls;
        this.directEnd = directEnd;
        this.used = used;
        this.records = records;
      },
    };
  }

  /**
   * Places the used anchors one after the other (after the directly
   * indexed part of each buffer) and sizes the buffers. Returns the
   * top-level declarations (anchors, then views) and each buffer's length.
   */
  finish(slack: number): { decls: Stmt[]; counts: Map<number, number> } {
    const cursor = new Map<number, number>(this.directEnd);
    const decls: Stmt[] = [];
    for (const a of this.anchors) {
      if (!a.used) continue;
      let pos = (cursor.get(a.buffer) ?? 0) + Math.min(a.gap, 256) + Math.max(0, -a.minRel);
      pos += (((a.misalign - pos) % 16) + 16) % 16;
      cursor.set(a.buffer, pos + Math.max(a.maxEnd, 0));
      decls.push({
        tag: "ptr",
        name: a.name,
        pointee: scalar("uint8_t"),
        source: { tag: "ptr", from: `b${a.buffer}`, delta: affine(pos) },
      });
    }
    const counts = new Map<number, number>();
    for (const b of this.buffers) {
      const es = sizeOf(this.layouts, b.elem);
      counts.set(b.id, Math.max(1, Math.ceil(((cursor.get(b.id) ?? 0) + slack) / es)));
    }
    return { decls: [...decls, ...this.viewDecls], counts };
  }
}
