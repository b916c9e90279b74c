/**
 * C layout rules as LuaJIT applies them on arm64 (LP64, little endian):
 * a field is placed at the next multiple of its alignment, a struct is as
 * aligned as its most aligned field and its size is rounded up to that
 * alignment. `__attribute__((packed))` makes every field (and the struct)
 * 1-aligned, so fields are contiguous and the size is the plain sum.
 */
import { type CType, SCALARS, type ScalarName, type StructDef } from "./ctype.ts";

export type StructLayout = {
  readonly size: number;
  readonly align: number;
  readonly offsets: ReadonlyMap<string, number>;
};

export type Layouts = {
  readonly structs: ReadonlyMap<number, StructLayout>;
  readonly defs: ReadonlyMap<number, StructDef>;
};

const roundUp = (n: number, a: number): number => Math.ceil(n / a) * a;

export function computeLayouts(structs: readonly StructDef[]): Layouts {
  const layouts = new Map<number, StructLayout>();
  const defs = new Map<number, StructDef>();
  const partial: Layouts = { structs: layouts, defs };
  for (const def of structs) {
    defs.set(def.id, def);
    let offset = 0;
    let align = 1;
    const offsets = new Map<string, number>();
    for (const field of def.fields) {
      const fa = def.packed ? 1 : alignOf(partial, field.type);
      offset = roundUp(offset, fa);
      offsets.set(field.name, offset);
      offset += sizeOf(partial, field.type);
      align = Math.max(align, fa);
    }
    layouts.set(def.id, { size: roundUp(offset, align), align, offsets });
  }
  return partial;
}

function structLayout(layouts: Layouts, id: number): StructLayout {
  const l = layouts.structs.get(id);
  if (!l) throw new Error(`struct S${id} is used before it is declared`);
  return l;
}

export function sizeOf(layouts: Layouts, t: CType): number {
  switch (t.tag) {
    case "scalar":
      return SCALARS[t.name].size;
    case "array":
      return t.length * sizeOf(layouts, t.elem);
    case "struct":
      return structLayout(layouts, t.id).size;
  }
}

export function alignOf(layouts: Layouts, t: CType): number {
  switch (t.tag) {
    case "scalar":
      return SCALARS[t.name].align;
    case "array":
      return alignOf(layouts, t.elem);
    case "struct":
      return structLayout(layouts, t.id).align;
  }
}

export function structDef(layouts: Layouts, id: number): StructDef {
  const d = layouts.defs.get(id);
  if (!d) throw new Error(`unknown struct S${id}`);
  return d;
}

export function fieldOffset(layouts: Layouts, id: number, name: string): number {
  const off = structLayout(layouts, id).offsets.get(name);
  if (off === undefined) throw new Error(`S${id} has no field ${name}`);
  return off;
}

/** One step below an aggregate: a named field or a constant array index. */
export type PathStep =
  | { readonly tag: "field"; readonly name: string }
  | { readonly tag: "elem"; readonly index: number };

/** A scalar reachable inside a type, with its byte offset from the start. */
export type Leaf = {
  readonly path: readonly PathStep[];
  readonly offset: number;
  readonly scalar: ScalarName;
};

/** All scalar leaves in address order (arrays longer than `maxElems` are sampled at the ends). */
export function leaves(layouts: Layouts, t: CType, maxElems = 4): Leaf[] {
  const out: Leaf[] = [];
  const walk = (ty: CType, path: PathStep[], offset: number): void => {
    if (ty.tag === "scalar") {
      out.push({ path, offset, scalar: ty.name });
    } else if (ty.tag === "array") {
      const es = sizeOf(layouts, ty.elem);
      const idx = new Set<number>();
      for (let i = 0; i < Math.min(ty.length, maxElems); i++) idx.add(i);
      if (ty.length > maxElems) {
        idx.add(ty.length - 2);
        idx.add(ty.length - 1);
      }
      for (const i of [...idx].sort((a, b) => a - b)) {
        walk(ty.elem, [...path, { tag: "elem", index: i }], offset + i * es);
      }
    } else {
      const def = structDef(layouts, ty.id);
      for (const f of def.fields) {
        walk(f.type, [...path, { tag: "field", name: f.name }], offset + fieldOffset(layouts, ty.id, f.name));
      }
    }
  };
  walk(t, [], 0);
  return out;
}

/** Byte offset and type reached by following `path` from the start of `t`. */
export function followPath(layouts: Layouts, t: CType, path: readonly PathStep[]): { offset: number; type: CType } {
  let offset = 0;
  let ty = t;
  for (const step of path) {
    if (step.tag === "field") {
      if (ty.tag !== "struct") throw new Error(`field .${step.name} on a non-struct`);
      const def = structDef(layouts, ty.id);
      const f = def.fields.find((x) => x.name === step.name);
      if (!f) throw new Error(`S${ty.id} has no field ${step.name}`);
      offset += fieldOffset(layouts, ty.id, step.name);
      ty = f.type;
    } else {
      if (ty.tag !== "array") throw new Error(`[${step.index}] on a non-array`);
      if (step.index < 0 || step.index >= ty.length) throw new Error(`index ${step.index} outside [0, ${ty.length})`);
      offset += step.index * sizeOf(layouts, ty.elem);
      ty = ty.elem;
    }
  }
  return { offset, type: ty };
}
