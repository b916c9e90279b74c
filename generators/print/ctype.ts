/** C declarations for `ffi.typeof`: struct bodies with `$` for nested struct ctypes. */
import type { CType, StructDef } from "../program/ctype.ts";

/**
 * `int32_t a[2][3]` style declarator. Struct types print as `$`
 * (their ctype object is passed as a parameter, see `structParams`),
 * except at the top of a buffer allocation where the struct's local is used.
 */
export function ctypeDeclText(t: CType, name: string): string {
  let dims = "";
  let base = t;
  while (base.tag === "array") {
    dims += `[${base.length}]`;
    base = base.elem;
  }
  const head = base.tag === "scalar" ? base.name : name === "" ? `S${base.id}` : "$";
  const sep = head.endsWith("*") || name === "" ? "" : " ";
  return `${head}${sep}${name}${dims}`;
}

function structParams(def: StructDef): number[] {
  const ids: number[] = [];
  for (const f of def.fields) {
    let t = f.type;
    while (t.tag === "array") t = t.elem;
    if (t.tag === "struct") ids.push(t.id);
  }
  return ids;
}

export function structDeclLines(def: StructDef): string[] {
  const attr = def.packed ? " __attribute__((packed))" : "";
  const body = def.fields.map((f) => `${ctypeDeclText(f.type, f.name)};`).join(" ");
  const params = structParams(def)
    .map((id) => `, S${id}`)
    .join("");
  return [
    `local S${def.id} = ffi.typeof("struct${attr} { ${body} }"${params})`,
    `local S${def.id}p = ffi.typeof("$ *", S${def.id})`,
  ];
}
