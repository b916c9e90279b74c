/**
 * The static memory-safety check: every FFI access of a program stays
 * inside the buffer it derives from, for every value of the loop variables.
 *
 * It is independent of the generator: it only reads the program (buffer
 * sizes, pointer declarations, `for` ranges, places) and recomputes every
 * byte range, so the property test of the arbitraries is meaningful.
 */

import { addAffine, affineRange, forRange, scaleAffine, type VarRange } from "./affine.ts";
import type { Affine, Expr, Place, Program, Stmt, Target } from "./ast.ts";
import { type CType, SCALARS, sameCType, scalar } from "./ctype.ts";
import { type Footprint, footprint } from "./footprint.ts";
import { computeLayouts, followPath, type Layouts, sizeOf } from "./layout.ts";

/** A pointer: `buffer` start plus an affine byte offset, typed by `pointee`. */
type PtrInfo = { readonly buffer: number; readonly byteOffset: Affine; readonly pointee: CType };

type Scope = {
  readonly ptrs: Map<string, PtrInfo>;
  readonly vars: Map<string, VarRange>;
  readonly parent?: Scope;
};

export type Access = {
  readonly place: Place;
  readonly buffer: number;
  readonly min: number;
  /** One past the last byte touched. */
  readonly end: number;
  readonly kind: "load" | "store";
  /** Index of the top-level statement of `program.body` the access is in. */
  readonly top: number;
  /** The exact bytes touched, for the aliasing check. */
  readonly footprint: Footprint;
};

export type BoundsReport = { readonly accesses: readonly Access[]; readonly errors: readonly string[] };

