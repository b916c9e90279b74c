// The signature of a failure the oracle cannot place: how it shows, then, as
// its "where", the JIT options it needs and the optimizations whose absence
// hides it (needed-options.ts), found by running the program again.
import { formatSignature, signatureOf, signatureParts } from "../campaign/signature.ts";
import { runDifferential, type TargetResult } from "../execution/differential.ts";
import type { Target } from "../targets/build.ts";
import { hidingOptimizations, neededOptions, optionsWhere } from "./needed-options.ts";

/** `result` is a failing run of `file` with its options; the oracle's own "where" is kept. */
export async function refineSignature(
  target: Target,
  file: string,
  result: TargetResult,
  timeoutMs: number,
): Promise<string> {
  const base = signatureOf(result);
  if (signatureParts(result).where !== null) return base;
  const shows = async (jitOptions: readonly string[]) =>
    signatureOf(await runDifferential(target, file, { jitOptions, timeoutMs, dump: false })) === base;
  // Twice before an option counts as needed: a failure that shows only at
  // some addresses would otherwise keep options it does not need.
  const needed = await neededOptions(
    result.jitOptions,
    async (jitOptions) => (await shows(jitOptions)) || shows(jitOptions),
  );
  const hiddenBy = await hidingOptimizations(needed, shows);
  return formatSignature({ ...signatureParts(result), where: optionsWhere(needed, hiddenBy) });
}
