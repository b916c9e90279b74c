// What a campaign's cases reached, as the campaign keeps it: the union of
// their trace features (oracle/features, from every screening batch's
// probe log) and, on `+cov` targets, of their backend edges (per target:
// edge hashes name code addresses, which differ between builds). Each
// batch's JIT-on run goes in once; what each case reached and added is
// returned, for the campaign corpus (harness/campaign-corpus/), which keeps
// the cases that reached something new.
import { CoverageSet, caseFeatures, MAP_ENTRIES } from "../../oracle/features/index.ts";
import type { TraceAbort, TraceRecord } from "../../oracle/trace/index.ts";
import { type BatchCase, type BatchRun, backendOptions } from "../execution/index.ts";

/** What one case reached on a target, and what of it was new to the union. */
export interface CaseGain {
  /** How many features were new. */
  readonly features: number;
  /** How many edges were new (0 off `+cov` targets). */
  readonly edges: number;
  /** Every trace feature the case reached (sorted map indices). */
  readonly reached: readonly number[];
  /** Those that were new to the union. */
  readonly added: readonly number[];
  /** Every backend edge it reached on this `+cov` target (map indices); empty off one. */
  readonly reachedEdges: readonly number[];
  /** Traces it compiled: what it cost, mostly (harness/campaign-corpus/share.ts). */
  readonly traces: number;
}

export interface CoverageSummary {
  /** Distinct trace features (entries of the 64 Ki map). */
  readonly features: number;
  /** Per `+cov` target, distinct backend edges (entries of its 64 Ki map); absent without one. */
  readonly edges?: Readonly<Record<string, number>>;
}

export class CampaignCoverage {
  private readonly features = new CoverageSet();
  private readonly edges = new Map<string, CoverageSet>();

  /** Adds a screened batch (its JIT-on run) on `target`; returns each case's gain by case index. */
  addBatch(target: string, cases: readonly BatchCase[], on: BatchRun): Map<number, CaseGain> {
    const traces = groupByCase(on.probe?.traces ?? []);
    const aborts = groupByCase(on.probe?.aborts ?? []);
    const gains = new Map<number, CaseGain>();
    const edgeSet = on.edges ? this.edgeSet(target) : undefined;
    // The features read A64 machine code, as the oracle does: an x86-64 leg's batches add none.
    const a64 = on.arch === "arm64";
    for (const c of cases) {
      const compiled = traces.get(c.index) ?? [];
      const reached = a64 ? caseFeatures(compiled, aborts.get(c.index) ?? [], backendOptions(c.jitOptions)) : [];
      const reachedEdges = edgeIndices(on.edges?.get(c.index));
      const added = reached.filter((i) => !this.features.has(i));
      this.features.addIndices(added);
      gains.set(c.index, {
        features: added.length,
        edges: edgeSet ? edgeSet.addIndices(reachedEdges) : 0,
        reached,
        added,
        reachedEdges,
        traces: compiled.length,
      });
    }
    return gains;
  }

  /** Adds what a case kept by an earlier campaign reached (its stored features and edges), as if screened now. */
  restore(features: readonly number[], edges: Readonly<Record<string, readonly number[]>>): void {
    this.features.addIndices(features);
    for (const [target, indices] of Object.entries(edges)) this.edgeSet(target).addIndices(indices);
  }

  summary(): CoverageSummary {
    const features = this.features.size;
    if (this.edges.size === 0) return { features };
    return { features, edges: Object.fromEntries([...this.edges].map(([t, set]) => [t, set.size])) };
  }

  private edgeSet(target: string): CoverageSet {
    let set = this.edges.get(target);
    if (!set) {
      set = new CoverageSet();
      this.edges.set(target, set);
    }
    return set;
  }
}

/** The nonzero entries of an edge map. */
function edgeIndices(map: Uint8Array | undefined): number[] {
  const out: number[] = [];
  if (!map) return out;
  for (let i = 0; i < map.length && i < MAP_ENTRIES; i++) if (map[i] !== 0) out.push(i);
  return out;
}

function groupByCase<T extends TraceRecord | TraceAbort>(items: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    if (item.caseIndex === undefined) continue;
    const list = groups.get(item.caseIndex);
    if (list) list.push(item);
    else groups.set(item.caseIndex, [item]);
  }
  return groups;
}
