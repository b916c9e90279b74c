// A set of indices in a fixed map of 64 Ki entries: what a campaign keeps of
// everything its cases reached (trace features, or a +cov build's edges),
// and how it tells that a case reached something nothing before it did.
// Fixed size whatever the campaign's length: a Uint8Array of 65536.

export const MAP_ENTRIES = 65536;

export class CoverageSet {
  private readonly seen = new Uint8Array(MAP_ENTRIES);
  private count = 0;

  /** Adds indices (0 to 65535); returns how many were new. */
  addIndices(indices: Iterable<number>): number {
    let added = 0;
    for (const i of indices) added += this.mark(i & (MAP_ENTRIES - 1));
    return added;
  }

  /** Adds the nonzero entries of a map of counts (a +cov edge map); returns how many were new. */
  addCounts(map: Uint8Array): number {
    let added = 0;
    for (let i = 0; i < map.length && i < MAP_ENTRIES; i++) if (map[i] !== 0) added += this.mark(i);
    return added;
  }

  has(index: number): boolean {
    return this.seen[index & (MAP_ENTRIES - 1)] === 1;
  }

  /** Distinct entries so far. */
  get size(): number {
    return this.count;
  }

  private mark(i: number): number {
    if (this.seen[i] === 1) return 0;
    this.seen[i] = 1;
    this.count++;
    return 1;
  }
}
