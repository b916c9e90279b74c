// What the JIT-on run alone says of a candidate, before an interpreted run
// is paid for. Of a signature (signature/), the oracle's place comes from
// the JIT run's traces only, and a crash's signal from the JIT run's death:
// a candidate whose JIT run shows either otherwise cannot sign like the
// original, whatever the interpreter does. Most candidates are refused here,
// after one process (the crash gone, the wrong word gone). Pure.
import { died, type JitRun } from "../execution/index.ts";
import type { Signature } from "../signature/index.ts";

/** The facts of a JIT run this looks at (a JitRun has them). */
export interface JitFacts {
  readonly run: { readonly outcome: Pick<JitRun["run"]["outcome"], "signal" | "stderr" | "timedOut"> };
  readonly oracle: Pick<JitRun["oracle"], "findings">;
}

/** True when the JIT run alone shows that the candidate cannot sign `expected`. */
export function ruledOutByJitRun(expected: Signature, jit: JitFacts): boolean {
  const first = jit.oracle.findings[0];
  const place = expected.oracle;
  const samePlace = place === null ? first === undefined : first?.kind === place.kind && first.where === place.cause;
  if (!samePlace) return true;
  // A JIT run that timed out gives a timeout, whatever the interpreter does.
  if (jit.run.outcome.timedOut) return expected.verdict !== "timeout";
  // A crash is the JIT run's death (by the same signal), the interpreter's survival aside.
  if (expected.verdict === "crash") return died(jit.run.outcome) === null || jit.run.outcome.signal !== expected.signal;
  return false;
}
