// Where findings are kept: one reproducer bundle per signature, written the
// moment the signature is first confirmed, so Ctrl-C or a crash of ours
// loses nothing. Later hits of the same signature only count.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomically } from "../atomic-write.ts";
import type { KnownMatch } from "../corpus/index.ts";
import { jitOptionArgument, type TargetResult } from "../execution/index.ts";
import { formatSignature, type Signature, signatureFields, signatureSlug } from "../signature/index.ts";
import { PRNG_SEED_VARIABLE } from "../targets/index.ts";
import type { SeedSweep } from "./confirm.ts";

export interface Hit {
  readonly signature: Signature;
  readonly caseIndex: number;
  readonly seed: number;
  /** Seconds into the campaign when it was confirmed. */
  readonly seconds: number;
  readonly source: string;
  readonly jitOptions: readonly string[];
  readonly result: TargetResult;
  /** The corpus entry that already holds this bug for this target, if any. */
  readonly known?: string | null;
  /** How it was recognized (see corpus/known.ts). */
  readonly knownBy?: KnownMatch["by"] | null;
  /** The seeds it ran at alone, and those it failed at (confirm.ts). */
  readonly seeds?: SeedSweep;
}

/** A signature's line in findings.json (and in `fuzz --json`): its text, its counts, its bundle. */
export interface FindingSummary {
  readonly signature: string;
  readonly verdict: string;
  readonly signal: string | null;
  count: number;
  firstCase: number;
  firstSeconds: number;
  readonly targets: string[];
  /** When each target first showed it (seconds into the campaign). */
  readonly firstSecondsByTarget: Record<string, number>;
  readonly bundle: string;
  /** The corpus entry that holds this bug already (its id), or null: a new bug. */
  known: string | null;
  /**
   * "signature", or "optimizations" when only triage ties it to the entry
   * (probably the same bug; its bundle is there to check).
   */
  knownBy: KnownMatch["by"] | null;
  /** The bundle's case alone: the seeds it ran at and those it failed at (absent when not recorded). */
  seeds?: SeedSweep;
}

export class FindingStore {
  readonly #outDir: string;
  readonly #findings = new Map<string, FindingSummary>();
  /** Signatures whose bundle holds a shrunk program: kept over later, bigger hits. */
  readonly #shrunk = new Set<string>();

  constructor(outDir: string) {
    this.#outDir = outDir;
    mkdirSync(outDir, { recursive: true });
  }

