// What a campaign's cases reached, as the campaign keeps it: the union of
// their trace features (oracle/features, from every screening batch's
// probe log) and, on `+cov` targets, of their backend edges (per target:
// edge hashes name code addresses, which differ between builds). Each
// batch's JIT-on run goes in once; what each case added is returned, for
// whoever keeps the cases that reached something new.
import { CoverageSet, caseFeatures } from "../../oracle/features/index.ts";
import type { TraceAbort, TraceRecord } from "../../oracle/trace/index.ts";
import { type BatchCase, type BatchRun, backendOptions } from "../execution/index.ts";

/** What one case added to the union. */
export interface CaseGain {
  readonly features: number;
  readonly edges: number;
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
    if (on.edges && !this.edges.has(target)) this.edges.set(target, new CoverageSet());
    const edgeSet = this.edges.get(target);
    // The features read A64 machine code, as the oracle does: an x86-64 leg's batches add none.
    const a64 = on.arch === "arm64";
    for (const c of cases) {
      const found = a64
        ? caseFeatures(traces.get(c.index) ?? [], aborts.get(c.index) ?? [], backendOptions(c.jitOptions))
        : new Set<number>();
      const map = on.edges?.get(c.index);
      gains.set(c.index, {
        features: this.features.addIndices(found),
        edges: map && edgeSet ? edgeSet.addCounts(map) : 0,
      });
    }
    return gains;
  }

  summary(): CoverageSummary {
    const features = this.features.size;
    if (this.edges.size === 0) return { features };
    return { features, edges: Object.fromEntries([...this.edges].map(([t, set]) => [t, set.size])) };
  }
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
