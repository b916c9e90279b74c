// A fuzzing campaign: generate cases from a seed, screen them in batches on
// every target (JIT on vs off, plus the oracle on every trace), confirm each
// suspect in a process of its own, and keep what is confirmed.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pLimit from "p-limit";
import type { GeneratedCase } from "../../generators/index.ts";
import type { KnownBugs, KnownMatch } from "../corpus/known.ts";
import { type BatchCase, type BatchRun, runBatch } from "../execution/batch.ts";
import { runDifferential, type TargetResult } from "../execution/differential.ts";
import { jitOptionName } from "../execution/jit-options.ts";
import { normalizeOutput } from "../execution/normalize.ts";
import { checkTraces } from "../execution/oracle-report.ts";
import { reduceFile } from "../minimization/reduce-file.ts";
import { shrinkGenerated } from "../minimization/shrink-generated.ts";
import { ruleBroken } from "../sanitizer/checked-run.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import type { Target } from "../targets/build.ts";
import { refineSignature } from "../triage/refine.ts";
import { CampaignCoverage, type CoverageSummary } from "./coverage.ts";
import { FindingStore, type FindingSummary } from "./findings.ts";
import { formatSignature, signatureOf } from "./signature.ts";

/** Makes case `index` of a seed: the same pair always gives the same case. */
export type CaseFactory = (seed: number, index: number) => GeneratedCase;

/** Simpler versions of a case, simplest first (the generator's shrinker). */
export type CaseShrinker = (c: GeneratedCase) => Iterable<GeneratedCase>;

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface CampaignOptions {
  readonly targets: readonly Target[];
  readonly seed: number;
  readonly makeCase: CaseFactory;
  /** Shrinks each new finding's case within this budget (tests per signature); omit to keep cases as found. */
  readonly shrink?: {
    readonly candidates: CaseShrinker;
    readonly tests: number;
    readonly ms: number;
    /** Then delta debugging over the Lua text (harness/minimization) for at most this long; 0 skips it. */
    readonly reduceMs: number;
  };
  readonly outDir: string;
  /** Bugs the corpus holds already: counted and kept, but not new (and not minimized). */
  readonly known?: KnownBugs;
  /**
   * `+fixes` builds of the targets, by target name: a failure the oracle
   * cannot place that one corpus patch fixes is that entry's bug, and one
   * that the patch of the entry its optimizations point to does not fix is not.
   */
  readonly fixed?: ReadonlyMap<string, Target>;
  /** Stop taking new cases after this long. */
  readonly timeLimitMs?: number;
  /** Stop after this many cases. */
  readonly caseLimit?: number;
  readonly jobs: number;
  readonly shard: Shard;
  readonly batchSize: number;
  /** Timeout of a confirmation run, per mode. */
  readonly caseTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: CampaignProgress) => void;
  readonly onFinding?: (finding: FindingSummary) => void;
}

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
  /** Suspects from a batch that ran clean alone: state leaking between cases. */
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

export interface CampaignResult {
  readonly progress: CampaignProgress;
  readonly findings: FindingSummary[];
  /** The first suspects that ran clean alone (up to 100): for anyone who wants to look. */
  readonly unconfirmed: UnconfirmedSuspect[];
  /** The first wrong results of invalid programs (up to 100), with the rule each broke. */
  readonly invalid: InvalidProgram[];
  /** What the cases reached: trace features, and edges per `+cov` target. */
  readonly coverage: CoverageSummary;
}

export interface InvalidProgram {
  readonly target: string;
  readonly caseIndex: number;
  readonly rule: string;
}

export interface UnconfirmedSuspect {
  readonly target: string;
  readonly caseIndex: number;
  /** What the batch suggested. */
  readonly signature: string;
}

/**
 * The most cases per LuaJIT process. Starting LuaJIT under qemu costs about
 * as much as running four generated cases; past a hundred the start is a
 * few percent. (Batches start smaller: FIRST_BATCH_SIZE.)
 */
