// A corpus entry: one folder under corpus/ holding the program (case.lua)
// and what each target must make of it (case.json). Read strictly: a corpus
// entry that does not validate is an error with its own exit code, never a
// silently skipped regression.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ExitCode, LjfuzzError } from "../errors.ts";
import {
  checkJitOption,
  type PrngSeed,
  parsePrngSeed,
  programSeed,
  VERDICTS,
  type Verdict,
} from "../execution/index.ts";
import { DEFAULT_CORPUS } from "../repository.ts";
import { parseSignature, type Signature } from "../signature/index.ts";

export interface Expectation {
  readonly verdict: Verdict;
  readonly signal: string | null;
  /**
   * Other outcomes that count as the same: some bugs corrupt memory, and
   * whether that gives a wrong result or a SIGSEGV depends on where LuaJIT
   * put its code in that run (`"or": [{ "verdict": "crash", "signal": "SIGSEGV" }]`).
   */
  readonly or?: readonly Expectation[];
}

/** The upstream change that fixed an entry's bug (case.json `fixedUpstream`). */
export interface UpstreamFix {
  /**
   * The commit, abbreviated as upstream's log shows it (at least 7 hex digits);
   * null when only the first fixed build is known (no upstream history at hand).
   */
  readonly commit: string | null;
  /** The first catalog build that has the fix, when the commit is not named. */
  readonly firstFixedIn: string | null;
  /** The report or pull request, e.g. `#1056`, when there is one. */
  readonly issue: string | null;
}

/**
 * Where the bad code is in a trace, for a report to mark: patterns matched
 * against the IR lines and the disassembled machine code of the trace the
 * bug is in. A wrong result the oracle cannot place has no word of its own
 * to point at; the entry's author knows which it is.
 */
export interface BadCode {
  readonly ir: readonly RegExp[];
  readonly mcode: readonly RegExp[];
}

/** Every outcome an expectation accepts: itself, then its alternatives. */
export function acceptedOutcomes(expected: Expectation): readonly Expectation[] {
  return [expected, ...(expected.or ?? [])];
}

export interface CorpusEntry {
  readonly id: string;
  readonly dir: string;
  readonly program: string;
  readonly title: string;
  readonly upstream: string | null;
  /** The campaign signature of the bug, when known: how `fuzz` recognizes a hit of it. */
  readonly signature: Signature | null;
  /**
   * Other signatures the same bug was signed with in other programs (the
   * options a failure needs, and those that hide it, depend on the rest of
   * the program), each entered after its reduced program showed the same bug.
   */
  readonly alsoSignedAs: readonly Signature[];
  readonly jitOptions: readonly string[];
  readonly expect: Readonly<Record<string, Expectation>>;
  /** fix.patch beside case.lua, when the entry has one: a change to LuaJIT's sources that fixes the bug. */
  readonly fixPatch: string | null;
  /** The upstream commit that fixed the bug; null while it is open upstream (or in the fork it is in). */
  readonly fixedUpstream: UpstreamFix | null;
  /** analysis.md beside case.lua: what goes wrong and in which function, as a report says it. */
  readonly analysis: string | null;
  readonly badCode: BadCode;
  /**
   * The PRNG seed its runs are pinned to (execution/prng-seed.ts): case.json's
   * `prngSeed`, else the program's own (from case.lua's bytes).
   */
  readonly prngSeed: PrngSeed;
}

/** An entry whose bug no upstream change has fixed yet: the ones a report is filed for. */
export function isOpen(entry: CorpusEntry): boolean {
  return entry.fixedUpstream === null;
}

function corrupt(dir: string, why: string): LjfuzzError {
  return new LjfuzzError(ExitCode.corruptCorpus, `corrupt corpus entry ${dir}: ${why}`);
}

