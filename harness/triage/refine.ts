// The signature of a failure the oracle cannot place: how it shows, then, as
// its "where", the JIT options it needs and the optimizations whose absence
// hides it (needed-options.ts), found by running the program again.
import { runDifferential, type TargetResult } from "../execution/index.ts";
import { showsAtAnySeed } from "../reproduction/index.ts";
import { optionsPlace, type Signature, sameSignature, signatureOf, withOptions } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";
import { hidingOptimizations, neededOptions } from "./needed-options.ts";

/**
 * `result` is a failing run of `file` with its options, at the seed it
 * failed at (where triage runs it); the oracle's own "where" is kept.
 */
export async function refineSignature(
  target: Target,
  file: string,
  result: TargetResult,
  timeoutMs: number,
): Promise<Signature> {
  const base = signatureOf(result);
  if (base.oracle) return base;
  const showsAt = async (jitOptions: readonly string[], prngSeed: number) =>
    sameSignature(
      signatureOf(await runDifferential(target, file, { jitOptions, timeoutMs, dump: false, prngSeed })),
      base,
    );
  // At more than one seed (reproduction/): a failure that shows only at some
  // addresses would otherwise keep options it does not need, or be called
  // hidden by an optimization that only moved its code.
  const shows = (jitOptions: readonly string[]) => showsAtAnySeed((seed) => showsAt(jitOptions, seed), result.prngSeed);
  const needed = await neededOptions(result.jitOptions, shows);
  const hiddenBy = await hidingOptimizations(needed, shows);
  return withOptions(base, optionsPlace(needed, hiddenBy));
}
