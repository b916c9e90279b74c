// Which kept case to mutate next: pure. AFL's and Fuzzilli's lesson: cases
// that reached what few others reach are where new ground is nearest, and
// mutants of cases that reached only what everything reaches mostly repeat
// them. So every trace feature is counted over every case screened, and so
// is every backend edge on each `+cov` target; a kept case's energy is
// 1 / the count of the rarest thing it reached, feature or edge; parents
// are drawn with probability in proportion to their energy.
import { MAP_ENTRIES } from "../../oracle/features/index.ts";

export class FeatureFrequency {
  readonly #counts = new Uint32Array(MAP_ENTRIES);

  /** One more case reached these features. */
  add(features: readonly number[]): void {
    for (const f of features) {
      const i = f & (MAP_ENTRIES - 1);
      if (this.#counts[i]! < 0xffffffff) this.#counts[i] = this.#counts[i]! + 1;
    }
  }

  /** How many cases reached `feature`. */
  count(feature: number): number {
    return this.#counts[feature & (MAP_ENTRIES - 1)]!;
  }

  /** A kept case's energy: 1 / the count of its rarest feature (1 for a case that reached none counted). */
  energy(features: readonly number[]): number {
    const rarest = this.rarest(features);
    return rarest === Infinity ? 1 : 1 / rarest;
  }

  /** The count of the rarest of `features` (at least 1; Infinity for none). */
  rarest(features: readonly number[]): number {
    let rarest = Infinity;
    for (const f of features) rarest = Math.min(rarest, Math.max(1, this.count(f)));
    return rarest;
  }
}

/** Counts of trace features, and of backend edges per `+cov` target (edge hashes differ between builds). */
export class ReachFrequency {
  readonly features = new FeatureFrequency();
  readonly #edges = new Map<string, FeatureFrequency>();

  /** One more case reached these edges on `target`. */
  addEdges(target: string, edges: readonly number[]): void {
    if (edges.length === 0) return;
    let counts = this.#edges.get(target);
    if (!counts) {
      counts = new FeatureFrequency();
      this.#edges.set(target, counts);
    }
    counts.add(edges);
  }

  /** A kept case's energy: 1 / the count of the rarest feature or edge it reached (1 for nothing counted). */
  energy(features: readonly number[], edges: Readonly<Record<string, readonly number[]>>): number {
    let rarest = this.features.rarest(features);
    for (const [target, reached] of Object.entries(edges))
      rarest = Math.min(rarest, this.#edges.get(target)?.rarest(reached) ?? Infinity);
    return rarest === Infinity ? 1 : 1 / rarest;
  }
}

/** The index drawn from `weights` (non-negative, not all 0) by `unit` in [0, 1). */
export function pickWeighted(weights: readonly number[], unit: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError("nothing to pick from");
  let x = unit * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
