// The live campaign corpus: the cases that reached something new, kept as
// they were made (their plans), and the source of the campaign's next cases.
// Each case index becomes a fresh case or a mutant of a kept one (breed.ts,
// by the share of share.ts and the energies of energy.ts, from features and edges); what each case
// reached on each target comes back from screening; at the end of its batch
// a case that added a trace feature or an edge, and was no suspect on any
// target, is kept: written to the folder at once (folder.ts) and a parent
// from the next batch on. The policies are pure and tested on their own;
// this class holds their state and writes the files.
import type { CasePlan, GeneratedCase, Mutant } from "../../generators/index.ts";
import { breed } from "./breed.ts";
import { ReachFrequency } from "./energy.ts";
import { type CaseOrigin, caseId, type KeptCase } from "./entry.ts";
import type { CorpusFolder } from "./folder.ts";
import { MutationShare, type SharePolicy } from "./share.ts";

/** A mutant of `parent` (its plan, and the program it printed; splicing from `donor`, when given), deterministic in its arguments. */
export type CaseMutator = (
  parent: { readonly plan: CasePlan; readonly source: string },
  seed: number,
  donor: CasePlan | undefined,
) => Mutant;

export interface LiveCorpusOptions {
  readonly seed: number;
  /** Case `index` drawn fresh by the generator. */
  readonly fresh: (index: number) => GeneratedCase;
  readonly mutate: CaseMutator;
  readonly share: SharePolicy;
  /** Where kept cases are written as they are kept; without one they are kept in memory only. */
  readonly folder?: CorpusFolder;
  /** Cases an earlier campaign kept (readCampaignCorpus): parents from the first batch on. */
  readonly loaded?: readonly KeptCase[];
}

/** What one case reached on one target (harness/campaign/coverage.ts's CaseGain). */
export interface ReachedOnTarget {
  readonly reached: readonly number[];
  readonly added: readonly number[];
  readonly reachedEdges: readonly number[];
  /** How many of its edges were new. */
  readonly edges: number;
  /** Traces it compiled (its cost, for the share). */
  readonly traces: number;
}

export interface MadeCase {
  readonly generated: GeneratedCase;
  readonly origin: CaseOrigin;
}

/** How the campaign's cases were split between fresh ones and mutants, and what each found. */
export interface MutationSummary {
  /** The share of cases made as mutants now (0 to 1). */
  readonly share: number;
  /** Mutants screened so far. */
  readonly mutants: number;
  /** Kept cases (that reached something new) that were mutants, and that were fresh. */
  readonly newFromMutants: number;
  readonly newFromFresh: number;
}

interface Parent {
  readonly id: string;
  readonly plan: CasePlan;
  readonly source: string;
  readonly features: readonly number[];
  readonly edges: Readonly<Record<string, readonly number[]>>;
}

interface Pending {
  readonly made: MadeCase;
  readonly features: Set<number>;
  readonly added: Set<number>;
  readonly edges: Map<string, readonly number[]>;
  newEdges: number;
  traces: number;
  suspect: boolean;
}

export class LiveCorpus {
  readonly #options: LiveCorpusOptions;
  readonly #parents: Parent[] = [];
  readonly #ids = new Set<string>();
  readonly #frequency = new ReachFrequency();
  readonly #share: MutationShare;
  readonly #pending = new Map<number, Pending>();
  #energies: number[] | null = null;
  #mutants = 0;
  #newFromMutants = 0;
  #newFromFresh = 0;

  constructor(options: LiveCorpusOptions) {
    this.#options = options;
    this.#share = new MutationShare(options.share);
    for (const kept of options.loaded ?? []) this.#adopt(kept);
  }

  /** Kept cases, loaded ones included. */
  get size(): number {
    return this.#parents.length;
  }