  get findings(): FindingSummary[] {
    return [...this.#findings.values()].sort((a, b) => a.firstCase - b.firstCase);
  }

  /** Whether this signature was confirmed before, on any target. */
  knows(signature: Signature): boolean {
    return this.#findings.has(formatSignature(signature));
  }

  /**
   * A smaller program with the same signature (shrunk): it becomes the
   * bundle's case.lua, the program as found is kept as original.lua, and
   * later hits no longer replace it.
   */
  improve(signature: Signature, smaller: Pick<Hit, "source" | "jitOptions" | "result">): void {
    const text = formatSignature(signature);
    const found = this.#findings.get(text);
    if (!found) return;
    const original = readFileSync(join(found.bundle, "case.lua"), "utf8");
    if (!this.#shrunk.has(text)) writeAtomically(join(found.bundle, "original.lua"), original);
    this.#shrunk.add(text);
    writeBundle(found.bundle, {
      ...smaller,
      signature,
      seed: this.#seedOf(found),
      caseIndex: found.firstCase,
      seconds: found.firstSeconds,
      // The sweep was of the program as found (original.lua): kept with it.
      ...(found.seeds ? { seeds: found.seeds } : {}),
    });
    this.writeSummary();
  }

  #seedOf(found: FindingSummary): number {
    try {
      return Number((JSON.parse(readFileSync(join(found.bundle, "finding.json"), "utf8")) as { seed: number }).seed);
    } catch {
      return 0;
    }
  }

  /** The signature's line in findings.json, once it is confirmed. */
  summary(signature: Signature): FindingSummary | undefined {
    return this.#findings.get(formatSignature(signature));
  }

  /** Whether this signature is already confirmed on this target. */
  has(signature: Signature, target: string): boolean {
    return this.#findings.get(formatSignature(signature))?.targets.includes(target) ?? false;
  }

  /** One more hit of a signature already confirmed on the target. */
  count(signature: Signature, target: string): void {
    const found = this.#findings.get(formatSignature(signature));
    if (!found?.targets.includes(target)) return;
    found.count++;
    this.writeSummary();
  }

  /** Counts a hit; writes its bundle when the signature is new to this target. Returns true when new. */
  record(hit: Hit): boolean {
    const isNew = this.#count(hit);
    this.writeSummary();
    return isNew;
  }

  /** findings.json: every signature with its count, rewritten on each hit. */
  writeSummary(extra: Record<string, unknown> = {}): void {
    writeAtomically(
      join(this.#outDir, "findings.json"),
      `${JSON.stringify({ ...extra, findings: this.findings }, null, 2)}\n`,
    );
  }

  #count(hit: Hit): boolean {
    const text = formatSignature(hit.signature);
    const found = this.#findings.get(text);
    const target = hit.result.target;
    if (found) {
      found.count++;
      const newTarget = !found.targets.includes(target);
      if (newTarget) {
        found.targets.push(target);
        // New on one target is new: a known bug that shows where the corpus does not expect it.
        if (!hit.known) {
          found.known = null;
          found.knownBy = null;
        }
        found.firstSecondsByTarget[target] = Math.round(hit.seconds * 10) / 10;
      }
      // Keep the lowest case index as the reproducer, so that the bundle does
      // not depend on which worker happened to finish first.
      if (hit.caseIndex < found.firstCase) {
        found.firstCase = hit.caseIndex;
        if (hit.seeds) found.seeds = hit.seeds;
        if (!this.#shrunk.has(text)) writeBundle(found.bundle, hit);
      } else if (newTarget && hit.caseIndex === found.firstCase) {
        writeTargetFiles(found.bundle, hit);
      }
      return newTarget;
    }
    const bundle = join(this.#outDir, signatureSlug(text));
    writeBundle(bundle, hit);
    this.#findings.set(text, {
      signature: text,
      verdict: hit.result.verdict,
      signal: hit.result.signal,
      count: 1,
      firstCase: hit.caseIndex,
      firstSeconds: Math.round(hit.seconds * 10) / 10,
      targets: [target],
      firstSecondsByTarget: { [target]: Math.round(hit.seconds * 10) / 10 },
      bundle,
      known: hit.known ?? null,
      knownBy: hit.known ? (hit.knownBy ?? "signature") : null,
      ...(hit.seeds ? { seeds: hit.seeds } : {}),
    });
    return true;
  }
}

export function reproducerSource(hit: Pick<Hit, "signature" | "seed" | "caseIndex" | "source" | "jitOptions">): string {
  const header = [
    `-- ljfuzz finding ${formatSignature(hit.signature)}`,
    `-- seed ${hit.seed}, case ${hit.caseIndex}`,
    // Generated programs carry this line already; `report` and `run` read it.
    ...(/^-- ljfuzz: -O/m.test(hit.source) ? [] : [`-- ljfuzz: ${jitOptionArgument(hit.jitOptions)}`]),
    `-- run: luajit ${jitOptionArgument(hit.jitOptions)} case.lua   (and -joff to compare)`,
  ];
  return `${header.join("\n")}\n${hit.source}`;
}

function writeBundle(bundle: string, hit: Hit): void {
  mkdirSync(bundle, { recursive: true });
  writeAtomically(join(bundle, "case.lua"), reproducerSource(hit));
  const parts = signatureFields(hit.signature);
  const opt = jitOptionArgument(hit.jitOptions);
  // The runs' PRNG seed pins where LuaJIT put the code (a build of ljfuzz's reads it).
  const { prngSeed, replay } = hit.result;
  const pinned = replay === "random" ? "" : `${PRNG_SEED_VARIABLE}=${prngSeed} `;
  writeAtomically(
    join(bundle, "command.txt"),
    [
      `# JIT on, then JIT off (under qemu-aarch64 on x86-64 hosts)${replay === "random" ? "; this build cannot pin its PRNG (replay: random)" : ", with the PRNG seed of the runs recorded here"}:`,
      `${pinned}luajit ${opt} case.lua`,
      `${pinned}luajit ${opt} -joff case.lua`,
      `# the same through ljfuzz, with the verdict:`,
      `npx ljfuzz run case.lua --target ${hit.result.target} ${hit.jitOptions.map((o) => `--jit-opt ${o}`).join(" ")} --prng-seed ${prngSeed}`,
      "",
    ].join("\n"),
  );
  const finding = {
    signature: formatSignature(hit.signature),
    ...parts,
    seed: hit.seed,
    caseIndex: hit.caseIndex,
    jitOptions: hit.jitOptions,
    // The build the commands are for: each build's result file has the seed its own confirmation ran at.
    target: hit.result.target,
    prngSeed,
    replay,
    ...(hit.seeds ? { seeds: hit.seeds } : {}),
  };
  writeAtomically(join(bundle, "finding.json"), `${JSON.stringify(finding, null, 2)}\n`);
  writeTargetFiles(bundle, hit);
}

function writeTargetFiles(bundle: string, hit: Hit): void {
  const { dump, ...result } = hit.result;
  writeAtomically(join(bundle, `result-${hit.result.target}.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (dump) writeAtomically(join(bundle, `dump-${hit.result.target}.txt`), dump);
}
