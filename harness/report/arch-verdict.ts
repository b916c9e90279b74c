// Is a bug arm64-only? The first thing a maintainer asks after "is it in my
// HEAD?". Told from the runs of a report: the arm64 builds, and the x86-64
// legs (`+x64`) of the affected ones. Pure, so that every report says it
// in the same words.
import type { Verdict } from "../execution/index.ts";
import type { TargetArch } from "../targets/index.ts";

export interface ArchRun {
  readonly name: string;
  readonly arch: TargetArch;
  readonly verdict: Verdict;
}

export type ArchVerdict =
  /** No arm64 build fails: there is nothing to tell. */
  | { readonly kind: "no-arm64-failure" }
  /** No x86-64 leg was run. */
  | { readonly kind: "x64-not-run" }
  /** Every x86-64 leg run agrees with its interpreter. */
  | { readonly kind: "arm64-only"; readonly x64Clean: readonly string[] }
  | { readonly kind: "also-x64"; readonly x64Affected: readonly string[] };

const failed = (r: ArchRun) => r.verdict !== "pass";

export function archVerdict(runs: readonly ArchRun[]): ArchVerdict {
  if (!runs.some((r) => r.arch === "arm64" && failed(r))) return { kind: "no-arm64-failure" };
  const x64 = runs.filter((r) => r.arch === "x64");
  if (x64.length === 0) return { kind: "x64-not-run" };
  const affected = x64.filter(failed).map((r) => r.name);
  if (affected.length > 0) return { kind: "also-x64", x64Affected: affected };
  return { kind: "arm64-only", x64Clean: x64.map((r) => r.name) };
}

/** The verdict as a sentence for a report, or null when there is nothing to say. */
export function archVerdictText(verdict: ArchVerdict): string | null {
  const names = (list: readonly string[]) => list.map((n) => `\`${n}\``).join(", ");
  switch (verdict.kind) {
    case "no-arm64-failure":
      return null;
    case "x64-not-run":
      return "x86-64: not run (name a build with `+x64` to know whether the bug is arm64-only).";
    case "arm64-only":
      return `arm64-only: the same sources built for x86-64 (${names(verdict.x64Clean)}) run it correctly, JIT on and off. (ljfuzz's machine-code oracle reads A64 only: on x86-64 the verdict compares the runs.)`;
    case "also-x64":
      return `Not arm64-only: the same sources built for x86-64 fail too (${names(verdict.x64Affected)}), so the fault is likely in code the backends share.`;
  }
}
