// The signature of a failure the oracle cannot place: how it shows, then, as
// its "where", the JIT options it needs and the optimizations whose absence
// hides it (needed-options.ts), found by running the program again.
import { runDifferential, type TargetResult } from "../execution/index.ts";
import { optionsPlace, type Signature, sameSignature, signatureOf, withOptions } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { hidingOptimizations, neededOptions } from "./needed-options.ts";

/** `result` is a failing run of `file` with its options; the oracle's own "where" is kept. */
export async function refineSignature(
  target: Target,
  file: string,
  result: TargetResult,
  timeoutMs: number,
): Promise<Signature> {
  const base = signatureOf(result);
  if (base.oracle) return base;
  const shows = async (jitOptions: readonly string[]) =>
    sameSignature(signatureOf(await runDifferential(target, file, { jitOptions, timeoutMs, dump: false })), base);
  // Twice before an option counts as needed: a failure that shows only at
  // some addresses would otherwise keep options it does not need.
  const needed = await neededOptions(
    result.jitOptions,
    async (jitOptions) => (await shows(jitOptions)) || shows(jitOptions),
  );
  const hiddenBy = await hidingOptimizations(needed, shows);
  return withOptions(base, optionsPlace(needed, hiddenBy));
}
