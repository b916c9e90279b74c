// Which of a case's JIT options a failure needs. A wrong result or a crash
// that the oracle cannot place in the backend has no "where"; the options it
// needs are the next best thing: they split bugs that show the same way (a
// bug of -fold from one of loopunroll), and they tell a maintainer where to
// look before anyone reads a trace.

/** Options every run has (jit-options.ts): never dropped, never listed. */
const BASELINE = new Set(["hotloop=1"]);

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

/**
 * The "where" of a signature from needed options: their names, sorted, without
 * values (`hotexit=1` and `hotexit=2` point at the same code), e.g.
 * `opts(-dce,-fold,hotexit)`; `opts()` when the defaults are enough.
 */
export function optionsWhere(needed: readonly string[]): string {
  const names = [...new Set(needed.map((o) => o.replace(/=.*$/, "")))].sort();
  return `opts(${names.join(",")})`;
}
