// Confirmation: a suspect from a batch runs in a process of its own (with
// -jdump kept). What passes alone is unconfirmed: state leaking between the
// cases of a batch, or luck. A wrong result counts only if the program means
// one thing: the generator's rules, checked in an interpreted run
// (sanitizer/); a program that breaks one is the generator's bug, not LuaJIT's.
import type { TargetResult } from "../execution/index.ts";
import { confirmingRun } from "./repeat.ts";

export type Confirmation =
  | { readonly kind: "confirmed"; readonly result: TargetResult }
  | { readonly kind: "unconfirmed" }
  | { readonly kind: "invalid"; readonly rule: string };

export interface ConfirmRuns {
  /** The suspect alone, JIT on and off (runDifferential with -jdump). */
  readonly alone: () => Promise<TargetResult>;
  /** The rule the program breaks, or null (sanitizer/ruleBroken). */
  readonly ruleBroken: () => Promise<string | null>;
}

export async function confirm(runs: ConfirmRuns): Promise<Confirmation> {
  const result = await confirmingRun(runs.alone);
  if (result.verdict === "pass") return { kind: "unconfirmed" };
  if (result.verdict === "mismatch") {
    const rule = await runs.ruleBroken();
    if (rule !== null) return { kind: "invalid", rule };
  }
  return { kind: "confirmed", result };
}
