/** Loop-body items to statements. */

import type { ItemPlan } from "../arbitraries/plan.ts";
import type { Expr, Place, Stmt } from "../program/ast.ts";
import { affine } from "../program/ast.ts";
import { SCALARS, scalar, signTwin, structRef } from "../program/ctype.ts";
import { type Leaf, leaves } from "../program/layout.ts";
import { type Base, baseFor, bytePointer, castAt, loadStmt, loadsThenHashes, placeAt } from "./access.ts";
import { type Ctx, pickOf, withEnv } from "./context.ts";
import { resolveEdge, resolveNear } from "./edges.ts";
import { bin, call, lit, narrowed, resolveCond, resolveInt, v } from "./intexpr.ts";
import { resolveLibrary } from "./library.ts";
import { resolveGcStep, resolveTableSlot, resolveUpvalue } from "./lua.ts";
import { adjacentStores, type Kind, memOp, ordered } from "./memops.ts";
import { hashInt, hashStmt } from "./values.ts";

/** The first pair of neighbouring leaves from `start`, preferring same-size 4/8-byte ones that touch. */
function leafPair(ls: readonly Leaf[], start: number): [Leaf, Leaf] {
  const n = ls.length;
  const first = ls[0]!;
  if (n === 1) return [first, first];
  const s = Math.abs(Math.trunc(start)) % n;
  for (let d = 0; d < n; d++) {
    const a = ls[(s + d) % n]!;
    const b = ls[(s + d + 1) % n]!;
    const sa = SCALARS[a.scalar].size;
    if ((s + d + 1) % n !== 0 && sa === SCALARS[b.scalar].size && (sa === 4 || sa === 8) && b.offset === a.offset + sa)
      return [a, b];
  }
  return [ls[s % (n - 1)]!, ls[(s % (n - 1)) + 1]!];
}

/**
 * Each item is resolved once; if it stores where another alias class
 * touches the same bytes in this block, everything it did is undone and it
 * is resolved again in lane mode (per-class anchors).
 */
export function resolveItems(ctx: Ctx, items: readonly ItemPlan[]): Stmt[] {
  return items.flatMap((it) => {
    const mem = ctx.mem.snapshot();
    const names = ctx.names.snapshot();
    const env = ctx.env.mark();
    const deferred = ctx.deferred.length;
    const first = resolveItem(ctx, it);
    if (ctx.lane || !ctx.mem.conflictsSince(mem.mark)) return first;
    mem.restore();
    names();
    env();
    ctx.deferred.length = deferred;
    return resolveItem({ ...ctx, lane: true }, it);
  });
}

