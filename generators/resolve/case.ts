/** A whole plan to a `Program`. */

import type { CasePlan, ElemPlan, StructPlan } from "../arbitraries/plan.ts";
import { conflictingStores } from "../program/aliasing.ts";
import type { Program, Stmt } from "../program/ast.ts";
import { arrayOf, type CType, type FieldDef, type StructDef, scalar, structRef } from "../program/ctype.ts";
import { computeLayouts } from "../program/layout.ts";
import { removeStores } from "../program/rewrite.ts";
import { resolveBlock } from "./blocks.ts";
import type { Ctx, Helper } from "./context.ts";
import { Env } from "./env.ts";
import { resolveHelper } from "./helpers.ts";
import { LuaObjects } from "./lua-objects.ts";
import { type BufferSpec, Memory } from "./memory.ts";
import { Names } from "./names.ts";

const FIELD_NAMES = "abcdefghijklmnopqrstuvwxyz";

function resolveStructs(plans: readonly StructPlan[]): StructDef[] {
  const defs: StructDef[] = [];
  plans.forEach((p, i) => {
    const id = i + 1;
    const fields: FieldDef[] = [];
    p.fields.forEach((f, j) => {
      let type: CType;
      if (f.tag === "scalar") type = scalar(f.scalar);
      else if (f.tag === "array") type = arrayOf(scalar(f.scalar), Math.max(1, Math.min(9, Math.trunc(f.length))));
      else {
        // Only earlier structs can be nested; the first struct gets a scalar instead.
        const inner = defs.length > 0 ? defs[Math.abs(Math.trunc(f.struct)) % defs.length]! : undefined;
        type = inner
          ? f.length > 0
            ? arrayOf(structRef(inner.id), Math.min(4, Math.trunc(f.length)))
            : structRef(inner.id)
          : scalar("int32_t");
      }
      fields.push({ name: FIELD_NAMES[j % 26]! + (j >= 26 ? String(j) : ""), type });
    });
    if (fields.length === 0) fields.push({ name: "a", type: scalar("int32_t") });
    defs.push({ id, packed: p.packed, fields });
  });
  return defs;
}

function elemType(p: ElemPlan, structs: readonly StructDef[]): CType {
  if (p.tag === "scalar") return scalar(p.scalar);
  const def = structs[Math.abs(Math.trunc(p.struct)) % Math.max(1, structs.length)];
  return def ? structRef(def.id) : scalar("uint8_t");
}

/** The program as planned, before stores that break strict aliasing are dropped. */
export function resolveRaw(plan: CasePlan): Program {
  const names = new Names();
  const structs = resolveStructs(plan.structs);
  const layouts = computeLayouts(structs);
  const bufferPlans =
    plan.buffers.length > 0 ? plan.buffers : [{ elem: { tag: "scalar", scalar: "uint8_t" }, fill: 0 } as const];
  const buffers: BufferSpec[] = bufferPlans.map((b, i) => ({
    id: i + 1,
    elem: elemType(b.elem, structs),
    fill: Math.abs(Math.trunc(b.fill)) % 254,
  }));
  const anchorPlans = plan.anchors.length > 0 ? plan.anchors : [{ buffer: 0, position: 64, misalign: 0 }];
  const mem = new Memory(
    layouts,
    buffers,
    anchorPlans.map((a) => ({
      buffer: buffers[Math.abs(Math.trunc(a.buffer)) % buffers.length]!.id,
      position: Math.max(0, Math.min(4096, Math.trunc(a.position))),
      misalign: Math.abs(Math.trunc(a.misalign)) % 16,
    })),
    names,
  );

  const helperStmts: Stmt[] = [];
  const helpers: Helper[] = [];
  for (const hp of plan.helpers) {
    const r = resolveHelper(hp, names);
    helpers.push(r.helper);
    helperStmts.push(...r.stmts);
  }

  const env = new Env(undefined, [], false);
  env.bind({ name: "h", cls: "int", bound: 2 ** 31 });
  const lua = new LuaObjects();
  const ctx: Ctx = { mem, names, layouts, structs, buffers, helpers, lua, env, deferred: [], depth: 0, lane: false };
  const blocks = plan.blocks.flatMap((b) => resolveBlock(ctx, b));
  const { decls, counts } = mem.finish(16);

  return {
    jitOptions: plan.jitOptions,
    structs,
    buffers: buffers.map((b) => ({ id: b.id, elem: b.elem, count: counts.get(b.id) ?? 1, fill: b.fill })),
    body: [...decls, ...lua.decls(), ...helperStmts, ...blocks],
  };
}

export function resolveCase(plan: CasePlan): Program {
  const program = resolveRaw(plan);
  // Stores that would make the result depend on LuaJIT's strict aliasing go.
  const drop = conflictingStores(program);
  return drop.size === 0 ? program : { ...program, body: removeStores(program.body, drop) };
}
