// The seeds a sweep tries after a program's own: derived from it, so the same
// program is swept at the same seeds everywhere (its failing seeds replay).
import { type PrngSeed, seedOf } from "../execution/index.ts";

/** `count` seeds derived from `base` (never `base` itself), the same ones every time; a longer sweep extends a shorter one. */
export function sweepSeeds(base: PrngSeed, count: number): PrngSeed[] {
  const seeds: PrngSeed[] = [];
  for (let i = 1; seeds.length < count; i++) {
    const seed = seedOf(`ljfuzz sweep ${base} ${i}`);
    if (seed !== base && !seeds.includes(seed)) seeds.push(seed);
  }
  return seeds;
}

/** The seeds `run --seeds N` runs a program at: its seed, then N - 1 derived ones. */
export function seedsFrom(base: PrngSeed, count: number): PrngSeed[] {
  return count <= 0 ? [] : [base, ...sweepSeeds(base, count - 1)];
}
