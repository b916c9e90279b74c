/**
 * LuaJIT's strict aliasing rule for FFI memory (lj_opt_mem.c, aa_xref):
 * "Different types do NOT alias, except for differences in signedness."
 * The JIT may forward, hoist or reorder a load past a store of another
 * type to the same bytes, so such a program has no single right answer.
 *
 * Generated programs therefore keep every byte that is stored to under one
 * alias class, in the whole program. Per top-level statement is not enough:
 * a side trace records on from a loop's exit through the statements after
 * it, unrolling the next loop up to `loopunroll` times, so one trace can
 * hold a store of one statement and a load of the next. Loads of different
 * types over bytes that are never stored are fine.
 */

import type { Place, Program } from "./ast.ts";
import { type Access, checkBounds } from "./bounds.ts";
import type { ScalarName } from "./ctype.ts";
import { mayOverlap } from "./footprint.ts";

/** IR types LuaJIT treats as possibly aliasing (bool kept apart, conservatively). */
export const ALIAS_CLASS: Readonly<Record<ScalarName, string>> = {
  int8_t: "8",
  uint8_t: "8",
  bool: "bool",
  int16_t: "16",
  uint16_t: "16",
  int32_t: "32",
  uint32_t: "32",
  int64_t: "64",
  uint64_t: "64",
  float: "float",
  double: "double",
  "void *": "ptr",
};

export type AliasConflict = { readonly store: Access; readonly other: Access };

const overlaps = (a: Access, b: Access): boolean => a.buffer === b.buffer && mayOverlap(a.footprint, b.footprint);

export function aliasConflicts(program: Program): AliasConflict[] {
  const { accesses } = checkBounds(program);
  const out: AliasConflict[] = [];
  for (const s of accesses) {
    if (s.kind !== "store") continue;
    const other = accesses.find(
      (x) => x !== s && overlaps(s, x) && ALIAS_CLASS[x.place.scalar] !== ALIAS_CLASS[s.place.scalar],
    );
    if (other) out.push({ store: s, other });
  }
  return out;
}

/** The stores (by place identity) that break the rule. */
export function conflictingStores(program: Program): Set<Place> {
  return new Set(aliasConflicts(program).map((c) => c.store.place));
}