function resolveItem(ctx: Ctx, it: ItemPlan): Stmt[] {
  switch (it.tag) {
    case "pair": {
      const t = scalar(it.scalar);
      const b1 = baseFor(ctx, it.anchor, t, it.variant);
      const b2: Base =
        it.mixedSign && signTwin(it.scalar) !== it.scalar
          ? baseFor(ctx, it.anchor, scalar(signTwin(it.scalar)), it.variant)
          : b1;
      const s2 = b2 === b1 ? it.scalar : signTwin(it.scalar);
      const at = (kind: Kind): [Place, Place] =>
        ordered([placeAt(ctx, b1, it.k, [], it.scalar, kind), placeAt(ctx, b2, it.k + 1, [], s2, kind)], it.order);
      const copyTo = (): [Place, Place] =>
        ordered(
          [placeAt(ctx, b1, it.dest, [], it.scalar, "store"), placeAt(ctx, b2, it.dest + 1, [], s2, "store")],
          it.order,
        );
      return [...b1.pre, ...(b2 === b1 ? [] : b2.pre), ...memOp(ctx, it.op, at, copyTo, it.values)];
    }
    case "structPair": {
      const def = pickOf(ctx.structs, it.struct);
      if (!def)
        return resolveItem(ctx, {
          tag: "pair",
          anchor: it.anchor,
          scalar: "int32_t",
          k: it.k,
          variant: it.variant,
          order: it.order,
          op: it.op,
          dest: it.k + 2,
          values: it.values,
          mixedSign: false,
        });
      const t = structRef(def.id);
      const [l1, l2] = leafPair(leaves(ctx.layouts, t), it.leaf);
      const b = baseFor(ctx, it.anchor, t, it.variant);
      const at = (kind: Kind): [Place, Place] =>
        ordered(
          [placeAt(ctx, b, it.k, l1.path, l1.scalar, kind), placeAt(ctx, b, it.k, l2.path, l2.scalar, kind)],
          it.order,
        );
      const copyTo = (): [Place, Place] =>
        ordered(
          [
            placeAt(ctx, b, it.k + 1, l1.path, l1.scalar, "store"),
            placeAt(ctx, b, it.k + 1, l2.path, l2.scalar, "store"),
          ],
          it.order,
        );
      return [...b.pre, ...memOp(ctx, it.op, at, copyTo, it.values)];
    }
    case "castPair": {
      const { pre, from } = bytePointer(ctx, it.anchor, it.scalar, it.loopBase);
      const size = SCALARS[it.scalar].size;
      const cast = (off: number, kind: Kind): Place => castAt(ctx, from, off, it.scalar, kind);
      const at = (kind: Kind): [Place, Place] =>
        ordered([cast(it.byteOffset, kind), cast(it.byteOffset + size, kind)], it.order);
      const copyTo = (): [Place, Place] =>
        ordered([cast(it.byteOffset + 2 * size + 1, "store"), cast(it.byteOffset + 3 * size + 1, "store")], it.order);
      return [...pre, ...memOp(ctx, it.op, at, copyTo, it.values)];
    }
    case "single": {
      let t = scalar(it.view.tag === "scalar" ? it.view.scalar : "int32_t");
      let leaf: Leaf = { path: [], offset: 0, scalar: t.name };
      const def = it.view.tag === "struct" ? pickOf(ctx.structs, it.view.struct) : undefined;
      const b = def ? baseFor(ctx, it.anchor, structRef(def.id), it.variant) : baseFor(ctx, it.anchor, t, it.variant);
      if (def && it.view.tag === "struct") {
        leaf = pickOf(leaves(ctx.layouts, structRef(def.id)), it.view.leaf) ?? leaf;
        t = scalar(leaf.scalar);
      }
      const place = placeAt(ctx, b, it.k, leaf.path, leaf.scalar, it.op);
      if (it.op === "load") return [...b.pre, ...loadsThenHashes(ctx, [place])];
      return [...b.pre, ...adjacentStores(ctx, [place], [it.value])];
    }
    case "alias": {
      const size = SCALARS[it.scalar].size;
      const loadScalar = it.twin ? signTwin(it.scalar) : it.scalar;
      const at = Math.trunc(it.k) * size;
      const shift = Math.trunc(it.shift) % size;
      const { pre, from } = bytePointer(ctx, it.anchor, it.scalar, it.variant !== "invariant", size);
      const before = loadStmt(ctx, castAt(ctx, from, at + shift, loadScalar));
      const store = adjacentStores(ctx, [castAt(ctx, from, at, it.scalar, "store")], [it.value]);
      const after = loadStmt(ctx, castAt(ctx, from, at + shift, loadScalar));
      return [
        ...pre,
        before.stmt,
        ...store,
        after.stmt,
        hashStmt(before.name, loadScalar),
        hashStmt(after.name, loadScalar),
      ];
    }
    case "direct": {
      const buf = pickOf(ctx.buffers, it.buffer);
      if (!buf) return [];
      const ls = leaves(ctx.layouts, buf.elem);
      const leaf = pickOf(ls, it.leaf) ?? ls[0]!;
      const loop = ctx.env.innermostLoop();
      const coef = it.variant === "invariant" || !loop ? 0 : it.variant === "scaled" ? 2 : 1;
      const lowest = loop ? Math.min(coef * loop.min, coef * loop.max) : 0;
      const k = Math.max(Math.abs(Math.trunc(it.k)), -lowest);
      const place: Place = {
        base: { tag: "buffer", buffer: buf.id },
        index: affine(k, coef && loop ? [{ loopVar: loop.name, coef }] : []),
        path: leaf.path,
        scalar: leaf.scalar,
      };
      ctx.mem.note(place, ctx.env.loops, it.op);
      if (it.op === "load") return loadsThenHashes(ctx, [place]);
      return adjacentStores(ctx, [place], [it.value]);
    }
    case "arith": {
      const e = resolveInt(it.e, ctx.env);
      const name = ctx.names.next("x");
      ctx.env.bind({ name, cls: "int", bound: e.bound });
      return [{ tag: "local", names: [name], values: [e.e] }, hashInt(v(name))];
    }
    case "table": {
      const tables = ctx.helpers.filter((h) => h.tag === "table");
      const t = pickOf(tables, it.helper);
      if (t?.tag !== "table") return resolveItem(ctx, { tag: "arith", e: it.value });
      const keyOf = (e: Expr): Expr => bin("+", call("band", e, lit(2 * t.size - 1)), lit(1));
      const value = narrowed(resolveInt(it.value, ctx.env));
      const key = keyOf(resolveInt(it.key, ctx.env).e);
      const read = keyOf(resolveInt(it.read, ctx.env).e);
      const name = ctx.names.next("y");
      ctx.env.bind({ name, cls: "int", bound: 2 ** 34 });
      return [
        { tag: "assign", targets: [{ tag: "index", object: v(t.name), key }], values: [value.e] },
        { tag: "local", names: [name], values: [bin("or", { tag: "index", object: v(t.name), key: read }, lit(0))] },
        hashInt(v(name)),
      ];
    }
    case "call": {
      const fns = ctx.helpers.filter((h) => h.tag === "function");
      const f = pickOf(fns, it.helper);
      if (f?.tag !== "function") return resolveItem(ctx, { tag: "arith", e: it.args[0] ?? { tag: "var", pick: 0 } });
      const args = it.args.map((a) => narrowed(resolveInt(a, ctx.env)).e);
      const arg = (i: number): Expr => args[i] ?? lit(i + 1);
      let callArgs: Expr[];
      switch (f.shape) {
        case "pure":
          callArgs = Array.from({ length: f.arity }, (_, i) => arg(i));
          break;
        case "tailrec":
          callArgs = [call("band", arg(0), lit(7)), arg(1)];
          break;
        case "recursive":
          callArgs = [bin("+", call("band", arg(0), lit(7)), lit(1))];
          break;
        case "vararg":
          callArgs = args.slice(0, 5);
          break;
      }
      const name = ctx.names.next("y");
      ctx.env.bind({ name, cls: "int", bound: 2 ** 31 });
      return [{ tag: "local", names: [name], values: [call(f.name, ...callArgs)] }, hashInt(v(name))];
    }
    case "pressure": {
      const count = Math.max(2, Math.min(28, Math.trunc(it.count)));
      const t = scalar(it.scalar);
      const b = baseFor(ctx, it.anchor, t, "invariant");
      const out: Stmt[] = [];
      const names: string[] = [];
      for (let j = 0; j < count; j++) {
        if (j % 3 === 2) {
          const e = narrowed(resolveInt(it.e, ctx.env));
          const name = ctx.names.next("r");
          ctx.env.bind({ name, cls: "int", bound: e.bound });
          out.push({ tag: "local", names: [name], values: [bin("+", e.e, lit(j))] });
          names.push(name);
        } else {
          const l = loadStmt(ctx, placeAt(ctx, b, it.k + j, [], it.scalar));
          out.push(l.stmt);
          names.push(l.name);
        }
      }
      // Hashed at the very end of the loop body: all of them stay live until then.
      ctx.deferred.push(...names.map((n, j) => (j % 3 === 2 ? hashInt(v(n)) : hashStmt(n, it.scalar))));
      return out;
    }
    case "branch": {
      const cond = resolveCond(it.cond, ctx.env);
      // Deferred hashes stay inside the branch that declared their locals.
      const thenDeferred: Stmt[] = [];
      const elseDeferred: Stmt[] = [];
      const thenCtx = withEnv(ctx, ctx.env.child(), thenDeferred);
      const elseCtx = withEnv(ctx, ctx.env.child(), elseDeferred);
      const thenBody = ctx.depth > 3 ? [] : [...resolveItems(thenCtx, it.then), ...thenDeferred];
      const elseBody = ctx.depth > 3 ? [] : [...resolveItems(elseCtx, it.else), ...elseDeferred];
      if (thenBody.length === 0) thenBody.push(hashInt(lit(1)));
      return [{ tag: "if", cond, then: thenBody, else: elseBody.length > 0 ? elseBody : undefined }];
    }
    case "exit": {
      if (!ctx.env.inLoop) return [];
      return [{ tag: "if", cond: resolveCond(it.cond, ctx.env), then: [{ tag: "break" }] }];
    }
    case "tableSlot":
      return resolveTableSlot(ctx, it);
    case "upvalue":
      return resolveUpvalue(ctx, it);
    case "gc":
      return resolveGcStep(ctx, it);
    case "lib":
      return resolveLibrary(ctx, it);
    case "edge":
      return resolveEdge(ctx, it);
    case "near":
      return resolveNear(ctx, it);
    case "inner": {
      if (ctx.depth > 3) return [];
      const count = Math.max(1, Math.min(8, Math.trunc(it.count)));
      const start = Math.max(-8, Math.min(8, Math.trunc(it.start)));
      const name = ctx.names.next("j");
      const loop = { name, min: start, max: start + count - 1, step: 1 };
      const env = ctx.env.child(loop);
      env.bind({ name, cls: "int", bound: Math.max(Math.abs(loop.min), Math.abs(loop.max)) });
      const deferred: Stmt[] = [];
      const body = resolveItems(withEnv(ctx, env, deferred), it.items);
      return [{ tag: "for", var: name, start, stop: loop.max, step: 1, body: [...body, ...deferred] }];
    }
  }
}
