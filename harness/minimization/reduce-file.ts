// Reduces a Lua file on one target: the original's signature first (a
// program that passes has nothing to reduce), then the search over Lua
// candidates with the differential run as the test. The best program so far
// is on disk at every moment: written before the search starts and again,
// atomically, each time it improves.
import { dirname } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { type PrngSeed, processesStarted, runDifferential } from "../execution/index.ts";
import { loadCParser, readLuaProgram, writeLuaFileAtomic } from "../lua/index.ts";
import { checkRules, RULES, type Rule } from "../sanitizer/index.ts";
import { formatSignature, signatureOf } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { search } from "./ddmin.ts";
import { candidateTimeoutMs, differentialTest } from "./interesting.ts";
import { luaSearchPlan, PASS_TIERS } from "./lua-candidates.ts";
import { sizeOf } from "./size.ts";

export interface ReduceFileOptions {
  /** Absolute path of the program. */
  readonly input: string;
  /** Where the best program goes. */
  readonly output: string;
  readonly target: Target;
  readonly jitOptions: readonly string[];
  /** The most one run may take (candidates get less when the original is quick). */
  readonly timeoutMs: number;
  /** Stop searching after this long, keeping the best so far. */
  readonly timeLimitMs: number;
  /** Candidates tested at once. */
  readonly jobs: number;
  /**
   * The PRNG seed every run is pinned to, the original's and each
   * candidate's: the seed a finding failed at, where it fails at some seeds
   * only. Default: each program's own (execution/prng-seed.ts), as `run`
   * replays a file.
   */
  readonly prngSeed?: PrngSeed;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReduceProgress) => void;
}

export interface ReduceProgress {
  readonly tests: number;
  readonly seconds: number;
  readonly pass: string;
  readonly linesBefore: number;
  readonly bytesBefore: number;
  readonly lines: number;
  readonly bytes: number;
  /** This update is a new best (just written to the output). */
  readonly improved: boolean;
}

/** What `ljfuzz reduce --json` prints. */
export interface ReduceReport {
  readonly input: string;
  readonly output: string;
  readonly target: string;
  readonly signature: string;
  /** The seed every run was pinned to, or null: each program at its own. */
  readonly prngSeed: PrngSeed | null;
  readonly linesBefore: number;
  readonly linesAfter: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
  /** Differential runs of candidates (the original's run not counted). */
  readonly tests: number;
  /** Candidates tried (each text once; their runs are `tests`). */
  readonly candidates: number;
  /** Candidates accepted: each one a smaller program that reproduced and kept the rules. */
  readonly accepted: number;
  /** Checked (sanitizer) runs of candidates that reproduced. */
  readonly checkedRuns: number;
  /** LuaJIT processes the candidates' checks started (every run, syntax checks included). */
  readonly processes: number;
  readonly seconds: number;
  /** False when the time limit or an interrupt ended the search first. */
  readonly fixpoint: boolean;
  /** Every accepted candidate kept every rule of a valid program its original kept (false: the original's checked run could not finish). */
  readonly sanitized: boolean;
  /** The rules the candidates were held to: those the original keeps. */
  readonly rulesHeld: readonly Rule[];
}

export async function reduceFile(options: ReduceFileOptions): Promise<ReduceReport> {
  const source = readLuaProgram(options.input);
  const cwd = dirname(options.input);
  const original = await runDifferential(options.target, options.input, {
    jitOptions: options.jitOptions,
    timeoutMs: options.timeoutMs,
    dump: false,
    cwd,
    prngSeed: options.prngSeed,
  });
  if (original.verdict === "pass")
    throw new LjfuzzError(
      ExitCode.usage,
      `nothing to reduce: ${options.input} passes on ${options.target.name}${atSeed(options.prngSeed)}`,
    );
  if (original.verdict === "error")
    throw new LjfuzzError(
      ExitCode.internal,
      `cannot reduce: the run on ${options.target.name} failed: ${original.reason}`,
    );
  const expected = signatureOf(original);
  // Candidates keep every rule the original keeps (a program of one's own may
  // break some): a reproducer that reads past its buffer or makes a NaN shows
  // what LuaJIT's heap or a conversion happened to do, not the bug.
  const check = await checkRules(options.target, source, {
    jitOptions: options.jitOptions,
    timeoutMs: options.timeoutMs,
    cwd,
    prngSeed: options.prngSeed,
  });
  const sanitized = check.ended === "finished";
  const broken = new Set(check.violations.map((v) => v.rule));
  const rulesHeld = sanitized ? RULES.filter((rule) => !broken.has(rule)) : [];

  await loadCParser(); // for the passes over ffi.cdef's C
  const started = performance.now();
  const processesBefore = processesStarted();
  const seconds = (): number => Math.round((performance.now() - started) / 100) / 10;
  const before = sizeOf(source);
  writeLuaFileAtomic(options.output, source);

  const tester = differentialTest({
    target: options.target,
    jitOptions: options.jitOptions,
    timeoutMs: candidateTimeoutMs(original, options.timeoutMs),
    cwd,
    expected,
    rulesHeld,
    jobs: options.jobs,
    prngSeed: options.prngSeed,
  });
  const progress = (best: string, pass: string, improved: boolean): void => {
    const size = sizeOf(best);
    options.onProgress?.({
      tests: tester.runs(),
      seconds: seconds(),
      pass,
      linesBefore: before.lines,
      bytesBefore: before.bytes,
      lines: size.lines,
      bytes: size.bytes,
      improved,
    });
  };
  try {
    let accepted = 0;
    // Memory-shaping expressions (sizes, indices, casts) may change only where the memory rule guards them.
    const memoryGuarded = rulesHeld.includes("memory");
    const result = await search(source, {
      plan: (current) => luaSearchPlan(current, { memoryGuarded, passes: "structure" }),
      finer: PASS_TIERS.slice(1).map(
        (passes) => (current: string) => luaSearchPlan(current, { memoryGuarded, passes }),
      ),
      test: tester.test,
      window: options.jobs,
      shouldStop: () => options.signal?.aborted === true || performance.now() - started >= options.timeLimitMs,
      onImprove: (state) => {
        accepted++;
        writeLuaFileAtomic(options.output, state.best);
        progress(state.best, state.pass, true);
      },
      onTest: (state) => progress(state.best, state.pass, false),
    });
    const after = sizeOf(result.best);
    return {
      input: options.input,
      output: options.output,
      target: options.target.name,
      signature: formatSignature(expected),
      prngSeed: options.prngSeed ?? null,
      linesBefore: before.lines,
      linesAfter: after.lines,
      bytesBefore: before.bytes,
      bytesAfter: after.bytes,
      tests: tester.runs(),
      candidates: result.tests,
      accepted,
      checkedRuns: tester.checkedRuns(),
      processes: processesStarted() - processesBefore,
      seconds: seconds(),
      fixpoint: result.fixpoint,
      sanitized,
      rulesHeld,
    };
  } finally {
    await tester.dispose();
  }
}

function atSeed(seed: PrngSeed | undefined): string {
  return seed === undefined ? "" : ` at PRNG seed ${seed}`;
}