  /** Case `index`: fresh, or a mutant of a kept case. */
  make(index: number): GeneratedCase {
    const { seed } = this.#options;
    this.#energies ??= this.#parents.map((p) => this.#frequency.energy(p.features, p.edges));
    const choice = breed(seed, index, this.#share.share, this.#energies);
    let made: MadeCase | null = null;
    if (choice.kind === "mutant") {
      const parent = this.#parents[choice.parent]!;
      const donor = choice.donor === null ? undefined : this.#parents[choice.donor]!.plan;
      try {
        const mutant = this.#options.mutate(parent, choice.mutationSeed, donor);
        const origin = { kind: "mutant", seed, index, parent: parent.id, mutator: mutant.mutator } as const;
        made = { generated: mutant, origin };
      } catch {
        // A mutator's bug must not stop the campaign: the index is drawn fresh instead.
        made = null;
      }
    }
    made ??= { generated: this.#options.fresh(index), origin: { kind: "fresh", seed, index } };
    this.#pending.set(index, {
      made,
      features: new Set(),
      added: new Set(),
      edges: new Map(),
      newEdges: 0,
      traces: 0,
      suspect: false,
    });
    return made.generated;
  }

  /** What the cases of a batch reached on `target`, by case index. */
  screened(target: string, gains: ReadonlyMap<number, ReachedOnTarget>): void {
    for (const [index, gain] of gains) {
      this.#frequency.features.add(gain.reached);
      this.#frequency.addEdges(target, gain.reachedEdges);
      this.#energies = null;
      const pending = this.#pending.get(index);
      if (!pending) continue;
      for (const f of gain.reached) pending.features.add(f);
      for (const f of gain.added) pending.added.add(f);
      if (gain.reachedEdges.length > 0) pending.edges.set(target, gain.reachedEdges);
      pending.newEdges += gain.edges;
      pending.traces += gain.traces;
    }
  }

  /** Case `index` was a suspect on some target: such a case is not kept (its mutants would mostly hit the same bug). */
  suspect(index: number): void {
    const pending = this.#pending.get(index);
    if (pending) pending.suspect = true;
  }

  /** The batch of these cases is screened on every target: keeps those that reached something new; returns them. */
  batchDone(indices: readonly number[]): KeptCase[] {
    const kept: KeptCase[] = [];
    const found = { fresh: { cases: 0, found: 0, traces: 0 }, mutant: { cases: 0, found: 0, traces: 0 } };
    for (const index of indices) {
      const pending = this.#pending.get(index);
      if (!pending) continue;
      this.#pending.delete(index);
      const { origin, generated } = pending.made;
      const gain = pending.added.size + pending.newEdges;
      found[origin.kind].cases++;
      found[origin.kind].found += gain;
      found[origin.kind].traces += pending.traces;
      if (origin.kind === "mutant") this.#mutants++;
      if (gain === 0 || pending.suspect) continue;
      const id = caseId(generated.source);
      if (this.#ids.has(id)) continue;
      const entry: KeptCase = {
        id,
        plan: generated.plan,
        source: generated.source,
        features: [...pending.features].sort((a, b) => a - b),
        added: [...pending.added].sort((a, b) => a - b),
        edges: Object.fromEntries([...pending.edges].sort(([a], [b]) => a.localeCompare(b))),
        origin,
      };
      this.#options.folder?.write(entry);
      this.#parents.push({ id, plan: entry.plan, source: entry.source, features: entry.features, edges: entry.edges });
      this.#ids.add(id);
      this.#energies = null;
      if (origin.kind === "mutant") this.#newFromMutants++;
      else this.#newFromFresh++;
      kept.push(entry);
    }
    for (const source of ["fresh", "mutant"] as const) {
      const f = found[source];
      this.#share.record(source, f.cases, f.found, f.traces);
    }
    return kept;
  }

  mutation(): MutationSummary {
    return {
      share: Math.round(this.#share.share * 1000) / 1000,
      mutants: this.#mutants,
      newFromMutants: this.#newFromMutants,
      newFromFresh: this.#newFromFresh,
    };
  }

  /** A loaded case: a parent, and its features counted as one case's. */
  #adopt(kept: KeptCase): void {
    if (this.#ids.has(kept.id)) return;
    const { id, plan, source, features, edges } = kept;
    this.#parents.push({ id, plan, source, features, edges });
    this.#ids.add(id);
    this.#frequency.features.add(features);
    for (const [target, reached] of Object.entries(edges)) this.#frequency.addEdges(target, reached);
  }
}
