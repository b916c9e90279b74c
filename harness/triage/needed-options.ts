// Which of a case's JIT options a failure needs. A wrong result or a crash
// that the oracle cannot place in the backend has no "where"; the options it
// needs are the next best thing: they split bugs that show the same way (a
// bug of -fold from one of loopunroll), and they tell a maintainer where to
// look before anyone reads a trace.
import { DEFAULT_JIT_OPTIONS, FLAGS } from "../execution/index.ts";

/** Options every run has: never dropped, never listed. */
const BASELINE: ReadonlySet<string> = new Set(DEFAULT_JIT_OPTIONS);

/**
 * Drops the case's options one at a time, keeping a drop when the failure
 * still shows without it. `stillFails` runs the case with a set of options.
 * A flaky check can only keep an option that is not needed, never drop one
 * that is: the answer may be longer than the truth, not wrong.
 */
export async function neededOptions(
  jitOptions: readonly string[],
  stillFails: (jitOptions: readonly string[]) => Promise<boolean>,
): Promise<string[]> {
  let kept = [...jitOptions];
  for (const option of jitOptions) {
    if (BASELINE.has(option)) continue;
    const without = kept.filter((o) => o !== option);
    if (await stillFails(without)) kept = without;
  }
  return kept.filter((o) => !BASELINE.has(o));
}

/** The optimizations on by default, each of which a run can turn off (-O-NAME). */
const OPTIMIZATIONS = FLAGS.filter((f) => f !== "fma");

/**
 * The optimizations whose absence hides the failure: each is turned off in
 * turn (on top of the needed options) and counts when the failure no longer
 * shows (`stillFails` decides how sure that is). Two bugs that need the same options are told apart by these, and
 * they point at the pass to read (a bug hidden by -dse is in DSE, or feeds it).
 */
export async function hidingOptimizations(
  needed: readonly string[],
  stillFails: (jitOptions: readonly string[]) => Promise<boolean>,
): Promise<string[]> {
  const hiding: string[] = [];
  for (const name of OPTIMIZATIONS) {
    if (needed.includes(`-${name}`)) continue;
    const without = [...DEFAULT_JIT_OPTIONS, ...needed, `-${name}`];
    if (!(await stillFails(without))) hiding.push(name);
  }
  return hiding;
}
