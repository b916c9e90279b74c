/**
 * The plan: what the arbitraries generate and shrink.
 *
 * A plan is a loose description of a case in which every reference is a
 * plain number (`Pick`) taken modulo whatever exists when it is resolved,
 * and every offset is the one wanted, not one already made safe. The
 * resolver (`resolve/`) turns any plan into a valid `Program`: it places
 * pointers and sizes buffers around the accesses, masks stored values and
 * keeps arithmetic exact. So fast-check may shrink any part of a plan
 * freely and the result is still a valid program.
 */
import type { ScalarName } from "../program/ctype.ts";

/** An index resolved modulo the number of candidates (0 is the simplest). */
export type Pick = number;

export type FieldPlan =
  | { readonly tag: "scalar"; readonly scalar: ScalarName }
  | { readonly tag: "array"; readonly scalar: ScalarName; readonly length: number }
  | { readonly tag: "struct"; readonly struct: Pick; readonly length: number /* 0: not an array */ };

export type StructPlan = { readonly packed: boolean; readonly fields: readonly FieldPlan[] };

export type ElemPlan =
  | { readonly tag: "scalar"; readonly scalar: ScalarName }
  | { readonly tag: "struct"; readonly struct: Pick };

export type BufferPlan = { readonly elem: ElemPlan; readonly fill: number };

/** A byte position in a buffer that typed views share (`a<n> = b<m> + pos`). */
export type AnchorPlan = { readonly buffer: Pick; readonly position: number; readonly misalign: number };

/** How the address of an access varies with the innermost `for` variable `i`. */
export type Variant =
  | "invariant" // p[k]: base in a register, constant offset (PR #1028's shape)
  | "indexed" // p[i + k]
  | "derived" // local q = p + i; q[k]
  | "scaled"; // p[i * 2 + k]

export type Order = "up" | "down";

/** A memory view type: a scalar, or a leaf of a struct. */
export type ViewPlan =
  | { readonly tag: "scalar"; readonly scalar: ScalarName }
  | { readonly tag: "struct"; readonly struct: Pick; readonly leaf: Pick };

export type IntExprPlan =
  | { readonly tag: "lit"; readonly pick: Pick }
  | { readonly tag: "var"; readonly pick: Pick }
  | { readonly tag: "arith"; readonly op: "+" | "-"; readonly a: IntExprPlan; readonly b: IntExprPlan }
  | { readonly tag: "mulk"; readonly a: IntExprPlan; readonly k: number }
  | { readonly tag: "bit"; readonly op: "band" | "bor" | "bxor"; readonly a: IntExprPlan; readonly b: IntExprPlan }
  | {
      readonly tag: "shift";
      readonly op: "lshift" | "rshift" | "arshift" | "rol" | "ror";
      readonly a: IntExprPlan;
      readonly n: number;
    }
  | { readonly tag: "unary"; readonly op: "bnot" | "bswap" | "tobit" | "neg" | "abs"; readonly a: IntExprPlan }
  | { readonly tag: "div"; readonly op: "floor" | "mod"; readonly a: IntExprPlan; readonly k: number }
  | { readonly tag: "select"; readonly cond: CondPlan; readonly a: IntExprPlan; readonly b: IntExprPlan };

export type CondPlan =
  | { readonly tag: "loopEq"; readonly at: Pick } // i == some iteration
  | { readonly tag: "hashBits"; readonly bits: number; readonly value: number } // band(h, 2^bits-1) == value
  | { readonly tag: "cmp"; readonly op: "<" | "<=" | "==" | "~="; readonly a: IntExprPlan; readonly b: IntExprPlan };

/** What a store writes; the resolver makes it clean for the destination type. */
export type ValuePlan =
  | { readonly tag: "expr"; readonly e: IntExprPlan; readonly signed: boolean; readonly alt: Pick }
  | { readonly tag: "copy"; readonly pick: Pick } // a value loaded from the same type
  | { readonly tag: "const"; readonly pick: Pick };

export type MemOp = "load" | "store" | "copy";

/**
 * The kinds of value a plain Lua table slot or an upvalue holds. Each slot
 * holds one kind only, so a read knows how to hash what it finds; all but
 * numbers and booleans are GC objects, whose stores need a write barrier.
 */
