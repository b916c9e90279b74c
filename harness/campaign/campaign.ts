// A fuzzing campaign: the stages a case goes through, in the order it lives.
// Scheduled (schedule.ts), screened in batches on every target (screen.ts),
// each suspect confirmed alone (confirm.ts), signed (sign.ts), recognized as
// a known bug or not (recognize.ts), stored (store.ts), and, when new,
// minimized in the background (minimize.ts); progress.ts counts, and
// coverage.ts keeps what the screened cases reached. The cases come from
// the campaign corpus (harness/campaign-corpus/): fresh from the generator
// or mutants of the cases it kept, which are those that reached something
// new. This file only wires them: each stage's policy is its own, and
// tested on its own.
import pLimit from "p-limit";
import { programSeed } from "../execution/index.ts";
import { DEFAULT_SWEEP_SEEDS } from "../reproduction/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { signatureOf } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { refineSignature } from "../triage/index.ts";
import { caseSource } from "./case-source.ts";
import { type CaseFile, caseRuns, removeCaseFiles, writeCaseFiles } from "./cases.ts";
import { confirm } from "./confirm.ts";
import { CampaignCoverage } from "./coverage.ts";
import { findingRuns } from "./finding-runs.ts";
import { MinimizeQueue, minimizeFinding } from "./minimize.ts";
import type { CampaignOptions, CampaignResult } from "./options.ts";
import { Tally } from "./progress.ts";
import { Recognizer } from "./recognize.ts";
import { type CampaignClock, firstBatchSize, nextBatchSize, Schedule } from "./schedule.ts";
import { type Suspect, screen } from "./screen.ts";
import { TriageMemo } from "./sign.ts";
import { FindingStore } from "./store.ts";
import { unconfirmedEvidence, writeUnconfirmed } from "./unconfirmed.ts";

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const clock: CampaignClock = {
    seconds,
    aborted: () => options.signal?.aborted === true,
    casesDone: () => tally.cases,
  };
  const timeLeftMs = () => (options.timeLimitMs === undefined ? Infinity : options.timeLimitMs - seconds() * 1000);
  const store = new FindingStore(options.outDir);
  const tally = new Tally();
  const coverage = new CampaignCoverage();
  const live = caseSource(options, coverage);
  const progress = () =>
    tally.snapshot(seconds(), store.findings.length, coverage.summary(), {
      kept: live.size,
      mutation: live.mutation(),
    });
  const schedule = new Schedule(options);
  const triage = new TriageMemo();
  const recognizer = new Recognizer(options.known, options.fixed);
  const minimizing = new MinimizeQueue();

  // A suspect from a batch: confirmed alone, signed, recognized, stored.
  const suspect = async (target: Target, { file, signature: provisional, batch }: Suspect<CaseFile>) => {
    tally.suspect();
    // A hit of a bug already confirmed on this target only counts: running it
    // alone again would tell nothing new. New signatures are always confirmed.
    if (store.has(provisional, target.name)) {
      store.count(provisional, target.name);
      return;
    }
    const runs = caseRuns(file, options.caseTimeoutMs);
    const confirmation = await confirm(
      { alone: (seed) => runs.alone(target, true, seed), ruleBroken: () => runs.ruleBroken(target) },
      programSeed(file.path),
      options.sweepSeeds ?? DEFAULT_SWEEP_SEEDS,
    );
    if (confirmation.kind === "unconfirmed") {
      const evidence = unconfirmedEvidence(file.source, confirmation.seeds.tried, batch, confirmation.alone);
      tally.ranClean(target.name, file.index, provisional, evidence);
      writeUnconfirmed(options.outDir, progress().unconfirmed, tally.unconfirmed);
    }
    if (confirmation.kind === "invalid") tally.brokeRule(target.name, file.index, confirmation.rule);
    if (confirmation.kind !== "confirmed") return;
    const { result, seeds } = confirmation;
    const base = signatureOf(result);
    const signature = await triage.sign(target.name, base, file.jitOptions, () =>
      refineSignature(target, file.path, result, options.caseTimeoutMs),
    );
    const firstEver = !store.knows(signature);
    const match = await recognizer.recognize(target, result, signature, runs.fails);
    const known = { known: match?.id ?? null, knownBy: match?.by ?? null };
    const found = { caseIndex: file.index, source: file.source, jitOptions: file.jitOptions, seconds: seconds() };
    if (store.record({ signature, seed: options.seed, result, seeds, ...found, ...known }))
      options.onFinding?.(store.summary(signature)!);
    // Known bugs are kept as found: no time goes into minimizing them.
    if (firstEver && match === null && options.shrink && options.shrink.tests > 0)
      // `base` is the signature the finding's run shows; `signature` adds what triage found.
      minimizing.add(() =>
        minimizeFinding(
          file.generated,
          base,
          options.shrink!,
          findingRuns(target, options.caseTimeoutMs, timeLeftMs, store, signature),
          result.prngSeed,
        ),
      );
  };

  const worker = async () => {
    const dir = makeScratch("campaign");
    try {
      let size = firstBatchSize(options.batchSize);
      for (let indices = schedule.take(size, clock); indices.length > 0; indices = schedule.take(size, clock)) {
        const files = writeCaseFiles(dir, indices, (index) => live.make(index));
        let restarts = 0;
        for (const target of options.targets)
          restarts += await screen(target, files, {
            signal: options.signal,
            runBatch: options.runBatch,
            ran: (cases, on) => live.screened(target.name, coverage.addBatch(target.name, cases, on)),
            compared: (comparison) => tally.screened(comparison.tally),
            suspect: (s) => {
              live.suspect(s.file.index);
              return suspect(target, s);
            },
          });
        if (!options.signal?.aborted) live.batchDone(indices);
        size = nextBatchSize(size, restarts, options.batchSize);
        tally.batchDone(files.length);
        removeCaseFiles(files);
        options.onProgress?.(progress());
      }
    } finally {
      removeScratch(dir);
    }
  };

  const jobs = Math.max(1, options.jobs);
  const limit = pLimit(jobs);
  await Promise.all(Array.from({ length: jobs }, () => limit(worker)));
  await minimizing.settled();
  options.onProgress?.(progress());
  // Written at the end too, so that an empty log says none were unconfirmed.
  writeUnconfirmed(options.outDir, progress().unconfirmed, tally.unconfirmed);
  return {
    progress: progress(),
    findings: store.findings,
    unconfirmed: tally.unconfirmed,
    invalid: tally.invalid,
    coverage: coverage.summary(),
    corpus: { kept: live.size, loaded: options.corpus?.loaded?.length ?? 0, dir: options.corpus?.dir ?? null },
    mutation: live.mutation(),
  };
}
