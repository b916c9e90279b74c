// The decoding table: every form and group, indexed by the top 11 bits of
// the word so a lookup scans only the handful of entries that can match.
import type { Form, Group, GroupId, GroupTable, Hole } from "./form.ts";
import { branchTable } from "./groups/branch.ts";
import { dataImmediateTable } from "./groups/dp-imm.ts";
import { dataRegisterTable } from "./groups/dp-reg.ts";
import { floatingPointTable } from "./groups/fp.ts";
import { loadStoreTable } from "./groups/loadstore.ts";
import { reservedTable } from "./groups/reserved.ts";
import { simdTable } from "./groups/simd.ts";

/** A word of a modeled group that no form takes. */
export interface Unallocated {
  readonly kind: "unallocated";
  readonly group: GroupId;
}

/** A word outside every modeled group (or in a hole of one). */
export interface Unmodeled {
  readonly kind: "unmodeled";
}

export type Match = Form | Unallocated | Unmodeled;

export const UNMODELED: Unmodeled = { kind: "unmodeled" };

const TABLES: readonly GroupTable[] = [
  loadStoreTable,
  dataImmediateTable,
  dataRegisterTable,
  branchTable,
  floatingPointTable,
  simdTable,
  reservedTable,
];

export const ALL_GROUPS: readonly Group[] = TABLES.flatMap((t) => t.groups);
export const ALL_FORMS: readonly Form[] = TABLES.flatMap((t) => t.entries.filter((e): e is Form => e.kind === "form"));

interface Bucket {
  readonly entries: readonly (Form | Hole)[];
  readonly groups: readonly (Group & { readonly verdict: Unallocated })[];
}

const KEY_SHIFT = 21;
const KEYS = 1 << (32 - KEY_SHIFT);

function fitsKey(mask: number, value: number, key: number): boolean {
  const m = mask >>> KEY_SHIFT;
  return ((key & m) ^ ((value >>> KEY_SHIFT) & m)) === 0;
}

function buildBuckets(): Bucket[] {
  const entries = TABLES.flatMap((t) => t.entries);
  const groups = ALL_GROUPS.map((g) => ({ ...g, verdict: { kind: "unallocated", group: g.id } as Unallocated }));
  const buckets: Bucket[] = [];
  for (let key = 0; key < KEYS; key++) {
    buckets.push({
      entries: entries.filter((e) => fitsKey(e.mask, e.value, key)),
      groups: groups.filter((g) => fitsKey(g.mask, g.value, key)),
    });
  }
  return buckets;
}

const BUCKETS = buildBuckets();

/** The form, unallocated group or unmodeled verdict for a word. No strings built. */
export function lookup(word: number): Match {
  const bucket = BUCKETS[word >>> KEY_SHIFT];
  if (bucket === undefined) return UNMODELED;
  for (const e of bucket.entries) {
    if ((word & e.mask) >>> 0 !== e.value) continue;
    if (e.kind === "hole") return UNMODELED;
    if (e.when === undefined || e.when(word)) return e;
  }
  for (const g of bucket.groups) if ((word & g.mask) >>> 0 === g.value) return g.verdict;
  return UNMODELED;
}

/** Forms by mnemonic, for the encoder. */
export const FORMS_BY_MNEMONIC: ReadonlyMap<string, readonly Form[]> = (() => {
  const map = new Map<string, Form[]>();
  for (const f of ALL_FORMS) {
    const list = map.get(f.mnemonic) ?? [];
    list.push(f);
    map.set(f.mnemonic, list);
  }
  return map;
})();