export type LuaKind = "number" | "string" | "boolean" | "table" | "cdata";

/** Where in a plain Lua table: the array part, the hash part (integer keys far past the array), or a constant string key. */
export type TablePart = "array" | "hash" | "field";

/** The A64 load/store immediate forms: LDUR/STUR (simm9), LDR/STR (uimm12 × size), LDP/STP (simm7 × size). */
export type EncodingForm = "unscaled" | "scaled" | "pair";

/**
 * Where an offset sits against an end of a form's range: one step inside
 * it, on it, or one step past it (a step is the form's scale).
 */
export type EdgeStep = "inside" | "at" | "past";

/**
 * How the second access of a `near` item relates to the first (at byte
 * offset K, size S): `adjacent` at K + S (what LDP/STP fusion wants), and
 * look-alikes that must not fuse: `gapPlus` at K + S + 1, `gapMinus` at
 * K + S - 1 (overlapping), `otherSize` a scalar of another size at K + S,
 * `same` at K again, `otherBase` at K + S through another pointer to the
 * same bytes.
 */
export type NearRelation = "adjacent" | "gapPlus" | "gapMinus" | "otherSize" | "same" | "otherBase";

/**
 * Library calls and operators on int32 operands that compile to IR the FFI
 * accesses never make (resolve/library.ts says what each one is).
 */
export type LibOp =
  // strings
  | "tostring"
  | "concat"
  | "sub"
  | "byte"
  | "char"
  | "rep"
  | "format"
  | "find"
  | "upper"
  | "compare"
  | "tonumber"
  | "length"
  // math
  | "ceil"
  | "sqrt"
  | "minmax"
  | "fminmax"
  | "fmod"
  | "pow"
  | "libm"
  // 64-bit integers and conversions (FFI)
  | "i64mul"
  | "i64div"
  | "u64div"
  | "i64shift"
  | "i64pow"
  | "i64tonum"
  | "float"
  | "toint"
  // allocations and table built-ins
  | "cnew"
  | "tnew"
  | "insert"
  | "tconcat"
  | "unpack"
  | "hkey"
  | "setmeta"
  | "pairs"
  | "fcmp";

