// Shrinking a generated case through fast-check: the generator's own shrinker
// proposes simpler plans (each still a valid, in-bounds program), and the
// first one that keeps the finding's signature on the target replaces the
// case, until none does or the budget is spent. Deterministic: candidates
// are tried in fast-check's order, one at a time.
import type { GeneratedCase } from "../../generators/index.ts";

export interface ShrinkBudget {
  readonly tests: number;
  readonly ms: number;
}

export interface ShrinkOutcome {
  readonly best: GeneratedCase;
  readonly tests: number;
  readonly steps: number;
}

export async function shrinkGenerated(
  start: GeneratedCase,
  candidates: (c: GeneratedCase) => Iterable<GeneratedCase>,
  keepsSignature: (c: GeneratedCase) => Promise<boolean>,
  budget: ShrinkBudget,
): Promise<ShrinkOutcome> {
  const deadline = performance.now() + budget.ms;
  let best = start;
  let tests = 0;
  let steps = 0;
  let improved = true;
  while (improved) {
    improved = false;
    for (const candidate of candidates(best)) {
      if (tests >= budget.tests || performance.now() >= deadline) return { best, tests, steps };
      tests++;
      if (await keepsSignature(candidate)) {
        best = candidate;
        steps++;
        improved = true;
        break;
      }
    }
  }
  return { best, tests, steps };
}
