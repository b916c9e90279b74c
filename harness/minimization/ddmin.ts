// The search: passes of candidate variants over the current best source,
// repeated in rounds until a round changes nothing (a fixpoint) or the caller
// says stop. It knows nothing of Lua or of processes: it is given the passes
// and an async test ("is this variant still interesting?").
//
// Variants are tested a window at a time, in parallel, but the one accepted
// is always the first interesting one in variant order, never whichever
// finished first: with a deterministic test, the same input gives the same
// output whatever the window size or the timing. After an acceptance the
// pass resumes at the accepted variant's site in the new source, so a pass
// costs one sweep plus its successes (C-Reduce's way), not a restart each.
import { isSmaller } from "./size.ts";

export interface Variant {
  /**
   * The site the variant changes, nondecreasing along a pass's variants.
   * Variants of one site are alternatives (ways to simplify one node).
   */
  readonly site: number;
  /** Builds the variant's text, or null when it is not a valid program. Called only when its turn comes. */
  build(): string | null;
}

export interface Pass {
  readonly name: string;
  variants(source: string): readonly Variant[];
}

/** Whether a variant still shows what the original showed. `signal` aborts tests whose answer is no longer needed. */
export type InterestingTest = (source: string, signal: AbortSignal) => Promise<boolean>;

export interface SearchState {
  /** Tests started (cache hits excluded). */
  readonly tests: number;
  readonly rounds: number;
  readonly pass: string;
  readonly best: string;
}

export interface SearchOptions {
  /** The passes of one round, planned from the source the round starts with. */
  readonly plan: (source: string) => readonly Pass[];
  /**
   * Finer passes, tier by tier: a tier is added after the passes already in
   * play to every round once a round of those changed nothing (C-Reduce's
   * text passes after its tree passes); the fixpoint is a round of all of
   * them that changes nothing.
   */
  readonly finer?: ReadonlyArray<(source: string) => readonly Pass[]>;
  readonly test: InterestingTest;
  /** Variants tested at once. */
  readonly window: number;
  /** Asked before each test; true ends the search with the best so far. */
  readonly shouldStop?: () => boolean;
  /** A smaller interesting source was found (called before the search goes on). */
  readonly onImprove?: (state: SearchState) => void;
  /** A test finished. */
  readonly onTest?: (state: SearchState) => void;
}

export interface SearchResult {
  readonly best: string;
  readonly tests: number;
  readonly rounds: number;
  /** True when a whole round changed nothing; false when stopped first. */
  readonly fixpoint: boolean;
}

interface InFlight {
  readonly index: number;
  readonly source: string;
  readonly result: Promise<boolean>;
  settled: boolean;
}

export async function search(original: string, options: SearchOptions): Promise<SearchResult> {
  // Answers by text: a variant met again (in a later round, from another pass) is not rerun.
  const answers = new Map<string, Promise<boolean>>();
  let best = original;
  let tests = 0;
  let rounds = 0;
  let passName = "";
  const window = Math.max(1, Math.floor(options.window));
  const stopped = (): boolean => options.shouldStop?.() ?? false;
  const state = (): SearchState => ({ tests, rounds, pass: passName, best });

  const launch = (index: number, source: string, signal: AbortSignal): InFlight => {
    let result = answers.get(source);
    if (result === undefined) {
      tests++;
      result = options.test(source, signal);
      answers.set(source, result);
      result.then(
        () => options.onTest?.(state()),
        () => {},
      );
    }
    const flight: InFlight = { index, source, result, settled: false };
    // Handled here so an abandoned test's failure is not an unhandled rejection;
    // the head's failure still reaches the search through its own await.
    result.then(
      () => (flight.settled = true),
      () => (flight.settled = true),
    );
    return flight;
  };

  /** The first interesting variant at or after `from`, in order. */
  const firstInteresting = async (variants: readonly Variant[], from: number): Promise<InFlight | null> => {
    const controller = new AbortController();
    const inFlight: InFlight[] = [];
    let next = from;
    const fill = (): void => {
      while (inFlight.length < window && next < variants.length && !stopped()) {
        const index = next++;
        const source = variants[index]!.build();
        if (source === null || !isSmaller(source, best)) continue;
        inFlight.push(launch(index, source, controller.signal));
      }
    };
    fill();
    for (let head = inFlight.shift(); head !== undefined; head = inFlight.shift()) {
      if (await head.result) {
        // The rest are not needed: abort them, and forget answers that an abort may have cut short.
        for (const other of inFlight) if (!other.settled) answers.delete(other.source);
        controller.abort();
        return head;
      }
      fill();
    }
    return null;
  };

  const runPass = async (pass: Pass): Promise<void> => {
    passName = pass.name;
    let resumeSite = -1;
    while (!stopped()) {
      const variants = pass.variants(best);
      const from = resumeSite < 0 ? 0 : firstAtOrAfter(variants, resumeSite);
      const found = await firstInteresting(variants, from);
      if (found === null) return;
      best = found.source;
      resumeSite = variants[found.index]!.site;
      options.onImprove?.(state());
    }
  };

  let fixpoint = false;
  const finer = options.finer ?? [];
  let tiers = 0;
  while (!stopped()) {
    rounds++;
    const roundStart = best;
    const passes = [options.plan, ...finer.slice(0, tiers)].flatMap((tier) => tier(best));
    for (const pass of passes) {
      if (stopped()) break;
      await runPass(pass);
    }
    if (best === roundStart && !stopped()) {
      if (tiers < finer.length) {
        tiers++;
        continue;
      }
      fixpoint = true;
      break;
    }
  }
  return { best, tests, rounds, fixpoint };
}

function firstAtOrAfter(variants: readonly Variant[], site: number): number {
  const index = variants.findIndex((v) => v.site >= site);
  return index < 0 ? variants.length : index;
}