export function readEntry(dir: string): CorpusEntry {
  const metaPath = join(dir, "case.json");
  const program = join(dir, "case.lua");
  if (!existsSync(metaPath)) throw corrupt(dir, "no case.json");
  if (!existsSync(program)) throw corrupt(dir, "no case.lua");
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch (error) {
    throw corrupt(dir, `case.json is not JSON (${(error as Error).message})`);
  }
  if (typeof meta !== "object" || meta === null) throw corrupt(dir, "case.json is not an object");
  const m = meta as Record<string, unknown>;
  if (typeof m.id !== "string" || m.id === "") throw corrupt(dir, "case.json has no id");
  if (typeof m.title !== "string") throw corrupt(dir, "case.json has no title");
  const signature =
    m.signature === undefined ? null : typeof m.signature === "string" ? parseSignature(m.signature) : null;
  if (m.signature !== undefined && signature === null)
    throw corrupt(dir, "signature must be a string VERDICT:SIGNAL:KIND:WHERE");
  const alsoSignedAs = (Array.isArray(m.alsoSignedAs ?? []) ? ((m.alsoSignedAs ?? []) as unknown[]) : [null]).map(
    (x) => (typeof x === "string" ? parseSignature(x) : null),
  );
  if (alsoSignedAs.includes(null))
    throw corrupt(dir, "alsoSignedAs must be a list of signatures VERDICT:SIGNAL:KIND:WHERE");
  const jitOptions = m.jitOptions ?? ["hotloop=1"];
  if (!Array.isArray(jitOptions) || !jitOptions.every((o) => typeof o === "string"))
    throw corrupt(dir, "jitOptions must be a list of strings");
  try {
    jitOptions.forEach(checkJitOption);
  } catch (error) {
    throw corrupt(dir, (error as Error).message);
  }
  let prngSeed = programSeed(program);
  if (m.prngSeed !== undefined) {
    if (typeof m.prngSeed !== "number") throw corrupt(dir, "prngSeed must be a number");
    try {
      prngSeed = parsePrngSeed(String(m.prngSeed));
    } catch (error) {
      throw corrupt(dir, (error as Error).message);
    }
  }
  if (typeof m.expect !== "object" || m.expect === null || Array.isArray(m.expect))
    throw corrupt(dir, "case.json has no expect object");
  const expect: Record<string, Expectation> = {};
  for (const [target, value] of Object.entries(m.expect as Record<string, unknown>)) {
    const e = value as Record<string, unknown> | null;
    if (typeof e !== "object" || e === null || !VERDICTS.includes(e.verdict as Verdict)) {
      throw corrupt(dir, `expect.${target}.verdict must be one of ${VERDICTS.join(", ")}`);
    }
    expect[target] = { ...outcome(dir, `expect.${target}`, e), ...alternatives(dir, target, e.or) };
  }
  const analysisPath = join(dir, "analysis.md");
  return {
    id: m.id,
    dir,
    program,
    title: m.title,
    upstream: typeof m.upstream === "string" ? m.upstream : null,
    signature,
    alsoSignedAs: alsoSignedAs as Signature[],
    jitOptions: jitOptions as string[],
    expect,
    fixPatch: existsSync(join(dir, "fix.patch")) ? join(dir, "fix.patch") : null,
    fixedUpstream: upstreamFix(dir, m.fixedUpstream, expect),
    analysis: existsSync(analysisPath) ? readFileSync(analysisPath, "utf8").trim() : null,
    badCode: badCode(dir, m.badCode),
    prngSeed,
  };
}

/** Every entry of a corpus folder, in name order. */
export function readCorpus(root: string = DEFAULT_CORPUS): CorpusEntry[] {
  const full = resolve(root);
  if (!existsSync(full) || !statSync(full).isDirectory())
    throw new LjfuzzError(ExitCode.missingFile, `no corpus folder: ${root}`);
  return readdirSync(full)
    .filter((name) => statSync(join(full, name)).isDirectory())
    .sort()
    .map((name) => readEntry(join(full, name)));
}

function outcome(dir: string, where: string, e: Record<string, unknown>): Expectation {
  if (!VERDICTS.includes(e.verdict as Verdict))
    throw corrupt(dir, `${where}.verdict must be one of ${VERDICTS.join(", ")}`);
  if (e.signal !== undefined && e.signal !== null && typeof e.signal !== "string")
    throw corrupt(dir, `${where}.signal must be a string or null`);
  return { verdict: e.verdict as Verdict, signal: (e.signal as string | null | undefined) ?? null };
}

function alternatives(dir: string, target: string, or: unknown): Pick<Expectation, "or"> {
  if (or === undefined) return {};
  if (!Array.isArray(or) || !or.every((x) => typeof x === "object" && x !== null))
    throw corrupt(dir, `expect.${target}.or must be a list of { verdict, signal }`);
  return { or: (or as Record<string, unknown>[]).map((x, i) => outcome(dir, `expect.${target}.or[${i}]`, x)) };
}

function upstreamFix(dir: string, value: unknown, expect: Readonly<Record<string, Expectation>>): UpstreamFix | null {
  if (value === undefined || value === null) return null;
  const v = (typeof value === "object" ? value : {}) as Record<string, unknown>;
  const commit = typeof v.commit === "string" && /^[0-9a-f]{7,40}$/.test(v.commit) ? v.commit : null;
  const firstFixedIn = typeof v.firstFixedIn === "string" ? v.firstFixedIn : null;
  if ((commit === null && firstFixedIn === null) || (v.commit !== undefined && commit === null))
    throw corrupt(
      dir,
      "fixedUpstream must be { commit: a hex commit id, issue?: string } or { firstFixedIn: a target }",
    );
  if (v.issue !== undefined && typeof v.issue !== "string") throw corrupt(dir, "fixedUpstream.issue must be a string");
  // A build named as fixed must be one the entry expects to pass: a claim the regression replays.
  if (firstFixedIn !== null && expect[firstFixedIn]?.verdict !== "pass")
    throw corrupt(dir, `fixedUpstream.firstFixedIn ${firstFixedIn} is not a build the entry expects to pass`);
  return { commit, firstFixedIn, issue: (v.issue as string | undefined) ?? null };
}

function badCode(dir: string, value: unknown): BadCode {
  if (value === undefined) return { ir: [], mcode: [] };
  const v = value as Record<string, unknown>;
  const patterns = (key: "ir" | "mcode"): RegExp[] => {
    const list = v[key] ?? [];
    if (!Array.isArray(list) || !list.every((x) => typeof x === "string"))
      throw corrupt(dir, `badCode.${key} must be a list of regular expressions`);
    return list.map((x: string) => {
      try {
        return new RegExp(x);
      } catch (error) {
        throw corrupt(dir, `badCode.${key}: ${(error as Error).message}`);
      }
    });
  };
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw corrupt(dir, "badCode must be { ir?: [pattern], mcode?: [pattern] }");
  return { ir: patterns("ir"), mcode: patterns("mcode") };
}
