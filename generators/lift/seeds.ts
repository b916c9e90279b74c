/**
 * Seeds from real programs: corpus entries and LuaJIT's own test suite,
 * lifted into the representation where they fit, kept as text where they
 * do not. Pure: the caller reads the files (harness/ does I/O) and passes
 * their text as binary strings.
 *
 * A test-suite file is a prefix of local definitions and tests written as
 * `do --- name +tags … end`; each test becomes a seed of its own (the
 * prefix statements before it, then the test), so a seed is small and one
 * failing assert does not hide the tests after it. A file without such
 * blocks is one seed.
 */
import type { Statement } from "luaparse";
import luaparse from "luaparse";
import { printProgram } from "../print/lua.ts";
import type { Program } from "../program/ast.ts";
import { liftLua } from "./lift.ts";

export type Seed =
  | {
      readonly kind: "program";
      readonly origin: string;
      /** The text it was lifted from. */
      readonly source: string;
      readonly program: Program;
    }
  | {
      readonly kind: "text";
      readonly origin: string;
      readonly source: string;
      readonly jitOptions: readonly string[];
      /** Why it did not lift. */
      readonly reason: string;
    };

export type SeedFile = { readonly path: string; readonly text: string };

/** What became of one file. */
export type FileReport = {
  readonly path: string;
  readonly tests: number;
  readonly lifted: number;
  /** Tests skipped by their tags (`+slow`), or the whole file when it does not parse. */
  readonly skipped: number;
  readonly reasons: readonly string[];
};

const DEFAULT_OPTIONS = ["hotloop=1"] as const;

/** One program as a seed: lifted, or kept as text with the reason. */
export function seedOf(origin: string, source: string, jitOptions?: readonly string[]): Seed {
  const r = liftLua(source, jitOptions);
  if (r.ok) return { kind: "program", origin, source, program: r.program };
  return { kind: "text", origin, source, jitOptions: jitOptions ?? DEFAULT_OPTIONS, reason: r.reason };
}

/** Corpus entries (`corpus/ID/case.lua` with the entry's JIT options). */
export function corpusSeeds(
  entries: readonly { readonly id: string; readonly source: string; readonly jitOptions: readonly string[] }[],
): Seed[] {
  return entries.map((e) => seedOf(`corpus/${e.id}`, e.source, e.jitOptions));
}

/** Tests whose tags say they are not for a quick run. */
const SKIPPED_TAGS = new Set(["+slow"]);

type Range = readonly [number, number];
const rangeOf = (s: Statement): Range => (s as unknown as { range: Range }).range;

/** The tests of one test-suite file, each with the prefix before it, as seeds. */
export function testFileSeeds(file: SeedFile): { seeds: Seed[]; report: FileReport } {
  let body: Statement[];
  try {
    body = luaparse.parse(file.text, { luaVersion: "LuaJIT", ranges: true, comments: false }).body;
  } catch (e) {
    const reason = `syntax: ${e instanceof Error ? e.message.replace(/^\[\d+:\d+\]\s*/, "") : String(e)}`;
    const seed: Seed = { kind: "text", origin: file.path, source: file.text, jitOptions: DEFAULT_OPTIONS, reason };
    return { seeds: [seed], report: { path: file.path, tests: 1, lifted: 0, skipped: 0, reasons: [reason] } };
  }
  const header = (s: Statement): RegExpExecArray | null =>
    s.type === "DoStatement" ? /^do\s*---\s*([^\n]*)/.exec(file.text.slice(rangeOf(s)[0])) : null;
  const tests = body.filter((s) => header(s) !== null);
  const text = (s: Statement): string => file.text.slice(...rangeOf(s));
  const programs: { origin: string; source: string }[] = [];
  let skipped = 0;
  if (tests.length === 0) programs.push({ origin: file.path, source: file.text });
  for (const t of tests) {
    const line = header(t)![1]!.trim();
    if (line.split(/\s+/).some((tag) => SKIPPED_TAGS.has(tag))) {
      skipped++;
      continue;
    }
    const prefix = body.filter((s) => header(s) === null && rangeOf(s)[0] < rangeOf(t)[0]);
    programs.push({ origin: `${file.path}: ${line}`, source: [...prefix, t].map(text).join("\n") });
  }
  const seeds = programs.map((p) => seedOf(p.origin, p.source));
  const reasons = seeds.flatMap((s) => (s.kind === "text" ? [s.reason] : []));
  return {
    seeds,
    report: { path: file.path, tests: programs.length, lifted: seeds.length - reasons.length, skipped, reasons },
  };
}

/**
 * Every test of a test-suite folder's files (the caller lists them:
 * `*.lua` below the folder, without the runner `test.lua` and the helper
 * modules of `common/`).
 */
export function testSuiteSeeds(files: readonly SeedFile[]): { seeds: Seed[]; reports: FileReport[] } {
  const each = files.map(testFileSeeds);
  return { seeds: each.flatMap((e) => e.seeds), reports: each.map((e) => e.report) };
}

/** Modules every LuaJIT build has; `require` of anything else needs files beside the seed. */
const BUILTIN_MODULES = new Set([
  "ffi",
  "bit",
  "jit",
  "jit.util",
  "jit.profile",
  "table.new",
  "table.clear",
  "string.buffer",
]);

/**
 * Why a seed may not run on its own in a campaign's batch, or not mean
 * the same once printed, or not mean the same JIT on and off: a module it
 * needs that is not built in, files and the environment (io, os), the
 * debug library (lines and locals move when the printer lays the program
 * out anew), or the JIT's own API (a program that looks at its traces,
 * or turns the JIT off, does what it should when it differs). Empty when
 * nothing is known against it.
 */
export function seedIssues(seed: Seed): string[] {
  const text = seed.kind === "program" ? printProgram(seed.program) : seed.source;
  const issues: string[] = [];
  for (const m of text.matchAll(/\brequire\s*\(?\s*["']([^"']+)["']/g))
    if (!BUILTIN_MODULES.has(m[1]!)) issues.push(`requires ${m[1]}`);
  for (const lib of ["io", "os", "debug"]) if (new RegExp(`\\b${lib}\\.\\w`).test(text)) issues.push(`uses ${lib}`);
  if (/\bjit\.(util|attach|status|flush|on|off)\b|require\s*\(?\s*["']jit\.util/.test(text))
    issues.push("uses the JIT's own API");
  return [...new Set(issues)];
}
