// The runs behind a report, made afresh: the case on every build (arm64 and
// each build's x86-64 leg), the sanitizer's reading of the program, and the
// entry's fix.patch on the head build. Then the Markdown, with no path of
// this machine in it.
import { readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname } from "node:path";
import { runDifferential } from "../execution/index.ts";
import { ruleBroken } from "../sanitizer/index.ts";
import {
  cacheRoot,
  ensureTarget,
  findBuiltTarget,
  type Log,
  parseTargetSpec,
  type TargetSpec,
  withX64,
} from "../targets/index.ts";
import { bugReport, isX64, type ReportFacts, type ReportRun } from "./bug-report.ts";
import type { CaseInput } from "./case-input.ts";
import { withoutLocalPaths } from "./local-paths.ts";

export interface ReportOptions {
  /** The build the report is about (upstream HEAD), or null. */
  readonly head: string | null;
  readonly timeoutMs: number;
  /** Run the x86-64 leg of the head build and of each affected arm64 build. */
  readonly x64: boolean;
  readonly log?: Log;
}

export async function gatherFacts(
  input: CaseInput,
  specs: readonly TargetSpec[],
  options: ReportOptions,
): Promise<ReportFacts> {
  const differential = { jitOptions: input.jitOptions, timeoutMs: options.timeoutMs, dump: false };
  const runs: ReportRun[] = [];
  const runOn = async (spec: TargetSpec) => {
    if (runs.some((r) => r.target.name === spec.name)) return;
    const target = await ensureTarget(spec, { log: options.log });
    runs.push({ target, result: await runDifferential(target, input.program, differential) });
  };
  for (const spec of specs) await runOn(spec);
  // Is it arm64-only? HEAD's x86-64 leg says; when HEAD is not affected, those of the builds that are.
  if (options.x64) {
    const legged = (r: ReportRun) => r.target.spec.arch === "arm64" && r.target.spec.source.kind !== "bin";
    const head = runs.find((r) => r.target.name === options.head && legged(r));
    const affected = runs.filter((r) => legged(r) && r.result.verdict !== "pass");
    const legs = head && head.result.verdict !== "pass" ? [head] : [...(head ? [head] : []), ...affected];
    for (const r of legs) await runOn(withX64(r.target.spec));
  }
  const arm64 = runs.filter((r) => !isX64(r));
  const sanitizing = arm64.find((r) => r.target.name === options.head) ?? arm64[0];
  const rule = sanitizing
    ? await ruleBroken(sanitizing.target, readFileSync(input.program, "utf8"), {
        jitOptions: input.jitOptions,
        timeoutMs: options.timeoutMs,
      })
    : undefined;
  // The patch, on HEAD when HEAD has the bug, else on the newest build that has it.
  const affected = arm64.filter((r) => r.result.verdict !== "pass").map((r) => r.target.name);
  const patched = affected.includes(options.head ?? "") ? [options.head!] : affected.reverse();
  return { runs, head: options.head, ruleBroken: rule, fixCheck: await fixCheck(input, patched, options) };
}

/** The entry's patch on the first of these builds whose `+fixes` build is already there and has it. */
async function fixCheck(
  input: CaseInput,
  builds: readonly string[],
  options: ReportOptions,
): Promise<ReportFacts["fixCheck"]> {
  if (!input.fix) return null;
  for (const name of builds) {
    const fixed = await findBuiltTarget(parseTargetSpec(`${name}+fixes`));
    const binary = fixed?.fixes.get(input.name);
    if (!fixed || !binary) continue;
    const result = await runDifferential({ ...fixed, luajit: binary }, input.program, {
      jitOptions: input.jitOptions,
      timeoutMs: options.timeoutMs,
      dump: false,
    });
    return { target: fixed.name, verdict: result.verdict };
  }
  return null;
}

/** The folders of this machine a report must not name. */
function localFolders(input: CaseInput): string[] {
  return [dirname(input.program), cacheRoot(), process.cwd(), tmpdir(), homedir()];
}

export function reportMarkdown(input: CaseInput, facts: ReportFacts): string {
  return withoutLocalPaths(bugReport(input, facts), localFolders(input));
}
