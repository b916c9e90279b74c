// What a campaign counts as it goes: cases, what screening read, suspects and
// what became of them. The counts are reported after every batch; the first
// unconfirmed suspects and invalid programs are kept for anyone who wants to look.
import { formatSignature, type Signature } from "../signature/index.ts";
import type { CoverageSummary } from "./coverage.ts";
import type { UnconfirmedEvidence, UnconfirmedSuspect } from "./unconfirmed.ts";

export interface CampaignProgress {
  cases: number;
  seconds: number;
  traces: number;
  pairs: number;
  /** Machine-code words the oracle checked, and those outside its model (should stay 0). */
  words: number;
  unmodeled: number;
  findings: number;
  suspects: number;
  /** Suspects from a batch that ran clean alone at every seed: state leaking between cases, or an address not reached. */
  unconfirmed: number;
  /**
   * Wrong results of programs that break the rules of a valid program
   * (sanitizer/): a bug of the generator's, not LuaJIT's. Should stay 0.
   */
  invalid: number;
  /** Distinct trace features the cases reached (coverage.ts). */
  features: number;
  /** Distinct backend edges, summed over the `+cov` targets; null without one. */
  edges: number | null;
}

export interface InvalidProgram {
  readonly target: string;
  readonly caseIndex: number;
  readonly rule: string;
}

/** What screening a batch read: traces compiled, pairs fused, words checked. */
export type ScreenTally = Pick<CampaignProgress, "traces" | "pairs" | "words" | "unmodeled">;

/** The most unconfirmed suspects and invalid programs kept by name. */
const KEPT = 100;

/** Before the first batch. */
export function noProgress(): CampaignProgress {
  return {
    cases: 0,
    seconds: 0,
    traces: 0,
    pairs: 0,
    words: 0,
    unmodeled: 0,
    findings: 0,
    suspects: 0,
    unconfirmed: 0,
    invalid: 0,
    features: 0,
    edges: null,
  };
}

export class Tally {
  readonly #progress = noProgress();
  readonly unconfirmed: UnconfirmedSuspect[] = [];
  readonly invalid: InvalidProgram[] = [];

  get cases(): number {
    return this.#progress.cases;
  }

  screened(tally: ScreenTally): void {
    this.#progress.traces += tally.traces;
    this.#progress.pairs += tally.pairs;
    this.#progress.words += tally.words;
    this.#progress.unmodeled += tally.unmodeled;
  }

  batchDone(cases: number): void {
    this.#progress.cases += cases;
  }

  suspect(): void {
    this.#progress.suspects++;
  }

  /** A suspect that ran clean alone, with what its batch and its runs alone gave. */
  ranClean(target: string, caseIndex: number, provisional: Signature, evidence?: UnconfirmedEvidence): void {
    this.#progress.unconfirmed++;
    if (this.unconfirmed.length < KEPT)
      this.unconfirmed.push({ target, caseIndex, signature: formatSignature(provisional), ...evidence });
  }

  brokeRule(target: string, caseIndex: number, rule: string): void {
    this.#progress.invalid++;
    if (this.invalid.length < KEPT) this.invalid.push({ target, caseIndex, rule });
  }

  /** The counts as of now (a copy), with what the cases reached. */
  snapshot(seconds: number, findings: number, reached: CoverageSummary): CampaignProgress {
    const edges = reached.edges ? Object.values(reached.edges).reduce((a, b) => a + b, 0) : null;
    return { ...this.#progress, seconds, findings, features: reached.features, edges };
  }
}