export function checkBounds(program: Program): BoundsReport {
  const layouts = computeLayouts(program.structs);
  const sizes = new Map(program.buffers.map((b) => [b.id, sizeOf(layouts, b.elem) * b.count]));
  const elems = new Map(program.buffers.map((b) => [b.id, b.elem]));
  const accesses: Access[] = [];
  const errors: string[] = [];
  let currentTop = -1;

  const lookupPtr = (s: Scope | undefined, n: string): PtrInfo | undefined => {
    for (let c = s; c; c = c.parent) {
      const p = c.ptrs.get(n);
      if (p) return p;
    }
    return undefined;
  };
  const lookupVar = (s: Scope, n: string): VarRange | undefined => {
    for (let c: Scope | undefined = s; c; c = c.parent) {
      if (c.ptrs.has(n)) return undefined;
      const v = c.vars.get(n);
      if (v) return v;
    }
    return undefined;
  };
  const child = (parent: Scope): Scope => ({ ptrs: new Map(), vars: new Map(), parent });

  const shadow = (s: Scope, name: string): void => {
    // A plain local with a pointer's name hides it (and makes it unusable as one).
    if (lookupPtr(s, name))
      s.ptrs.set(name, { buffer: -1, byteOffset: { constant: 0, terms: [] }, pointee: scalar("uint8_t") });
  };

  const place = (s: Scope, p: Place, kind: "load" | "store"): void => {
    try {
      let buffer: number;
      let start: Affine;
      let pointee: CType;
      const b = p.base;
      if (b.tag === "buffer") {
        const elem = elems.get(b.buffer);
        if (!elem) throw new Error(`unknown buffer ${b.buffer}`);
        buffer = b.buffer;
        start = { constant: 0, terms: [] };
        pointee = elem;
      } else {
        const from = lookupPtr(s, b.tag === "ptr" ? b.name : b.from);
        if (!from || from.buffer < 0) throw new Error(`unknown pointer ${b.tag === "ptr" ? b.name : b.from}`);
        buffer = from.buffer;
        if (b.tag === "ptr") {
          start = from.byteOffset;
          pointee = from.pointee;
        } else {
          start = offsetBy(layouts, from, b.delta);
          pointee = b.pointee;
        }
      }
      const esize = sizeOf(layouts, pointee);
      const { offset, type } = followPath(layouts, pointee, p.path);
      if (type.tag !== "scalar" || !sameCType(type, scalar(p.scalar)))
        throw new Error(`place type mismatch: ${p.scalar}`);
      const ranges = (n: string) => lookupVar(s, n);
      const ri = affineRange(p.index, ranges);
      const total = addAffine(addAffine(start, scaleAffine(p.index, esize)), { constant: offset, terms: [] });
      const r = affineRange(total, ranges);
      const lo = r.min;
      const hi = r.max + SCALARS[p.scalar].size;
      if (b.tag === "buffer" && ri.min < 0) throw new Error(`negative index into buf${buffer}`);
      const size = sizes.get(buffer) ?? 0;
      accesses.push({
        place: p,
        buffer,
        min: lo,
        end: hi,
        kind,
        top: currentTop,
        footprint: footprint(total, SCALARS[p.scalar].size, ranges),
      });
      if (lo < 0 || hi > size) throw new Error(`access [${lo}, ${hi}) outside buf${buffer} of ${size} bytes`);
    } catch (e) {
      errors.push(String(e instanceof Error ? e.message : e));
    }
  };

  const expr = (s: Scope, e: Expr): void => {
    switch (e.tag) {
      case "load":
        place(s, e.place, "load");
        return;
      case "binop":
        expr(s, e.left);
        expr(s, e.right);
        return;
      case "unop":
        expr(s, e.operand);
        return;
      case "call":
        expr(s, e.callee);
        for (const a of e.args) expr(s, a);
        return;
      case "method":
        expr(s, e.object);
        for (const a of e.args) expr(s, a);
        return;
      case "paren":
        expr(s, e.expr);
        return;
      case "index":
        expr(s, e.object);
        expr(s, e.key);
        return;
      case "field":
        expr(s, e.object);
        return;
      case "table":
        for (const a of e.items) expr(s, a);
        for (const f of e.fields) {
          if ("key" in f) expr(s, f.key);
          expr(s, f.value);
        }
        return;
      case "function": {
        const fs = child(s);
        for (const n of e.params) shadow(fs, n);
        block(fs, e.body);
        return;
      }
      default:
        return;
    }
  };

  const target = (s: Scope, t: Target): void => {
    if (t.tag === "index") {
      expr(s, t.object);
      expr(s, t.key);
    } else if (t.tag === "field") expr(s, t.object);
  };

  const stmt = (s: Scope, st: Stmt): void => {
    switch (st.tag) {
      case "local":
        for (const v of st.values) expr(s, v);
        for (const n of st.names) shadow(s, n);
        return;
      case "assign":
        for (const v of st.values) expr(s, v);
        for (const t of st.targets) target(s, t);
        return;
      case "store":
        expr(s, st.value);
        place(s, st.place, "store");
        return;
      case "ptr": {
        try {
          if (st.source.tag === "buffer") {
            if (!sizes.has(st.source.buffer)) throw new Error(`unknown buffer ${st.source.buffer}`);
            s.ptrs.set(st.name, {
              buffer: st.source.buffer,
              byteOffset: { constant: 0, terms: [] },
              pointee: st.pointee,
            });
          } else {
            const from = lookupPtr(s, st.source.from);
            if (!from || from.buffer < 0) throw new Error(`unknown pointer ${st.source.from}`);
            // Check the terms are in scope now: the pointer is only valid where they are.
            affineRange(st.source.delta, (n) => lookupVar(s, n));
            s.ptrs.set(st.name, {
              buffer: from.buffer,
              byteOffset: offsetBy(layouts, from, st.source.delta),
              pointee: st.pointee,
            });
          }
        } catch (e) {
          errors.push(String(e instanceof Error ? e.message : e));
        }
        return;
      }
      case "call":
        expr(s, st.call);
        return;
      case "for": {
        const inner = child(s);
        const r = forRange(st.start, st.stop, st.step);
        if (r) {
          inner.vars.set(st.var, r);
          block(inner, st.body);
        }
        return;
      }
      case "forNum": {
        for (const e of [st.start, st.stop, ...(st.step ? [st.step] : [])]) expr(s, e);
        // The range is not known: an address that uses the variable fails the check.
        const inner = child(s);
        shadow(inner, st.var);
        block(inner, st.body);
        return;
      }
      case "forIn": {
        for (const v of st.values) expr(s, v);
        const inner = child(s);
        for (const n of st.names) shadow(inner, n);
        block(inner, st.body);
        return;
      }
      case "while":
        expr(s, st.cond);
        block(child(s), st.body);
        return;
      case "repeat": {
        const inner = child(s);
        block(inner, st.body);
        expr(inner, st.cond);
        return;
      }
      case "if":
        expr(s, st.cond);
        block(child(s), st.then);
        if (st.else) block(child(s), st.else);
        return;
      case "return":
        for (const v of st.values) expr(s, v);
        return;
      case "function": {
        shadow(s, st.name);
        const fs = child(s);
        st.params.forEach((n) => {
          // Parameters named like an outer pointer receive that pointer (see the block wrappers).
          if (!lookupPtr(s, n)) shadow(fs, n);
        });
        block(fs, st.body);
        return;
      }
      case "do":
        block(child(s), st.body);
        return;
      case "break":
      case "goto":
      case "label":
      case "comment":
        return;
    }
  };

  const block = (s: Scope, body: readonly Stmt[]): void => {
    for (const st of body) stmt(s, st);
  };

  // The printer's prelude declares the byte view `b<n>` of every buffer.
  const top: Scope = { ptrs: new Map(), vars: new Map() };
  for (const b of program.buffers)
    top.ptrs.set(`b${b.id}`, { buffer: b.id, byteOffset: { constant: 0, terms: [] }, pointee: scalar("uint8_t") });
  program.body.forEach((st, i) => {
    currentTop = i;
    stmt(top, st);
  });
  return { accesses, errors };
}

function offsetBy(layouts: Layouts, from: PtrInfo, delta: Affine): Affine {
  return addAffine(from.byteOffset, scaleAffine(delta, sizeOf(layouts, from.pointee)));
}
