// The unconfirmed log: suspects that differed in a batch and passed alone at
// their own seed and at every seed of the sweep. Each keeps its batch output
// beside its output alone, so that state leaking between the cases of a
// batch (the outputs alone agree with each other, the batch's JIT-on output
// is the odd one) can be told from address dependence (a seed the sweep did
// not reach), and its program, which the campaign's scratch folder loses.
// Written to OUT/unconfirmed.json as each one comes.
import { join } from "node:path";
import { writeAtomically } from "../atomic-write.ts";
import type { CaseOutput, PrngSeed, RunReport, TargetResult } from "../execution/index.ts";

/** A case's output in each mode's batch (null: it did not finish), and how a JIT-on process that stopped in it ended. */
export interface BatchOutputs {
  readonly jitOn: CaseOutput | null;
  readonly jitOff: CaseOutput | null;
  readonly jitOnEnded: string | null;
}

/** One mode's run alone, as the log keeps it. */
export type AloneOutput = Pick<RunReport, "exitCode" | "signal" | "stdout" | "stderr" | "timedOut">;

export interface UnconfirmedEvidence {
  readonly jitOptions: readonly string[];
  /** Every seed it ran at alone, its own first; it passed at each. */
  readonly seeds: readonly PrngSeed[];
  readonly batch: BatchOutputs;
  /** The run alone at its own seed. */
  readonly alone: { readonly jitOn: AloneOutput; readonly jitOff: AloneOutput };
  readonly source: string;
}

/** A suspect that ran clean alone: what the batch suggested, and the evidence (the campaign always has it). */
export interface UnconfirmedSuspect extends Partial<UnconfirmedEvidence> {
  readonly target: string;
  readonly caseIndex: number;
  /** What the batch suggested. */
  readonly signature: string;
}

export const UNCONFIRMED_FILE = "unconfirmed.json";

export function unconfirmedEvidence(
  source: string,
  seeds: readonly PrngSeed[],
  batch: BatchOutputs,
  alone: TargetResult,
): UnconfirmedEvidence {
  const output = (run: RunReport): AloneOutput => {
    const { exitCode, signal, stdout, stderr, timedOut } = run;
    return { exitCode, signal, stdout, stderr, timedOut };
  };
  return {
    jitOptions: alone.jitOptions,
    seeds,
    batch,
    alone: { jitOn: output(alone.jitOn), jitOff: output(alone.jitOff) },
    source,
  };
}

/** OUT/unconfirmed.json: the count and the suspects kept by name. */
export function writeUnconfirmed(outDir: string, count: number, suspects: readonly UnconfirmedSuspect[]): void {
  writeAtomically(join(outDir, UNCONFIRMED_FILE), `${JSON.stringify({ unconfirmed: count, suspects }, null, 2)}\n`);
}
