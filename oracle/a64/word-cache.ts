// A direct-mapped cache of what is computed from a 32-bit word: screening
// reads every word of every trace, and the same words recur in trace after
// trace (prologues, guards, exits, the same loads and stores). Keyed in a
// typed array: most words have bit 31 set, so as Map keys they were heap
// numbers, and the lookups a fifth of the oracle's time. A slot holds the
// last word that mapped to it.
export class WordCache<T> {
  private readonly words: Uint32Array;
  /** 1 where a slot holds a value (a value may itself be undefined). */
  private readonly filled: Uint8Array;
  private readonly values: Array<T | undefined>;
  private readonly mask: number;

  constructor(
    private readonly bits: number,
    private readonly compute: (word: number) => T,
  ) {
    this.words = new Uint32Array(1 << bits);
    this.filled = new Uint8Array(1 << bits);
    this.values = new Array<T | undefined>(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  /** compute(word), from the cache when the word's slot holds it. */
  get(word: number): T {
    const w = word >>> 0;
    const slot = (w ^ (w >>> this.bits) ^ (w >>> 7)) & this.mask;
    if (this.filled[slot] === 1 && this.words[slot] === w) return this.values[slot] as T;
    const value = this.compute(w);
    this.words[slot] = w;
    this.filled[slot] = 1;
    this.values[slot] = value;
    return value;
  }
}
