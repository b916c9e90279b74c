// What minimizing a finding runs, on the target that showed it: the runs
// and the reducer the pure minimizer (minimize.ts) is handed, and where each
// smaller program goes (the store's bundle).
import { runDifferential } from "../execution/index.ts";
import { reduceFile } from "../minimization/index.ts";
import type { Signature } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import type { MinimizeRuns } from "./minimize.ts";
import type { FindingStore } from "./store.ts";

export function findingRuns(
  target: Target,
  caseTimeoutMs: number,
  timeLeftMs: () => number,
  store: FindingStore,
  signature: Signature,
): MinimizeRuns {
  return {
    run: (path, jitOptions, prngSeed) =>
      runDifferential(target, path, { jitOptions, timeoutMs: caseTimeoutMs, dump: true, prngSeed }),
    reduce: (input, output, jitOptions, ms, prngSeed) =>
      reduceFile({ input, output, target, jitOptions, timeoutMs: caseTimeoutMs, timeLimitMs: ms, jobs: 1, prngSeed }),
    timeLeftMs,
    improve: (smaller) => store.improve(signature, smaller),
  };
}
