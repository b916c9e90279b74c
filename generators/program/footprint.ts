/** The exact set of bytes an access touches over all iterations of its loops. */
import { affineRange, affineValues, type VarRange } from "./affine.ts";
import type { Affine } from "./ast.ts";

/** An access as a set of byte intervals: `[x, x + size)` for every start address x. */
export type Footprint = {
  readonly starts: readonly number[] | undefined;
  readonly min: number;
  readonly end: number;
  readonly size: number;
};

export function footprint(addr: Affine, size: number, ranges: (name: string) => VarRange | undefined): Footprint {
  const r = affineRange(addr, ranges);
  return { starts: affineValues(addr, ranges), min: r.min, end: r.max + size, size };
}

/**
 * Whether two accesses can touch a common byte, at any iterations of
 * their loops (a store and a load in different iterations alias too).
 * Exact when both address sets are small enough to enumerate.
 */
export function mayOverlap(a: Footprint, b: Footprint): boolean {
  if (a.min >= b.end || b.min >= a.end) return false;
  if (!a.starts || !b.starts) return true;
  const ys = b.starts;
  for (const x of a.starts) {
    // Some y with x - b.size < y < x + a.size?
    let lo = 0;
    let hi = ys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ys[mid]! <= x - b.size) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ys.length && ys[lo]! < x + a.size) return true;
  }
  return false;
}
