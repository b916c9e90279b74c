// How much of a campaign goes into mutants of kept cases: pure. Each source
// of cases (fresh from the generator, or mutants) is scored by what its
// cases found recently: new trace features and edges per case, with older
// batches counting for less (half as much every HALF_LIFE cases of that
// source). The share of mutants follows the sources' scores and stays within
// [MIN_SHARE, MAX_SHARE], so neither source is ever starved of the cases
// that would show it doing better again. A fixed share (--mutation-share)
// never moves.

export type CaseSource = "fresh" | "mutant";

export const MIN_SHARE = 0.1;
export const MAX_SHARE = 0.9;
/** Cases of one source after which what its earlier cases found counts half. */
export const HALF_LIFE = 400;
/**
 * What a source is credited with before it has run: one new feature in
 * PRIOR_CASES cases each, so the first scores are not 0/0 and one lucky
 * case does not swing the share to a bound.
 */
const PRIOR_CASES = 20;

export type SharePolicy = { readonly kind: "adaptive" } | { readonly kind: "fixed"; readonly share: number };

interface SourceScore {
  /** Decayed sums of cases run and of what they found. */
  readonly cases: number;
  readonly found: number;
}

export class MutationShare {
  readonly #policy: SharePolicy;
  #fresh: SourceScore = { cases: PRIOR_CASES, found: 1 };
  #mutant: SourceScore = { cases: PRIOR_CASES, found: 1 };

  constructor(policy: SharePolicy) {
    if (policy.kind === "fixed" && !(policy.share >= 0 && policy.share <= 1))
      throw new RangeError(`a mutation share is between 0 and 1, not ${policy.share}`);
    this.#policy = policy;
  }

  /** The share of cases to make as mutants now (when there is a kept case to mutate). */
  get share(): number {
    if (this.#policy.kind === "fixed") return this.#policy.share;
    const fresh = this.#fresh.found / this.#fresh.cases;
    const mutant = this.#mutant.found / this.#mutant.cases;
    return Math.min(MAX_SHARE, Math.max(MIN_SHARE, mutant / (fresh + mutant)));
  }

  /** What `cases` cases of a source found between them (new features and edges). */
  record(source: CaseSource, cases: number, found: number): void {
    if (cases <= 0) return;
    const decay = 0.5 ** (cases / HALF_LIFE);
    const score = source === "fresh" ? this.#fresh : this.#mutant;
    const next = { cases: score.cases * decay + cases, found: score.found * decay + found };
    if (source === "fresh") this.#fresh = next;
    else this.#mutant = next;
  }
}