export const DEFAULT_BATCH_SIZE = 100;

/** What the corpus patches make of a failure: one fixes it, or none does. */
type FixVerdict = { readonly kind: "fixed"; readonly id: string } | { readonly kind: "unfixed" };

/** The first batch of each worker, and the least a crash cuts a batch to. */
const FIRST_BATCH_SIZE = 10;

/** Hits of one kind of failure triaged in full (see refine). */
const TRIAGE_LIMIT = 30;

/** Runs of a suspect alone before it counts as unconfirmed. */
const CONFIRM_ATTEMPTS = 3;

interface GeneratedFile extends BatchCase {
  readonly source: string;
  readonly generated: GeneratedCase;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const store = new FindingStore(options.outDir);
  const progress: CampaignProgress = {
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
  const coverage = new CampaignCoverage();
  const elapsed = () => (performance.now() - started) / 1000;
  const report = () => {
    progress.seconds = elapsed();
    progress.findings = store.findings.length;
    const reached = coverage.summary();
    progress.features = reached.features;
    progress.edges = reached.edges ? Object.values(reached.edges).reduce((a, b) => a + b, 0) : null;
    options.onProgress?.({ ...progress });
  };

  const unconfirmed: UnconfirmedSuspect[] = [];
  const invalid: InvalidProgram[] = [];
  let taken = 0;
  // Near the time limit a batch is cut to what a worker can still run in
  // time, at the pace so far: a whole batch on a build that crashes often
  // (each crash reruns the rest) would overrun --time by far.
  const fitTime = (size: number): number => {
    if (options.timeLimitMs === undefined || progress.cases === 0) return size;
    const secondsPerCase = (elapsed() * Math.max(1, options.jobs)) / progress.cases;
    const left = options.timeLimitMs / 1000 - elapsed();
    return Math.max(1, Math.min(size, Math.floor(left / secondsPerCase)));
  };
  const take = (wanted: number): number[] => {
    const indices: number[] = [];
    const size = fitTime(wanted);
    while (indices.length < size) {
      if (options.signal?.aborted) break;
      if (options.caseLimit !== undefined && taken >= options.caseLimit) break;
      if (options.timeLimitMs !== undefined && elapsed() * 1000 >= options.timeLimitMs) break;
      // Shard I of N takes indices I, I+N, I+2N…: N machines never overlap.
      indices.push(options.shard.index + taken * options.shard.count);
      taken++;
    }
    return indices;
  };

  // Triage runs the program a dozen times or more. Every hit is triaged
  // until a kind of failure (target and provisional signature) has had
  // TRIAGE_LIMIT of them; then a hit with the same option names as one
  // triaged before takes its signature unrun (counting may then err).
  const triaged = new Map<string, string>();
  const triageCount = new Map<string, number>();

  // New findings waiting to be shrunk and reduced, one at a time.
  const minimizing: Promise<void>[] = [];
  const minimizeOne = pLimit(1);

  const confirm = async (target: Target, file: GeneratedFile, provisional: string) => {
    progress.suspects++;
    // A hit of a bug already confirmed on this target only counts: running it
    // alone again would tell nothing new. New signatures are always confirmed.
    if (store.has(provisional, target.name)) {
      store.count(provisional, target.name);
      return;
    }
    // LuaJIT places code and data at random addresses in every run, and some
    // bugs show only at some addresses: a suspect that passes alone gets two
    // more tries before it counts as unconfirmed.
    let result = await runDifferential(target, file.path, {
      jitOptions: file.jitOptions,
      timeoutMs: options.caseTimeoutMs,
      dump: true,
    });
    for (let attempt = 1; attempt < CONFIRM_ATTEMPTS && result.verdict === "pass"; attempt++) {
      result = await runDifferential(target, file.path, {
        jitOptions: file.jitOptions,
        timeoutMs: options.caseTimeoutMs,
        dump: true,
      });
    }
    if (result.verdict === "pass") {
      progress.unconfirmed++;
      if (unconfirmed.length < 100)
        unconfirmed.push({ target: target.name, caseIndex: file.index, signature: provisional });
      return;
    }
    // A wrong result is a bug only if the program means one thing: the
    // generator's rules, checked in an interpreted run (sanitizer/).
    if (result.verdict === "mismatch") {
      const rule = await ruleBroken(target, file.source, {
        jitOptions: file.jitOptions,
        timeoutMs: options.caseTimeoutMs,
      });
      if (rule !== null) {
        progress.invalid++;
        if (invalid.length < 100) invalid.push({ target: target.name, caseIndex: file.index, rule });
        return;
      }
    }
    const base = signatureOf(result);
    const signature = await refine(target, file, result, base);
    const firstEver = !store.knows(signature);
    const match = await recognize(target, file, result, signature);
    const known = match?.id ?? null;
    const isNew = store.record({
      signature,
      caseIndex: file.index,
      seed: options.seed,
      seconds: elapsed(),
      source: file.source,
      jitOptions: file.jitOptions,
      result,
      known,
      knownBy: match?.by ?? null,
    });
    const finding = store.findings.find((f) => f.signature === signature);
    if (isNew && finding) options.onFinding?.(finding);
    // In the background, one at a time: screening goes on meanwhile, and a
    // failure to minimize (a flaky case, say) leaves the bundle as found.
    if (firstEver && known === null && options.shrink && options.shrink.tests > 0) {
      minimizing.push(minimizeOne(() => shrinkFinding(target, file, base, signature)).catch(() => {}));
    }
  };

  // Which corpus entry holds the bug, if any. A failure the oracle cannot
  // place is run, when there are +fixes builds, on each one-patch binary: the
  // patch that makes it pass names the bug, and an entry with a patch that
  // does not fix it cannot claim it by signature or optimizations (those
  // depend on the program; a fix does not). Fix checks are kept per signature.
  const fixVerdicts = new Map<string, FixVerdict>();
  const recognize = async (
    target: Target,
    file: GeneratedFile,
    result: TargetResult,
    signature: string,
  ): Promise<KnownMatch | null> => {
    const match = options.known?.(signature, target.name) ?? null;
    const fixed = options.fixed?.get(target.name);
    if (!fixed || fixed.fixes.size === 0 || result.oracle.findings.length > 0) return match;
    const key = `${target.name} ${signature}`;
    if (!fixVerdicts.has(key)) fixVerdicts.set(key, await fixedBy(target, fixed, file));
    const verdict = fixVerdicts.get(key)!;
    if (verdict.kind === "fixed") return { id: verdict.id, by: "fix" };
    return match && fixed.fixes.has(match.id) ? null : match;
  };

  /**
   * Which one-patch binary makes the case pass. Some failures show only in
   * some runs (heap layout, code addresses): the plain build's three runs
   * (the confirming one, which failed, and two more) say how often, and the
   * fewer of them fail, the more passes in a row a patch needs before it
   * counts as the fix (two when all three failed, six when one did), so
   * that luck does not name a patch.
   */
  const fixedBy = async (plain: Target, fixed: Target, file: GeneratedFile): Promise<FixVerdict> => {
    const fails = async (t: Target): Promise<boolean> =>
      (
        await runDifferential(t, file.path, {
          jitOptions: file.jitOptions,
          timeoutMs: options.caseTimeoutMs,
          dump: false,
        })
      ).verdict !== "pass";
    let failures = 1;
    for (let run = 1; run < 3; run++) if (await fails(plain)) failures++;
    const needed = failures === 3 ? 2 : failures === 2 ? 4 : 6;
    for (const [id, luajit] of fixed.fixes) {
      let passes = 0;
      while (passes < needed && !(await fails({ ...fixed, name: `${fixed.name}:${id}`, luajit }))) passes++;
      if (passes === needed) return { kind: "fixed", id };
    }
    return { kind: "unfixed" };
  };

  // A failure the oracle does not place in the backend gets, as its "where",
  // the JIT options it needs and what hides it (triage/refine.ts).
  const refine = async (target: Target, file: GeneratedFile, result: TargetResult, base: string): Promise<string> => {
    const kind = `${target.name} ${base}`;
    const key = [kind, ...new Set(file.jitOptions.map(jitOptionName))].join(" ");
    const before = triaged.get(key);
    if (before !== undefined && (triageCount.get(kind) ?? 0) >= TRIAGE_LIMIT) return before;
    triageCount.set(kind, (triageCount.get(kind) ?? 0) + 1);
    const signature = await refineSignature(target, file.path, result, options.caseTimeoutMs);
    triaged.set(key, signature);
    return signature;
  };

  // `base` is the signature a run shows; `signature` adds what triage found.
  const shrinkFinding = async (target: Target, file: GeneratedFile, base: string, signature: string) => {
    const shrink = options.shrink!;
    const dir = makeScratch("shrink");
    let last: { source: string; result: TargetResult } | undefined;
    try {
      // Twice in a row: some bugs show only at some of the addresses LuaJIT
      // picks per run, and a candidate that reproduced once by luck is no reproducer.
      const reproduces = async (path: string, jitOptions: readonly string[]): Promise<TargetResult | undefined> => {
        let result: TargetResult | undefined;
        for (let run = 0; run < 2; run++) {
          result = await runDifferential(target, path, { jitOptions, timeoutMs: options.caseTimeoutMs, dump: true });
          if (signatureOf(result) !== base) return undefined;
        }
        return result;
      };
      const keepsSignature = async (c: GeneratedCase) => {
        const path = join(dir, "candidate.lua");
        writeFileSync(path, c.source);
        const result = await reproduces(path, c.jitOptions);
        if (result) last = { source: c.source, result };
        return result !== undefined;
      };
      // Within the campaign's own time limit: --time stays the time it takes.
      const left = () => (options.timeLimitMs === undefined ? Infinity : options.timeLimitMs - elapsed() * 1000);
      const outcome = await shrinkGenerated(file.generated, shrink.candidates, keepsSignature, {
        tests: shrink.tests,
        ms: Math.min(shrink.ms, left()),
      });
      let best = { source: file.source, jitOptions: file.jitOptions };
      if (outcome.steps > 0 && last && last.source === outcome.best.source) {
        best = { source: outcome.best.source, jitOptions: outcome.best.jitOptions };
        store.improve(signature, { ...best, result: last.result });
      }
      const reduceMs = Math.min(shrink.reduceMs, left());
      if (reduceMs < 5_000) return;
      const input = join(dir, "shrunk.lua");
      const output = join(dir, "reduced.lua");
      writeFileSync(input, best.source);
      const report = await reduceFile({
        input,
        output,
        target,
        jitOptions: best.jitOptions,
        timeoutMs: options.caseTimeoutMs,
        timeLimitMs: reduceMs,
        jobs: 1,
      });
      if (report.signature !== base || report.bytesAfter >= report.bytesBefore) return;
      const result = await reproduces(output, best.jitOptions);
      if (result)
        store.improve(signature, { source: readFileSync(output, "utf8"), jitOptions: best.jitOptions, result });
    } finally {
      removeScratch(dir);
    }
  };

  /** Screens files on a target; returns how many times a batch process died before its end (and was rerun). */
  const screen = async (target: Target, files: readonly GeneratedFile[]): Promise<number> => {
    let pending = files;
    let restarts = 0;
    while (pending.length > 0 && !options.signal?.aborted) {
      const timeoutMs = 10_000 + pending.length * 2_000;
      const [on, off] = await Promise.all([
        runBatch(target, pending, "on", timeoutMs),
        runBatch(target, pending, "off", timeoutMs),
      ]);
      coverage.addBatch(target.name, pending, on);
      const { suspects, done } = compareBatch(pending, on, off, progress);
      for (const { file, signature } of suspects) await confirm(target, file, signature);
      const rest = pending.filter((f) => !done.has(f.index));
      // Only the cases after a crash are left; without progress, stop.
      if (rest.length === pending.length) break;
      if (rest.length > 0) restarts++;
      pending = rest;
    }
    return restarts;
  };

  const worker = async () => {
    const dir = makeScratch("campaign");
    try {
      // Batches start small and double up to --batch while the processes
      // live to their end; a crash halves them. On a build that crashes
      // every few cases (each crash costs a restart and a rerun of the rest),
      // small batches find and confirm sooner; on a sound one, large ones
      // spend least on starting LuaJIT.
      let size = Math.min(FIRST_BATCH_SIZE, options.batchSize);
      for (let indices = take(size); indices.length > 0; indices = take(size)) {
        const files = indices.map((index): GeneratedFile => {
          const generated = options.makeCase(options.seed, index);
          const path = join(dir, `case-${index}.lua`);
          writeFileSync(path, generated.source);
          return { index, path, source: generated.source, jitOptions: generated.jitOptions, generated };
        });
        let restarts = 0;
        for (const target of options.targets) restarts += await screen(target, files);
        size = Math.min(options.batchSize, restarts > 0 ? Math.max(FIRST_BATCH_SIZE, Math.floor(size / 2)) : size * 2);
        progress.cases += files.length;
        for (const file of files) rmSync(file.path, { force: true });
        report();
      }
    } finally {
      removeScratch(dir);
    }
  };

  const limit = pLimit(Math.max(1, options.jobs));
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, () => limit(worker)));
  await Promise.all(minimizing);
  report();
  return {
    progress: { ...progress, seconds: elapsed() },
    findings: store.findings,
    unconfirmed,
    invalid,
    coverage: coverage.summary(),
  };
}

