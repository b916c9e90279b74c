// A kept case of the campaign corpus, as it is stored: the program's
// representation (the generator's CasePlan), the Lua it prints to, what it
// reached when it was kept (every trace feature; every backend edge per
// `+cov` target), what of that was new, and where it came from. One JSON
// file per case, named by the hash of its Lua: the same program kept by two
// shards is one entry. Pure: reading and writing files is folder.ts's.
import { createHash } from "node:crypto";
import { buildCase, type CasePlan } from "../../generators/index.ts";
import { MAP_ENTRIES } from "../../oracle/features/index.ts";

/** Written in every entry: a file of another format is not taken for one. */
export const ENTRY_FORMAT = "ljfuzz-campaign-case/1";

/** How a kept case was made: drawn fresh by the generator, or a mutant of another kept case. */
export type CaseOrigin =
  | { readonly kind: "fresh"; readonly seed: number; readonly index: number }
  | {
      readonly kind: "mutant";
      readonly seed: number;
      readonly index: number;
      /** The id of the kept case it was made from. */
      readonly parent: string;
      readonly mutator: string;
    };

export interface KeptCase {
  /** The first 16 hex digits of the SHA-256 of `source`. */
  readonly id: string;
  readonly plan: CasePlan;
  /** The Lua program the plan printed to when it was kept. */
  readonly source: string;
  /** Every trace feature it reached (sorted map indices). */
  readonly features: readonly number[];
  /** Those that were new to the campaign when it was kept. */
  readonly added: readonly number[];
  /** Per `+cov` target, every backend edge it reached (sorted map indices). */
  readonly edges: Readonly<Record<string, readonly number[]>>;
  readonly origin: CaseOrigin;
}

export function caseId(source: string): string {
  return createHash("sha256").update(source).digest("hex").slice(0, 16);
}

export function encodeEntry(kept: KeptCase): string {
  const { id, origin, source, features, added, edges, plan } = kept;
  return `${JSON.stringify({ format: ENTRY_FORMAT, id, origin, source, features, added, edges, plan })}\n`;
}

/** An entry read back, or why it is not one (one line, for the error that names the file). */
export type DecodedEntry =
  | { readonly ok: true; readonly kept: KeptCase }
  | { readonly ok: false; readonly why: string };

export function decodeEntry(text: string): DecodedEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, why: `not JSON (${(error as Error).message})` };
  }
  if (!isRecord(value)) return { ok: false, why: "not a JSON object" };
  if (value.format !== ENTRY_FORMAT) return { ok: false, why: `format is not ${ENTRY_FORMAT}` };
  const { id, source, plan } = value;
  if (typeof source !== "string") return { ok: false, why: "source is not a string" };
  if (typeof id !== "string" || id !== caseId(source)) return { ok: false, why: "id is not the hash of its source" };
  const origin = decodeOrigin(value.origin);
  if (origin === null)
    return { ok: false, why: "origin must be { kind: fresh|mutant, seed, index[, parent, mutator] }" };
  const features = indexList(value.features);
  const added = indexList(value.added);
  if (features === null || added === null) return { ok: false, why: "features and added must be lists of map indices" };
  if (!isRecord(value.edges)) return { ok: false, why: "edges must be an object of target: map indices" };
  const edges: Record<string, readonly number[]> = {};
  for (const [target, list] of Object.entries(value.edges)) {
    const indices = indexList(list);
    if (indices === null) return { ok: false, why: `edges.${target} must be a list of map indices` };
    edges[target] = indices;
  }
  const why = planProblem(plan);
  if (why !== null) return { ok: false, why };
  return { ok: true, kept: { id, plan: plan as CasePlan, source, features, added, edges, origin } };
}

const PLAN_LISTS = ["jitOptions", "structs", "buffers", "anchors", "helpers", "blocks"] as const;

/** Why `plan` is no CasePlan the generator can build, or null. */
function planProblem(plan: unknown): string | null {
  if (!isRecord(plan)) return "plan is not an object";
  for (const key of PLAN_LISTS) if (!Array.isArray(plan[key])) return `plan.${key} is not a list`;
  if (!(plan.jitOptions as unknown[]).every((o) => typeof o === "string")) return "plan.jitOptions holds a non-string";
  try {
    buildCase(plan as CasePlan);
  } catch (error) {
    return `plan does not build (${(error as Error).message.split("\n")[0]})`;
  }
  return null;
}

function decodeOrigin(x: unknown): CaseOrigin | null {
  if (!isRecord(x) || !Number.isSafeInteger(x.seed) || !Number.isSafeInteger(x.index)) return null;
  const seed = x.seed as number;
  const index = x.index as number;
  if (x.kind === "fresh") return { kind: "fresh", seed, index };
  if (x.kind === "mutant" && typeof x.parent === "string" && typeof x.mutator === "string")
    return { kind: "mutant", seed, index, parent: x.parent, mutator: x.mutator };
  return null;
}

function indexList(x: unknown): number[] | null {
  if (!Array.isArray(x)) return null;
  return x.every((i) => Number.isInteger(i) && i >= 0 && i < MAP_ENTRIES) ? (x as number[]) : null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
