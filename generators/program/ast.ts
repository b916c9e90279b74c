/**
 * The program representation: a small Lua AST plus FFI memory places.
 *
 * It sits between the arbitraries (which build it) and the printer (which
 * lifts it to Lua source). Every memory access is a `Place` whose address
 * is an affine function of enclosing `for` variables, so the byte range it
 * touches can be computed statically (see `bounds.ts`).
 */
import type { CType, ScalarName, StructDef } from "./ctype.ts";
import type { PathStep } from "./layout.ts";

/** `constant + Σ coef·loopVar` — an index or offset inside nested `for` loops. */
export type Affine = { readonly constant: number; readonly terms: readonly AffineTerm[] };
export type AffineTerm = { readonly loopVar: string; readonly coef: number };

export const affine = (constant: number, terms: readonly AffineTerm[] = []): Affine => ({ constant, terms });

/**
 * Where a pointer variable points:
 * - `buffer`: the first byte of buffer `buf<id>` (`ffi.cast("uint8_t *", buf1)`);
 * - `ptr`: `from + delta`, in elements of `from`'s pointee (C pointer arithmetic),
 *   cast to the new pointee when it differs.
 */
export type PtrSource =
  | { readonly tag: "buffer"; readonly buffer: number }
  | { readonly tag: "ptr"; readonly from: string; readonly delta: Affine };

/**
 * The object an access indexes:
 * - `ptr`: a pointer variable (`p1[...]`);
 * - `cast`: an inline cast of pointer arithmetic (`ffi.cast("int32_t *", a1 + 3)[...]`);
 * - `buffer`: the allocated array itself (`buf2[...]`, index never negative).
 */
export type PlaceBase =
  | { readonly tag: "ptr"; readonly name: string }
  | { readonly tag: "cast"; readonly from: string; readonly delta: Affine; readonly pointee: CType }
  | { readonly tag: "buffer"; readonly buffer: number };

/** `base[index].path…`, a scalar of type `scalar`. */
export type Place = {
  readonly base: PlaceBase;
  readonly index: Affine;
  readonly path: readonly PathStep[];
  readonly scalar: ScalarName;
};

export type BinOp = "+" | "-" | "*" | "/" | "%" | "^" | "==" | "~=" | "<" | "<=" | ">" | ">=" | "and" | "or" | "..";
export type UnOp = "-" | "not" | "#";

export type Expr =
  | { readonly tag: "int"; readonly value: number; readonly hex?: boolean }
  | { readonly tag: "fp"; readonly value: number }
  | { readonly tag: "int64"; readonly value: bigint; readonly unsigned: boolean }
  | { readonly tag: "bool"; readonly value: boolean }
  | { readonly tag: "nil" }
  | { readonly tag: "str"; readonly value: string }
  | { readonly tag: "var"; readonly name: string }
  | { readonly tag: "vararg" }
  | { readonly tag: "binop"; readonly op: BinOp; readonly left: Expr; readonly right: Expr }
  | { readonly tag: "unop"; readonly op: UnOp; readonly operand: Expr }
  | { readonly tag: "call"; readonly callee: Expr; readonly args: readonly Expr[] }
  /** `object:name(args)`: the object is evaluated once and passed first. */
  | { readonly tag: "method"; readonly object: Expr; readonly name: string; readonly args: readonly Expr[] }
  /** Parentheses that change meaning: `(f())` and `(...)` keep only the first value. */
  | { readonly tag: "paren"; readonly expr: Expr }
  | { readonly tag: "index"; readonly object: Expr; readonly key: Expr }
  | { readonly tag: "field"; readonly object: Expr; readonly name: string }
  | { readonly tag: "load"; readonly place: Place }
  | { readonly tag: "table"; readonly items: readonly Expr[]; readonly fields: readonly TableField[] }
  | {
      readonly tag: "function";
      readonly params: readonly string[];
      readonly vararg: boolean;
      readonly body: readonly Stmt[];
    };

/** A keyed entry of a table constructor: `name = value` or `[key] = value`. */
export type TableField = { readonly name: string; readonly value: Expr } | { readonly key: Expr; readonly value: Expr };

/** Left-hand sides of plain Lua assignments (FFI stores are `store` statements). */
export type Target =
  | { readonly tag: "var"; readonly name: string }
  | { readonly tag: "index"; readonly object: Expr; readonly key: Expr }
  | { readonly tag: "field"; readonly object: Expr; readonly name: string };

export type Stmt =
  | { readonly tag: "local"; readonly names: readonly string[]; readonly values: readonly Expr[] }
  | { readonly tag: "assign"; readonly targets: readonly Target[]; readonly values: readonly Expr[] }
  | { readonly tag: "store"; readonly place: Place; readonly value: Expr }
  | { readonly tag: "ptr"; readonly name: string; readonly pointee: CType; readonly source: PtrSource }
  | { readonly tag: "call"; readonly call: Expr }
  | {
      readonly tag: "for";
      readonly var: string;
      readonly start: number;
      readonly stop: number;
      readonly step: number;
      readonly body: readonly Stmt[];
    }
  /** A numeric `for` whose bounds are expressions (lifted programs: the range is not known statically). */
  | {
      readonly tag: "forNum";
      readonly var: string;
      readonly start: Expr;
      readonly stop: Expr;
      readonly step?: Expr;
      readonly body: readonly Stmt[];
    }
  /** `for names in values do … end`. */
  | {
      readonly tag: "forIn";
      readonly names: readonly string[];
      readonly values: readonly Expr[];
      readonly body: readonly Stmt[];
    }
  | { readonly tag: "while"; readonly cond: Expr; readonly body: readonly Stmt[] }
  | { readonly tag: "repeat"; readonly body: readonly Stmt[]; readonly cond: Expr }
  | { readonly tag: "if"; readonly cond: Expr; readonly then: readonly Stmt[]; readonly else?: readonly Stmt[] }
  | { readonly tag: "break" }
  | { readonly tag: "return"; readonly values: readonly Expr[] }
  | {
      readonly tag: "function";
      readonly name: string;
      readonly params: readonly string[];
      readonly vararg: boolean;
      readonly body: readonly Stmt[];
    }
  | { readonly tag: "do"; readonly body: readonly Stmt[] }
  | { readonly tag: "goto"; readonly label: string }
  | { readonly tag: "label"; readonly name: string }
  | { readonly tag: "comment"; readonly text: string };

/** `buf<id> = ffi.new("$[?]", elem, count)`, filled with a NaN-free byte pattern seeded by `fill`. */
export type BufferDef = {
  readonly id: number;
  readonly elem: CType;
  readonly count: number;
  readonly fill: number;
};

/**
 * A whole test case. The printer adds the fixed parts around `body`:
 * the `-- ljfuzz: -O…` header, the prelude (ffi, bit, the digest helpers
 * `mix*`, struct types `S<n>` with pointer types `S<n>p`, buffers `buf<n>`
 * with their byte views `b<n>` (`uint8_t *`) and their fill, `local h = 0`)
 * and the final digest (`h` and a hash of every buffer byte).
 */
export type Program = {
  /** LuaJIT -O items for the JIT-on run, e.g. `["hotloop=1", "-fuse"]`. */
  readonly jitOptions: readonly string[];
  readonly structs: readonly StructDef[];
  readonly buffers: readonly BufferDef[];
  readonly body: readonly Stmt[];
  /**
   * A program lifted from Lua text (generators/lift/): printed as it is,
   * with no prelude and no digest, since it prints its own results.
   */
  readonly bare?: boolean;
};
