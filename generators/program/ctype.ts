/**
 * C types of the FFI memory a program touches.
 *
 * A `CType` is a tree: scalars at the leaves, arrays and structs above them.
 * Structs are referenced by id so that nested structs print as the ctype
 * object of an earlier declaration (`ffi.typeof("struct { $ a; }", S1)`).
 */

/** Scalar C types, spelled as they are in a C declaration. */
export type ScalarName =
  | "int8_t"
  | "uint8_t"
  | "int16_t"
  | "uint16_t"
  | "int32_t"
  | "uint32_t"
  | "int64_t"
  | "uint64_t"
  | "float"
  | "double"
  | "bool"
  | "void *";

/** How a loaded scalar is represented on the Lua side. */
export type ScalarClass = "int" | "int64" | "fp" | "bool" | "ptr";

export type ScalarInfo = {
  readonly size: 1 | 2 | 4 | 8;
  readonly align: 1 | 2 | 4 | 8;
  readonly cls: ScalarClass;
  readonly signed: boolean;
};

export const SCALARS: Readonly<Record<ScalarName, ScalarInfo>> = {
  int8_t: { size: 1, align: 1, cls: "int", signed: true },
  uint8_t: { size: 1, align: 1, cls: "int", signed: false },
  int16_t: { size: 2, align: 2, cls: "int", signed: true },
  uint16_t: { size: 2, align: 2, cls: "int", signed: false },
  int32_t: { size: 4, align: 4, cls: "int", signed: true },
  uint32_t: { size: 4, align: 4, cls: "int", signed: false },
  int64_t: { size: 8, align: 8, cls: "int64", signed: true },
  uint64_t: { size: 8, align: 8, cls: "int64", signed: false },
  float: { size: 4, align: 4, cls: "fp", signed: true },
  double: { size: 8, align: 8, cls: "fp", signed: true },
  bool: { size: 1, align: 1, cls: "bool", signed: false },
  "void *": { size: 8, align: 8, cls: "ptr", signed: false },
};

export const SCALAR_NAMES = Object.keys(SCALARS) as ScalarName[];

const SIGN_TWINS: Partial<Record<ScalarName, ScalarName>> = {
  int32_t: "uint32_t",
  uint32_t: "int32_t",
  int64_t: "uint64_t",
  uint64_t: "int64_t",
};

/** The 32/64-bit integer of the other signedness (LuaJIT lets the two alias), or the type itself. */
export const signTwin = (s: ScalarName): ScalarName => SIGN_TWINS[s] ?? s;

export type ScalarType = { readonly tag: "scalar"; readonly name: ScalarName };
export type ArrayType = { readonly tag: "array"; readonly elem: CType; readonly length: number };
export type StructRef = { readonly tag: "struct"; readonly id: number };
export type CType = ScalarType | ArrayType | StructRef;

export type FieldDef = { readonly name: string; readonly type: CType };

/** `S<id>`: an anonymous struct created with `ffi.typeof`, never `ffi.cdef`. */
export type StructDef = {
  readonly id: number;
  readonly packed: boolean;
  readonly fields: readonly FieldDef[];
};

export const scalar = (name: ScalarName): ScalarType => ({ tag: "scalar", name });
export const structRef = (id: number): StructRef => ({ tag: "struct", id });
export const arrayOf = (elem: CType, length: number): ArrayType => ({ tag: "array", elem, length });

export const sameCType = (a: CType, b: CType): boolean => {
  if (a.tag === "scalar") return b.tag === "scalar" && a.name === b.name;
  if (a.tag === "struct") return b.tag === "struct" && a.id === b.id;
  return b.tag === "array" && a.length === b.length && sameCType(a.elem, b.elem);
};
