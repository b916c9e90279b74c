// What case index N of a campaign is, given the kept cases: pure and
// deterministic in (seed, index, the kept cases and the share). A draw from
// the pair picks a fresh case or a mutant (by the share); a mutant's parent
// is drawn by energy (energy.ts), and the case it may splice from, its
// donor, uniformly among the others.
import { pickWeighted } from "./energy.ts";

/** What to make of one case index. */
export type BreedChoice =
  | { readonly kind: "fresh" }
  | {
      readonly kind: "mutant";
      /** Indices into the kept cases. */
      readonly parent: number;
      readonly donor: number | null;
      /** The seed for the mutator. */
      readonly mutationSeed: number;
    };

const SALT_SOURCE = 0x5eed0001;
const SALT_PARENT = 0x5eed0002;
const SALT_DONOR = 0x5eed0003;
const SALT_MUTATION = 0x5eed0004;

/**
 * Case `index` of campaign `seed`: a mutant with probability `share` when
 * there are kept cases (their energies in `energies`), else fresh.
 */
export function breed(seed: number, index: number, share: number, energies: readonly number[]): BreedChoice {
  if (energies.length === 0 || unit(seed, index, SALT_SOURCE) >= share) return { kind: "fresh" };
  const parent = pickWeighted(energies, unit(seed, index, SALT_PARENT));
  let donor: number | null = null;
  if (energies.length > 1) {
    const d = Math.floor(unit(seed, index, SALT_DONOR) * (energies.length - 1));
    donor = d >= parent ? d + 1 : d;
  }
  return { kind: "mutant", parent, donor, mutationSeed: mix(seed, index, SALT_MUTATION) };
}

/** A number in [0, 1) from (seed, index, salt). */
export function unit(seed: number, index: number, salt: number): number {
  return mix(seed, index, salt) / 2 ** 32;
}

/** An unsigned 32-bit hash of three integers (murmur3's finalizer over each in turn). */
function mix(seed: number, index: number, salt: number): number {
  let h = salt >>> 0;
  for (const x of [seed, Math.floor(index / 2 ** 32), index >>> 0]) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}
