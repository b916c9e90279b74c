// Merging findings into the corpus: bundles from many campaigns and shards,
// deduplicated by signature. One entry per signature, named by the signature
// and the hash of its program (content-addressed), holding the smallest
// program seen, the summed hit count, the first seed and date, and the
// verdict each target gave.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import { signatureSlug } from "../signature/index.ts";
import type { Expectation } from "./entry.ts";

/** A finding bundle as `fuzz` writes it (see campaign/findings.ts). */
export interface Bundle {
  readonly dir: string;
  readonly signature: string;
  readonly source: string;
  readonly seed: number;
  readonly caseIndex: number;
  readonly jitOptions: readonly string[];
  readonly foundAt: string;
  /** The verdict of every target the bundle has a result for. */
  readonly results: Readonly<Record<string, Expectation>>;
  readonly hits: number;
}

function bad(dir: string, why: string): LjfuzzError {
  return new LjfuzzError(ExitCode.corruptCorpus, `corrupt finding bundle ${dir}: ${why}`);
}

export function readBundle(dir: string, hits = 1): Bundle {
  const findingPath = join(dir, "finding.json");
  const casePath = join(dir, "case.lua");
  if (!existsSync(findingPath) || !existsSync(casePath)) throw bad(dir, "needs finding.json and case.lua");
  let finding: Record<string, unknown>;
  try {
    finding = JSON.parse(readFileSync(findingPath, "utf8")) as Record<string, unknown>;
  } catch {
    throw bad(dir, "finding.json is not JSON");
  }
  if (typeof finding.signature !== "string") throw bad(dir, "finding.json has no signature");
  const results: Record<string, Expectation> = {};
  for (const name of readdirSync(dir)) {
    const m = /^result-(.+)\.json$/.exec(name);
    if (!m) continue;
    try {
      const r = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        verdict: Expectation["verdict"];
        signal: string | null;
      };
      results[m[1]!] = { verdict: r.verdict, signal: r.signal ?? null };
    } catch {
      throw bad(dir, `${name} is not JSON`);
    }
  }
  return {
    dir,
    signature: finding.signature,
    source: readFileSync(casePath, "utf8"),
    seed: Number(finding.seed ?? 0),
    caseIndex: Number(finding.caseIndex ?? 0),
    jitOptions: Array.isArray(finding.jitOptions) ? (finding.jitOptions as string[]) : ["hotloop=1"],
    foundAt: statSync(casePath).mtime.toISOString(),
    results,
    hits,
  };
}

/** Every bundle under the given folders (a campaign's --out, or shards of them). */
export function findBundles(roots: readonly string[]): Bundle[] {
  const bundles: Bundle[] = [];
  const visit = (dir: string, depth: number) => {
    if (existsSync(join(dir, "finding.json"))) {
      bundles.push(readBundle(dir, hitsFromSummary(dir)));
      return;
    }
    if (depth > 3) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path, depth + 1);
    }
  };
  for (const root of roots) {
    if (!existsSync(root)) throw new LjfuzzError(ExitCode.missingFile, `no such folder: ${root}`);
    visit(root, 0);
  }
  return bundles;
}

/** A campaign's findings.json counts every hit of a signature. */
function hitsFromSummary(bundleDir: string): number {
  const summary = join(bundleDir, "..", "findings.json");
  if (!existsSync(summary)) return 1;
  try {
    const parsed = JSON.parse(readFileSync(summary, "utf8")) as { findings?: Array<{ bundle: string; count: number }> };
    return parsed.findings?.find((f) => basename(f.bundle) === basename(bundleDir))?.count ?? 1;
  } catch {
    return 1;
  }
}

export interface MergedEntry {
  readonly id: string;
  readonly signature: string;
  readonly hits: number;
  readonly created: boolean;
}

/** Identifies a bundle across merges: the seed and case that produced it. */
function bundleKey(b: Bundle): string {
  return `${b.seed}/${b.caseIndex}/${b.signature}`;
}

export function entryId(signature: string, source: string): string {
  return `${signatureSlug(signature)}-${createHash("sha256").update(source).digest("hex").slice(0, 8)}`;
}

