// "Interesting" for the reducer: a candidate still fails the way the original
// did on the target. The comparison is the whole signature (verdict, signal,
// oracle finding kind and where), the key findings are deduplicated by:
// `where` names the backend instruction the oracle expected (ldp vs stp),
// and letting it drift would let the reduction slide from one bug to another
// (ddmin's classic "slippage"). The reduced program signs like the finding.
import { rmSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import {
  differentialResult,
  type PrngSeed,
  programSeed,
  runJit,
  runMode,
  type TargetResult,
} from "../execution/index.ts";
import { writeLuaFile } from "../lua/index.ts";
import { replays } from "../reproduction/index.ts";
import { checkRules, policyOf, type Rule, type RuleCheck, type RulePolicy } from "../sanitizer/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import type { Signature } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import type { InterestingTest } from "./ddmin.ts";
import { ruledOutByJitRun } from "./first-look.ts";

/** What of the original's run the candidates' timeout is based on. */
export interface OriginalTiming {
  readonly verdict: TargetResult["verdict"];
  readonly jitOn: { readonly durationMs: number };
  readonly jitOff: { readonly durationMs: number };
}

/** The least a candidate run may take before it is killed. */
const MIN_CANDIDATE_TIMEOUT_MS = 2_000;

/**
 * How long a candidate may run: ten times the original's slower run (at
 * least two seconds), and never past the user's cap. Removing code easily
 * makes an endless loop (`i = i + 1` gone), and each one would otherwise
 * cost the full cap. When the original itself timed out, the cap it is.
 */
export function candidateTimeoutMs(original: OriginalTiming, capMs: number): number {
  if (original.verdict === "timeout") return capMs;
  const slowest = Math.max(original.jitOn.durationMs, original.jitOff.durationMs);
  return Math.min(capMs, Math.max(MIN_CANDIDATE_TIMEOUT_MS, 10 * slowest));
}

export interface DifferentialTestOptions {
  readonly target: Target;
  readonly jitOptions: readonly string[];
  readonly timeoutMs: number;
  /** Where the program runs (the input's folder, for its relative paths). */
  readonly cwd: string;
  readonly expected: Signature;
  /**
   * The rules of a valid program (sanitizer/) a candidate must keep: those
   * its original keeps. Empty when the original's checked run could not finish.
   */
  readonly rulesHeld: readonly Rule[];
  /** Runs at once. */
  readonly jobs: number;
  /** The seed every candidate runs at (default: each candidate's own). */
  readonly prngSeed?: PrngSeed;
}

export interface DifferentialTest {
  readonly test: InterestingTest;
  /** Differential runs done so far. */
  runs(): number;
  /** Checked runs (the sanitizer's) done so far. */
  checkedRuns(): number;
  /** Waits for runs still going (abandoned ones finish on their own), then removes the scratch folder. */
  dispose(): Promise<void>;
}

/** What a candidate's check has cost so far. */
interface RunCounts {
  differential: number;
  checked: number;
}

/**
 * The interestingness check, in one place: the candidate (written at `file`)
 * reproduces the original's signature by the reproduction policy
 * (reproduction/), then keeps, in its checked run, every rule the original
 * kept. The one function a new reproduction policy replaces.
 *
 * Its runs, the cheapest rejection first: the JIT-on run alone (first-look.ts
 * refuses most candidates of a crash or of a wrong word there), then the
 * interpreted run. For a crash held
 * to the rules that is the sanitizer's checked run, which is the program
 * interpreted: a crash is the JIT run's death where the interpreter lives,
 * and whether the interpreter lives, the checked run says as the plain
 * JIT-off run would. Every other verdict compares the outputs of the program
 * itself, so the plain JIT-off run comes next, and the checked run last.
 * No syntax check: a candidate luaparse took and LuaJIT rejects fails alike
 * in both modes, a pass.
 */
async function stillInteresting(
  file: string,
  source: string,
  options: DifferentialTestOptions,
  policy: RulePolicy,
  counts: RunCounts,
  signal: AbortSignal,
): Promise<boolean> {
  // At the seed given (the one a finding failed at), else at the candidate's
  // own, as `run` would replay the file; again only where the build cannot
  // pin the run (reproduction/).
  const seed = options.prngSeed ?? programSeed(file);
  const run = { jitOptions: options.jitOptions, timeoutMs: options.timeoutMs, cwd: options.cwd, prngSeed: seed };
  const held = options.rulesHeld.length > 0;
  // A reproducer counts only if it means one thing: cutting `% 254` down to
  // `% 0` makes a NaN that JIT and interpreter may convert differently, and a
  // read past a buffer reads LuaJIT's own heap, laid out differently in
  // every run. Neither is the bug. Crashes too.
  const checkedRun = (): Promise<RuleCheck> => {
    counts.checked++;
    return checkRules(options.target, source, { ...run, policy });
  };
  const checkedStandsIn = held && options.expected.verdict === "crash";
  // Where the JIT run alone refuses most candidates (a crash, a wrong word
  // in the code) it runs first; where it cannot, both at once, as `run` does.
  const jitFirst = options.expected.verdict === "crash" || options.expected.oracle !== null;
  const plainOff = () => runMode(options.target, file, { ...run, mode: "off", dump: false });
  let check: RuleCheck | undefined;
  const differential = async (): Promise<TargetResult | undefined> => {
    counts.differential++;
    const alongside = jitFirst ? undefined : plainOff();
    const jit = await runJit(options.target, file, { ...run, dump: false });
    if (ruledOutByJitRun(options.expected, jit) || signal.aborted) {
      await alongside;
      return undefined;
    }
    if (checkedStandsIn) {
      check = await checkedRun();
      return differentialResult(options.target, jit, check.outcome, run);
    }
    const off = await (alongside ?? plainOff());
    return differentialResult(options.target, jit, off.outcome, run);
  };
  if ((await replays(differential, seed, options.expected)) === undefined) return false;
  if (!held) return true;
  if (check === undefined) {
    if (signal.aborted) return false;
    check = await checkedRun();
  }
  return check.ended === "finished" && check.violations.length === 0;
}

export function differentialTest(options: DifferentialTestOptions): DifferentialTest {
  const scratch = makeScratch("reduce");
  const limit = pLimit(Math.max(1, options.jobs));
  // Stop at the first rule the original kept; the others it broke already.
  const policy = policyOf("ignore", { rules: options.rulesHeld, action: "stop" });
  const counts: RunCounts = { differential: 0, checked: 0 };
  let serial = 0;
  const pending = new Set<Promise<unknown>>();
  const test: InterestingTest = (source, signal) => {
    const run = limit(async () => {
      // Queued behind other runs and no longer needed: skip it.
      if (signal.aborted) return false;
      const file = join(scratch, `candidate-${++serial}.lua`);
      writeLuaFile(file, source);
      try {
        return await stillInteresting(file, source, options, policy, counts, signal);
      } finally {
        rmSync(file, { force: true });
      }
    });
    const forget = (): void => {
      pending.delete(tracked);
    };
    const tracked: Promise<void> = run.then(forget, forget);
    pending.add(tracked);
    return run;
  };
  const dispose = async (): Promise<void> => {
    while (pending.size > 0) await Promise.all(pending);
    removeScratch(scratch);
  };
  return { test, runs: () => counts.differential, checkedRuns: () => counts.checked, dispose };
}