/**
 * Which cases of a batch need a closer look: those whose JIT-on and JIT-off
 * runs differ, that did not finish, or whose traces the oracle objects to;
 * each with the signature the batch suggests (confirmation decides).
 * `done` holds every case that needs no rerun.
 */
export function compareBatch<F extends BatchCase>(
  files: readonly F[],
  on: BatchRun,
  off: BatchRun,
  progress: Pick<CampaignProgress, "traces" | "pairs" | "words" | "unmodeled">,
): { suspects: Array<{ file: F; signature: string }>; done: Set<number> } {
  const suspects: Array<{ file: F; signature: string }> = [];
  const done = new Set<number>();
  const traces = on.probe?.traces ?? [];
  progress.traces += traces.length;
  for (const file of files) {
    const a = on.outputs.get(file.index);
    const b = off.outputs.get(file.index);
    const oracle = checkTraces(
      traces.filter((t) => t.caseIndex === file.index),
      file.jitOptions,
    );
    const first = oracle.findings[0];
    const sign = (verdict: string, signal: string | null) =>
      formatSignature({ verdict, signal, oracleKind: first?.kind ?? null, where: first?.where ?? null });
    if (!a || !b) {
      if (on.unfinished === file.index || off.unfinished === file.index) {
        const jitStopped = on.unfinished === file.index && off.unfinished !== file.index;
        const verdict = !jitStopped ? "error" : on.outcome.timedOut ? "timeout" : "crash";
        suspects.push({ file, signature: sign(verdict, verdict === "crash" ? on.outcome.signal : null) });
        done.add(file.index);
      }
      continue;
    }
    done.add(file.index);
    progress.pairs += oracle.stats.pairsMatched;
    progress.words += oracle.stats.words;
    progress.unmodeled += oracle.stats.unmodeled;
    const differs =
      a.ok !== b.ok ||
      normalizeOutput(a.output) !== normalizeOutput(b.output) ||
      normalizeOutput(a.error) !== normalizeOutput(b.error);
    if (differs) suspects.push({ file, signature: sign("mismatch", null) });
    else if (first) suspects.push({ file, signature: sign("oracle", null) });
  }
  return { suspects, done };
}