/** Merges bundles into the corpus folder; returns one line per signature. */
export function mergeIntoCorpus(bundles: readonly Bundle[], corpusDir: string): MergedEntry[] {
  const bySignature = new Map<string, Bundle[]>();
  for (const b of bundles) bySignature.set(b.signature, [...(bySignature.get(b.signature) ?? []), b]);
  const existing = existingEntries(corpusDir);
  const merged: MergedEntry[] = [];
  for (const [signature, all] of [...bySignature].sort(([a], [b]) => a.localeCompare(b))) {
    const previous = existing.get(signature);
    // Merging the same campaign twice must not count its hits twice.
    const group = all.filter((b) => !previous?.mergedFrom.includes(bundleKey(b)));
    if (group.length === 0) continue;
    // The smallest program is the best reproducer; ties go to the earliest find.
    const candidates = [...group].sort(
      (a, b) => a.source.length - b.source.length || a.foundAt.localeCompare(b.foundAt),
    );
    const best = candidates[0]!;
    const hits = group.reduce((n, b) => n + b.hits, 0) + (previous?.hits ?? 0);
    const results: Record<string, Expectation> = { ...(previous?.expect ?? {}) };
    for (const b of group) Object.assign(results, b.results);
    // A curated entry's verdicts are its own program's: others only fill in targets it does not list.
    if (previous?.curated) Object.assign(results, previous.expect);
    const first = [...group].sort((a, b) => a.foundAt.localeCompare(b.foundAt))[0]!;
    // A curated entry (written by a person: it names its upstream report)
    // keeps its name, title and program; merging only adds hits and verdicts.
    const curated = previous?.curated;
    const keepPrevious =
      previous !== undefined && (curated !== undefined || previous.sourceLength <= best.source.length);
    const source = keepPrevious ? readFileSync(join(previous.dir, "case.lua"), "utf8") : best.source;
    const id = curated ? basename(previous!.dir) : entryId(signature, source);
    const dir = join(corpusDir, id);
    const meta = {
      id,
      title: curated?.title ?? `ljfuzz finding ${signature}`,
      ...(curated ? { upstream: curated.upstream, ...curated.kept } : {}),
      // Hits of another signature of the entry's bug join it under its own.
      signature: previous?.signature ?? signature,
      ...(previous && previous.alsoSignedAs.length > 0 ? { alsoSignedAs: previous.alsoSignedAs } : {}),
      jitOptions: keepPrevious ? previous.jitOptions : best.jitOptions,
      expect: results,
      shows: Object.entries(results)
        .filter(([, e]) => e.verdict !== "pass")
        .map(([t]) => t),
      clean: Object.entries(results)
        .filter(([, e]) => e.verdict === "pass")
        .map(([t]) => t),
      firstSeen: previous?.firstSeen ?? { seed: first.seed, caseIndex: first.caseIndex, date: first.foundAt },
      hits,
      mergedFrom: [...(previous?.mergedFrom ?? []), ...group.map(bundleKey)],
    };
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    // What else the entry holds (its fix.patch) stays with it.
    if (previous) {
      for (const name of readdirSync(previous.dir))
        if (name !== "case.lua" && name !== "case.json")
          cpSync(join(previous.dir, name), join(tmp, name), { recursive: true });
    }
    writeFileSync(join(tmp, "case.lua"), source);
    writeFileSync(join(tmp, "case.json"), `${JSON.stringify(meta, null, 2)}\n`);
    if (previous && previous.dir !== dir) rmSync(previous.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
    merged.push({ id, signature, hits, created: previous === undefined });
  }
  return merged;
}

interface ExistingEntry {
  readonly dir: string;
  readonly signature: string;
  readonly alsoSignedAs: readonly string[];
  readonly hits: number;
  readonly sourceLength: number;
  readonly jitOptions: readonly string[];
  readonly expect: Record<string, Expectation>;
  readonly firstSeen: unknown;
  readonly mergedFrom: readonly string[];
  /** A person's entry: its title, upstream line, and what else they wrote (fixedUpstream, badCode). */
  readonly curated?: { readonly title: string; readonly upstream: string; readonly kept: Record<string, unknown> };
}

/** The fields of a curated case.json that merging keeps as they are. */
function curatedFields(m: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(["fixedUpstream", "badCode"].filter((k) => m[k] !== undefined).map((k) => [k, m[k]]));
}

function existingEntries(corpusDir: string): Map<string, ExistingEntry> {
  const entries = new Map<string, ExistingEntry>();
  if (!existsSync(corpusDir)) return entries;
  for (const name of readdirSync(corpusDir)) {
    const meta = join(corpusDir, name, "case.json");
    if (!existsSync(meta)) continue;
    const m = JSON.parse(readFileSync(meta, "utf8")) as Record<string, unknown>;
    if (typeof m.signature !== "string") continue;
    const alsoSignedAs = Array.isArray(m.alsoSignedAs) ? (m.alsoSignedAs as string[]) : [];
    const entry: ExistingEntry = {
      dir: join(corpusDir, name),
      signature: m.signature,
      alsoSignedAs,
      hits: Number(m.hits ?? 0),
      sourceLength: readFileSync(join(corpusDir, name, "case.lua"), "utf8").length,
      jitOptions: (m.jitOptions as string[]) ?? ["hotloop=1"],
      expect: (m.expect as Record<string, Expectation>) ?? {},
      firstSeen: m.firstSeen,
      mergedFrom: Array.isArray(m.mergedFrom) ? (m.mergedFrom as string[]) : [],
      ...(typeof m.upstream === "string"
        ? { curated: { title: String(m.title ?? ""), upstream: m.upstream, kept: curatedFields(m) } }
        : {}),
    };
    for (const signature of [m.signature, ...alsoSignedAs]) entries.set(signature, entry);
  }
  return entries;
}
