// JIT on against JIT off for many programs, in batches as a campaign screens
// them: which differ, and which the interpreter does not run to their end.
// For tests and measurements of what the generators make (the campaign's
// own screening also asks the oracle and confirms: campaign.ts).
import type { Target } from "../targets/index.ts";
import { type BatchCase, type BatchRun, type CaseOutput, runBatch } from "./batch.ts";
import { normalizeOutput } from "./normalize.ts";

export interface Agreement {
  /** Cases whose runs differ: output, error, or the JIT run died or did not end where the interpreter did. */
  readonly differing: readonly number[];
  /** Cases the interpreter does not run to their end (alone, in `caseTimeoutMs`), or that kill it. */
  readonly unended: readonly number[];
  /** Cases whose interpreted run ended in a Lua error. */
  readonly failedOff: readonly number[];
}

const comparable = (o: CaseOutput): string => `${o.ok} ${normalizeOutput(o.output)} ${normalizeOutput(o.error)}`;

/**
 * Runs `cases` JIT on (each with its options) and off, many per process.
 * Where a process stops before its end (a crash, or its time is up), the
 * case it stopped at runs alone, in `caseTimeoutMs`, to tell which, and the
 * cases after it run in new processes.
 */
export async function jitAgreement(
  target: Target,
  cases: readonly BatchCase[],
  caseTimeoutMs: number,
): Promise<Agreement> {
  const differing: number[] = [];
  const unended: number[] = [];
  const failedOff: number[] = [];
  const both = (batch: readonly BatchCase[], timeoutMs: number): Promise<[BatchRun, BatchRun]> =>
    Promise.all([runBatch(target, batch, "on", timeoutMs), runBatch(target, batch, "off", timeoutMs)]);
  const compare = (c: BatchCase, a: CaseOutput, b: CaseOutput) => {
    if (!b.ok) failedOff.push(c.index);
    if (comparable(a) !== comparable(b)) differing.push(c.index);
  };
  let rest = cases;
  while (rest.length > 0) {
    const [on, off] = await both(rest, caseTimeoutMs + 2_000 * rest.length);
    const stop = rest.findIndex((c) => !on.outputs.has(c.index) || !off.outputs.has(c.index));
    for (const c of stop < 0 ? rest : rest.slice(0, stop))
      compare(c, on.outputs.get(c.index)!, off.outputs.get(c.index)!);
    if (stop < 0) break;
    const c = rest[stop]!;
    const [aloneOn, aloneOff] = await both([c], caseTimeoutMs);
    const [a, b] = [aloneOn.outputs.get(c.index), aloneOff.outputs.get(c.index)];
    if (!b) unended.push(c.index);
    else if (!a) differing.push(c.index);
    else compare(c, a, b);
    rest = rest.slice(stop + 1);
  }
  return { differing, unended, failedOff };
}
