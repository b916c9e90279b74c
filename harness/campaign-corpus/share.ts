// How much of a campaign goes into mutants of kept cases: pure. Each source
// of cases (fresh from the generator, or mutants) is scored by what its
// cases found recently for the work they cost: new trace features and edges
// per unit of work, a case's run and each trace it compiled counting one
// unit each (the campaign's time goes mostly into compiling traces under
// qemu: `npm run bench` puts a generated case's ~7 traces at about 0.6 ms
// each, and the run of a case that compiles none at 0.5 ms). Mutants compile
// more traces than fresh cases (about twice as many, measured on
// luajit-2022), so scored per case they would look cheaper than they are.
// Older batches count for less (half as much every HALF_LIFE units of that
// source's work). The share of mutants follows the sources' scores and stays within
// [MIN_SHARE, MAX_SHARE], so neither source is ever starved of the cases
// that would show it doing better again. A fixed share (--mutation-share)
// never moves.

export type CaseSource = "fresh" | "mutant";

export const MIN_SHARE = 0.1;
export const MAX_SHARE = 0.9;
/** Units of one source's work after which what its earlier cases found counts half (about 400 cases). */
export const HALF_LIFE = 3000;
/**
 * What a source is credited with before it has run: one new feature in
 * PRIOR_WORK units of work (about 20 cases), so the first scores are not 0/0
 * and one lucky case does not swing the share to a bound.
 */
const PRIOR_WORK = 150;

export type SharePolicy = { readonly kind: "adaptive" } | { readonly kind: "fixed"; readonly share: number };

interface SourceScore {
  /** Decayed sums of the work done and of what it found. */
  readonly work: number;
  readonly found: number;
}

export class MutationShare {
  readonly #policy: SharePolicy;
  #fresh: SourceScore = { work: PRIOR_WORK, found: 1 };
  #mutant: SourceScore = { work: PRIOR_WORK, found: 1 };

  constructor(policy: SharePolicy) {
    if (policy.kind === "fixed" && !(policy.share >= 0 && policy.share <= 1))
      throw new RangeError(`a mutation share is between 0 and 1, not ${policy.share}`);
    this.#policy = policy;
  }

  /** The share of cases to make as mutants now (when there is a kept case to mutate). */
  get share(): number {
    if (this.#policy.kind === "fixed") return this.#policy.share;
    const fresh = this.#fresh.found / this.#fresh.work;
    const mutant = this.#mutant.found / this.#mutant.work;
    return Math.min(MAX_SHARE, Math.max(MIN_SHARE, mutant / (fresh + mutant)));
  }

  /** What `cases` cases of a source found between them (new features and edges), compiling `traces` traces. */
  record(source: CaseSource, cases: number, found: number, traces = 0): void {
    if (cases <= 0) return;
    const work = cases + traces;
    const decay = 0.5 ** (work / HALF_LIFE);
    const score = source === "fresh" ? this.#fresh : this.#mutant;
    const next = { work: score.work * decay + work, found: score.found * decay + found };
    if (source === "fresh") this.#fresh = next;
    else this.#mutant = next;
  }
}
