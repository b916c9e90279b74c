/**
 * A small seedable generator for `fc.Random` (pure-rand's v8 interface:
 * clone, next, getState), so that `generateCase(seed, index)` needs no
 * dependency beyond fast-check itself.
 */
/** Mixes two 32-bit integers into one well-spread 32-bit seed (murmur3's finalizer). */
export function mixSeed(seed: number, index: number): number {
  let h = Math.imul((seed | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index | 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** SplitMix32: one 32-bit state, full period, good enough for test generation. */
export class SplitMix32 {
  constructor(private state: number) {}

  clone(): SplitMix32 {
    return new SplitMix32(this.state);
  }

  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  }

  getState(): readonly number[] {
    return [this.state];
  }
}