/** The items a loop body is made of. */
export type ItemPlan =
  /** Two accesses at element k and k+1 of a scalar view: the LDP/STP candidates. */
  | {
      readonly tag: "pair";
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly k: number;
      readonly variant: Variant;
      readonly order: Order;
      readonly op: MemOp;
      readonly dest: number;
      readonly values: readonly [ValuePlan, ValuePlan];
      readonly mixedSign: boolean;
    }
  /** Two adjacent leaves of a struct (or the nearest pair the struct has). */
  | {
      readonly tag: "structPair";
      readonly anchor: Pick;
      readonly struct: Pick;
      readonly leaf: Pick;
      readonly k: number;
      readonly variant: Variant;
      readonly order: Order;
      readonly op: MemOp;
      readonly values: readonly [ValuePlan, ValuePlan];
    }
  /** `ffi.cast(T*, a + K)[0]` and `a + K + size`: byte offsets, aligned or not. */
  | {
      readonly tag: "castPair";
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly byteOffset: number;
      readonly loopBase: boolean;
      readonly order: Order;
      readonly op: MemOp;
      readonly values: readonly [ValuePlan, ValuePlan];
    }
  /** One access anywhere (offset classes from small to far beyond the immediate ranges). */
  | {
      readonly tag: "single";
      readonly anchor: Pick;
      readonly view: ViewPlan;
      readonly k: number;
      readonly variant: Variant;
      readonly op: "load" | "store";
      readonly value: ValuePlan;
    }
  /**
   * Loads around a store that overlap it partly or fully (byte `shift` apart),
   * through the same type or its signedness twin: store-to-load forwarding.
   * (Other types may not alias under LuaJIT's strict aliasing rule.)
   */
  | {
      readonly tag: "alias";
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly twin: boolean;
      readonly k: number;
      readonly shift: number;
      readonly variant: Variant;
      readonly value: ValuePlan;
    }
  /** Accesses straight on the allocated array (`buf1[i].a`). */
  | {
      readonly tag: "direct";
      readonly buffer: Pick;
      readonly leaf: Pick;
      readonly k: number;
      readonly variant: Variant;
      readonly op: "load" | "store";
      readonly value: ValuePlan;
    }
  | { readonly tag: "arith"; readonly e: IntExprPlan }
  | {
      readonly tag: "table";
      readonly helper: Pick;
      readonly key: IntExprPlan;
      readonly value: IntExprPlan;
      readonly read: IntExprPlan;
    }
  | { readonly tag: "call"; readonly helper: Pick; readonly args: readonly IntExprPlan[] }
  /** Many live locals across the rest of the body: register pressure and spills. */
  | {
      readonly tag: "pressure";
      readonly count: number;
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly k: number;
      readonly e: IntExprPlan;
    }
  | {
      readonly tag: "branch";
      readonly cond: CondPlan;
      readonly then: readonly ItemPlan[];
      readonly else: readonly ItemPlan[];
    }
  | { readonly tag: "exit"; readonly cond: CondPlan }
  /**
   * A store into a plain Lua table and a read of a slot of the same kind:
   * `slot` picks the slot, `key` varies it at run time (array and hash
   * parts), `erase` stores nil instead.
   */
  | {
      readonly tag: "tableSlot";
      readonly table: Pick;
      readonly part: TablePart;
      readonly kind: LuaKind;
      readonly slot: number;
      readonly key: IntExprPlan;
      readonly value: IntExprPlan;
      readonly read: IntExprPlan;
      readonly erase: boolean;
    }
  /** A store into a closed upvalue (a setter closure), then a read of it. */
  | { readonly tag: "upvalue"; readonly cell: Pick; readonly kind: LuaKind; readonly value: IntExprPlan }
  /** An incremental GC step every 2^every iterations (`collectgarbage("step", size)`), so barriers fire. */
  | { readonly tag: "gc"; readonly every: number; readonly size: number }
  /**
   * Accesses at an end of an A64 immediate form's range, for the access
   * size of `scalar`: one, or two neighbours (`pair` always has two),
   * `misalign` bytes off the form's scale.
   */
  | {
      readonly tag: "edge";
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly form: EncodingForm;
      readonly high: boolean;
      readonly step: EdgeStep;
      readonly misalign: number;
      readonly neighbour: boolean;
      readonly loopBase: boolean;
      readonly order: Order;
      readonly op: MemOp;
      readonly values: readonly [ValuePlan, ValuePlan];
    }
  /** Two accesses at byte offsets that differ by exactly the access size, or that only look as if they did. */
  | {
      readonly tag: "near";
      readonly anchor: Pick;
      readonly scalar: ScalarName;
      readonly byteOffset: number;
      readonly relation: NearRelation;
      readonly loopBase: boolean;
      readonly order: Order;
      readonly op: MemOp;
      readonly values: readonly [ValuePlan, ValuePlan];
    }
  /** `local y = <op>(a, b, k)`, hashed by what it gives. */
  | { readonly tag: "lib"; readonly op: LibOp; readonly a: IntExprPlan; readonly b: IntExprPlan; readonly k: number }
  | { readonly tag: "inner"; readonly count: number; readonly start: number; readonly items: readonly ItemPlan[] };

export type LoopPlan = {
  readonly form: "for" | "forDown" | "while" | "repeat";
  readonly start: number;
  readonly count: number;
  readonly step: 1 | 2;
};

/** How a block's loop is placed: at top level, or in a function called twice. */
export type WrapPlan = "none" | "closure" | "params";

export type BlockPlan = { readonly loop: LoopPlan; readonly wrap: WrapPlan; readonly items: readonly ItemPlan[] };

export type HelperPlan =
  | { readonly tag: "pure"; readonly arity: number; readonly e: IntExprPlan }
  | { readonly tag: "tailrec"; readonly e: IntExprPlan }
  | { readonly tag: "vararg"; readonly e: IntExprPlan }
  | { readonly tag: "recursive" }
  | { readonly tag: "table"; readonly meta: "none" | "indexFn" | "indexTable"; readonly size: number };

export type CasePlan = {
  readonly jitOptions: readonly string[];
  readonly structs: readonly StructPlan[];
  readonly buffers: readonly BufferPlan[];
  readonly anchors: readonly AnchorPlan[];
  readonly helpers: readonly HelperPlan[];
  readonly blocks: readonly BlockPlan[];
};
