// Recognition: which corpus entry holds the bug, if any. By signature, or by
// the optimizations that hide it (corpus/known.ts); and, for a failure the
// oracle cannot place, by the fix: when there are +fixes builds, the case runs
// on each one-patch binary, and the patch that makes it pass names the bug.
// An entry with a patch that does not fix it cannot claim it by signature or
// optimizations: those depend on the program, a fix does not. Fix checks are
// kept per target and signature.
import type { KnownBugs, KnownMatch } from "../corpus/index.ts";
import type { PrngSeed, TargetResult } from "../execution/index.ts";
import { fixCheckSeeds, passesAtEverySeed } from "../reproduction/index.ts";
import { formatSignature, type Signature } from "../signature/index.ts";
import type { Target } from "../targets/index.ts";

/** What the corpus patches make of a failure: one fixes it, or none does. */
export type FixVerdict = { readonly kind: "fixed"; readonly id: string } | { readonly kind: "unfixed" };

/** Whether the case fails on a build at a seed (one differential run, no -jdump). */
export type FailsOn = (target: Target, seed: PrngSeed) => Promise<boolean>;

/**
 * The decision, pure: `match` is what the corpus says by signature or
 * optimizations, `fix` what the fix check found (null: none ran), `patched`
 * the entries that have a one-patch binary for this target.
 */
export function recognized(
  match: KnownMatch | null,
  fix: FixVerdict | null,
  patched: ReadonlyMap<string, unknown>,
): KnownMatch | null {
  if (fix === null) return match;
  if (fix.kind === "fixed") return { id: fix.id, by: "fix" };
  return match && patched.has(match.id) ? null : match;
}

/** A fix check runs for a failure the oracle did not place, on a target with one-patch binaries. */
export function fixCheckApplies(result: TargetResult, fixed: Target | undefined): fixed is Target {
  return fixed !== undefined && fixed.fixes.size > 0 && result.oracle.findings.length === 0;
}

/**
 * Which one-patch binary of `fixed` makes the case pass; it failed on the
 * plain build at `failedAt` (how sure the check must be, and at which seeds,
 * is reproduction/'s).
 */
export async function fixedBy(plain: Target, fixed: Target, fails: FailsOn, failedAt: PrngSeed): Promise<FixVerdict> {
  const seeds = await fixCheckSeeds((seed) => fails(plain, seed), failedAt);
  for (const [id, luajit] of fixed.fixes) {
    const patched: Target = { ...fixed, name: `${fixed.name}:${id}`, luajit };
    if (await passesAtEverySeed((seed) => fails(patched, seed), seeds)) return { kind: "fixed", id };
  }
  return { kind: "unfixed" };
}

export class Recognizer {
  readonly #known: KnownBugs | undefined;
  readonly #fixed: ReadonlyMap<string, Target> | undefined;
  readonly #fixVerdicts = new Map<string, FixVerdict>();

  /** `fixed`: the `+fixes` build of each target, by target name. */
  constructor(known: KnownBugs | undefined, fixed: ReadonlyMap<string, Target> | undefined) {
    this.#known = known;
    this.#fixed = fixed;
  }

  async recognize(
    target: Target,
    result: TargetResult,
    signature: Signature,
    fails: FailsOn,
  ): Promise<KnownMatch | null> {
    const match = this.#known?.(signature, target.name) ?? null;
    const fixed = this.#fixed?.get(target.name);
    if (!fixCheckApplies(result, fixed)) return match;
    const key = `${target.name} ${formatSignature(signature)}`;
    if (!this.#fixVerdicts.has(key)) this.#fixVerdicts.set(key, await fixedBy(target, fixed, fails, result.prngSeed));
    return recognized(match, this.#fixVerdicts.get(key)!, fixed.fixes);
  }
}
