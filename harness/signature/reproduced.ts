// When a smaller program counts as reproducing a finding: the one policy the
// campaign's shrinking and the standalone reducer share. LuaJIT places code
// at random addresses in every run, and some bugs show only at some of them,
// so one run that shows the signature may be luck. (Once runs can be pinned
// to a seed, this is where repeated runs give way to one pinned run.)
import type { TargetResult } from "../execution/index.ts";
import type { Signature } from "./signature.ts";
import { signatureOf } from "./signature.ts";
import { sameSignature } from "./text.ts";

/** Runs in a row that must show the signature. */
export const REPRODUCTIONS = 2;

/** The last run when REPRODUCTIONS runs in a row show `expected`, else undefined (it stops at the first that does not). */
export async function reproducedTwice(
  run: () => Promise<TargetResult>,
  expected: Signature,
): Promise<TargetResult | undefined> {
  let result: TargetResult | undefined;
  for (let attempt = 0; attempt < REPRODUCTIONS; attempt++) {
    result = await run();
    if (!sameSignature(signatureOf(result), expected)) return undefined;
  }
  return result;
}
