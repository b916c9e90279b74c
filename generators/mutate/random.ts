/** The random source of mutators: fast-check's `Random`, so fresh sub-plans come from the generator's own arbitraries. */
import fc from "fast-check";
import { mixSeed, SplitMix32 } from "../random.ts";

export type Rng = fc.Random;

/** The source for mutation `seed` (salted: a mutant's draws never repeat the case `generateCase(seed, …)`). */
export const rngFor = (seed: number, salt: number): Rng => new fc.Random(new SplitMix32(mixSeed(seed, salt)));

/** An integer in [0, n). */
export const below = (rng: Rng, n: number): number => rng.nextInt(0, Math.max(0, n - 1));

export const chance = (rng: Rng, inN: number): boolean => below(rng, inN) === 0;

export function choose<T>(rng: Rng, xs: readonly T[]): T {
  if (xs.length === 0) throw new Error("choose from nothing");
  return xs[below(rng, xs.length)]!;
}

/** One of `xs`, or undefined when there is none (a plan earlier mutations emptied), drawing nothing then. */
export const chooseIfAny = <T>(rng: Rng, xs: readonly T[]): T | undefined =>
  xs.length === 0 ? undefined : choose(rng, xs);

/** A value of `arb`, as the generator would draw it (with its bias toward small and edge values). */
export const draw = <T>(rng: Rng, arb: fc.Arbitrary<T>): T => arb.generate(rng, 4).value;

/** Picks by weight; `weights` holds one non-negative weight per entry, not all zero. */
export function weighted<T>(rng: Rng, entries: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.nextDouble() * total;
  for (let i = 0; i < entries.length; i++) {
    x -= weights[i]!;
    if (x < 0) return entries[i]!;
  }
  return entries[entries.length - 1]!;
}

/** FNV-1a over a string: folds a parent plan into the mutation seed, so that one seed does not pick the same mutator for every parent. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
