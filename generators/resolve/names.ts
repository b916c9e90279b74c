/** Stable, readable names: `p1`, `p2`, `v1`… numbered per prefix in order of creation. */
export class Names {
  private readonly counts = new Map<string, number>();

  snapshot(): () => void {
    const saved = new Map(this.counts);
    return () => {
      this.counts.clear();
      for (const [k, v] of saved) this.counts.set(k, v);
    };
  }

  next(prefix: string): string {
    const n = (this.counts.get(prefix) ?? 0) + 1;
    this.counts.set(prefix, n);
    return `${prefix}${n}`;
  }
}
