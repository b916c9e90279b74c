// A bug report for the LuaJIT issue tracker, in Markdown: the reproducer and
// its exact command, whether its behaviour is defined, which builds are
// affected (arm64 and x86-64), what was expected and what happened, the
// trace with the bad code marked, the cause, and the fix. Pure: the runs are
// made by ./report-runs.ts.
import type { TraceRecord } from "../../oracle/trace/index.ts";
import { DEFAULT_JIT_OPTIONS, jitOptionArgument, type TargetResult, type Verdict } from "../execution/index.ts";
import type { Target } from "../targets/index.ts";
import { PRNG_SEED_VARIABLE } from "../targets/index.ts";
import { archVerdict, archVerdictText } from "./arch-verdict.ts";
import { type CaseInput, programText } from "./case-input.ts";
import { hasMarks, type Marks, traceExcerpt } from "./trace-excerpt.ts";

export interface ReportRun {
  readonly target: Target;
  readonly result: TargetResult;
}

/** Everything a report says, measured afresh by report-runs.ts. */
export interface ReportFacts {
  /** Every build the case ran on, arm64 builds and x86-64 legs. */
  readonly runs: readonly ReportRun[];
  /** The build the report is about (upstream HEAD): its verdict leads, its patch is the fix. */
  readonly head: string | null;
  /**
   * The sanitizer's reading of the program, run interpreted: null when it
   * keeps every rule, the rule it breaks, or undefined when it was not run.
   */
  readonly ruleBroken?: string | null;
  /** The entry's fix.patch on the head build: the verdict with it applied, when that build exists. */
  readonly fixCheck?: { readonly target: string; readonly verdict: Verdict } | null;
}

const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text.trimEnd()}\n\`\`\``;

/** The x86-64 leg of a target: built for x86-64, where the oracle does not apply. */
export function isX64(run: ReportRun): boolean {
  return run.target.spec.arch === "x64";
}

/** Whether the bug is arm64-only, as the runs tell. */
export function runsArchVerdict(runs: readonly ReportRun[]) {
  return archVerdict(runs.map((r) => ({ name: r.target.name, arch: r.target.spec.arch, verdict: r.result.verdict })));
}

function outcomeText(r: TargetResult): string {
  if (r.verdict === "pass")
    return r.oracle.applied
      ? "correct (JIT on and off agree)"
      : "correct (JIT on and off agree; x86-64 code, no oracle)";
  if (r.verdict === "crash") return r.signal ? `killed by ${r.signal}` : r.reason;
  if (r.verdict === "oracle")
    return `runs, but its machine code holds a wrong word (${r.oracle.findings[0]?.kind ?? "oracle"})`;
  return `${r.verdict}: ${r.reason}`;
}

function buildName(target: Target): string {
  const m = target.manifest;
  if (!m) return `\`${target.name}\``;
  const p = m.provenance as Record<string, unknown>;
  const origin =
    "package" in p
      ? `Debian source \`${String(p.package)}\` ${String(p.version)}`
      : "commit" in p
        ? `${String(p.url)} at ${String(p.commit).slice(0, 12)}`
        : `local tree`;
  return `\`${target.name}\`: ${m.luajitVersion.split(" -- ")[0]} (${origin})`;
}

/** What the JIT-compiled program does, as the verb phrase of a sentence. */
function misbehaviour(r: TargetResult): string {
  if (r.verdict === "crash") return `is ${outcomeText(r)}`;
  if (r.verdict === "mismatch") return "prints another result than the interpreter";
  if (r.verdict === "oracle") return "compiles a wrong instruction word (it may run here, but not on every core)";
  if (r.verdict === "timeout") return "does not finish";
  return outcomeText(r);
}

/** The build's commit, when it is a commit of a repository (upstream HEAD is). */
function commitOf(target: Target): string | null {
  const p = target.manifest?.provenance as Record<string, unknown> | undefined;
  return p && typeof p.commit === "string" ? p.commit.slice(0, 8) : null;
}

/** The trace the bug is in: the one the oracle points at, else one with marked code, else the last compiled. */
function culprit(r: TargetResult, marks: Marks): TraceRecord | undefined {
  const flagged = r.oracle.findings[0]?.trace;
  return (
    r.traces.find((t) => t.trace === flagged) ??
    r.traces.find((t) => hasMarks(t, marks)) ??
    r.traces[r.traces.length - 1]
  );
}

/** The options beyond ljfuzz's defaults that the bug needs (`-dce`), or none. */
export function optionsNeeded(jitOptions: readonly string[]): string[] {
  return jitOptions.filter((o) => !DEFAULT_JIT_OPTIONS.includes(o));
}

function summary(input: CaseInput, facts: ReportFacts, lead: ReportRun | undefined): string[] {
  if (!lead) return ["No build misbehaves on the program below: the bug did not reproduce."];
  const head = facts.runs.find((r) => r.target.name === facts.head && !isX64(r));
  const where = head ?? lead;
  const commit = commitOf(where.target);
  const what = misbehaviour(where.result);
  const needs = optionsNeeded(input.jitOptions);
  const off =
    where.result.verdict === "oracle"
      ? "JIT on and off print the same here: the word is in the machine code"
      : "with the JIT off (`-joff`) the same build runs it correctly";
  const lines = [
    `With the JIT on, LuaJIT on arm64 (\`${where.target.name}\`${commit ? `, upstream commit ${commit}` : ""}) ${what} on the program below${needs.length > 0 ? ` with \`-O${needs.join(",")}\`` : " with the default optimizations"}; ${off}.`,
  ];
  if (head && head.result.verdict === "pass")
    lines[0] = `\`${head.target.name}\`${commit ? ` (upstream commit ${commit})` : ""} is not affected: JIT on and off agree. Affected: ${facts.runs
      .filter((r) => r.result.verdict !== "pass")
      .map((r) => `\`${r.target.name}\``)
      .join(", ")}.`;
  const arch = archVerdictText(runsArchVerdict(facts.runs));
  if (arch !== null) lines.push(arch);
  return lines;
}

function definedBehaviour(ruleBroken: string | null | undefined): string[] {
  if (ruleBroken === undefined) return [];
  const out = ["## Defined behaviour", ""];
  if (ruleBroken === null)
    out.push(
      "The program's result is defined: ljfuzz's sanitizer ran it interpreted with every arithmetic operation and every FFI load and store checked, and it keeps every rule: no load or store outside the memory it allocated with `ffi.new`, no NaN or infinity, no integer past 2^53, no `+ - *` on fractions (which the JIT may contract into a fused multiply-add), no number stored into a field it does not fit.",
    );
  else
    out.push(
      `ljfuzz's sanitizer reports that the program breaks a rule of defined behaviour (${ruleBroken}): the difference may be no bug of LuaJIT's.`,
    );
  out.push("");
  return out;
}

export function bugReport(input: CaseInput, facts: ReportFacts): string {
  const runs = facts.runs;
  const arm64 = runs.filter((r) => !isX64(r));
  const affected = runs.filter((r) => r.result.verdict !== "pass");
  const fine = runs.filter((r) => r.result.verdict === "pass");
  // The run the details come from: the head build when it is affected, else the newest affected
  // arm64 build (the catalog is listed oldest first).
  const lead =
    arm64.find((r) => r.target.name === facts.head && r.result.verdict !== "pass") ??
    [...arm64].reverse().find((r) => r.result.verdict !== "pass");
  const marks: Marks = { ...input.badCode, offsets: [] };
  const opt = jitOptionArgument(input.jitOptions);
  const out: string[] = [];
  const title =
    input.title ??
    (lead ? `arm64: JIT-compiled code ${outcomeText(lead.result)}` : "arm64: no misbehaviour reproduced");
  out.push(`# ${title}`, "");
  if (input.upstream) out.push(`Known upstream: ${input.upstream}`, "");
  out.push(...summary(input, facts, lead), "");
  const program = programText(input.program);
  const lineCount = program.split("\n").length;
  out.push("## Reproducer", "", `${lineCount} line${lineCount === 1 ? "" : "s"}, saved as \`case.lua\`:`, "");
  out.push(fence("lua", program), "");
  const runTarget = facts.head ?? lead?.target.name ?? arm64[0]?.target.name ?? "TARGET";
  out.push(
    "```sh",
    `luajit ${opt} case.lua        # JIT on`,
    `luajit ${opt} -joff case.lua  # JIT off, for comparison`,
    `npx ljfuzz run case.lua --target ${runTarget} ${input.jitOptions.map((o) => `--jit-opt ${o}`).join(" ")}`,
    "```",
    "",
  );
  out.push(
    "On an x86-64 machine, run an aarch64 build under `qemu-aarch64`. Found and reduced with ljfuzz, which also runs the last command: both runs, the verdict, and the traces it recorded.",
    "",
  );
  if (lead && lead.result.replay !== "random")
    out.push(
      `The runs below were pinned to PRNG seed ${lead.result.prngSeed}: ljfuzz's builds read \`${PRNG_SEED_VARIABLE}=${lead.result.prngSeed}\` to seed LuaJIT's PRNG, which places the machine code, so they replay exactly; a stock build places its code anew in every run.`,
      "",
    );
  out.push(...definedBehaviour(facts.ruleBroken));
  out.push(
    "## Affected builds",
    "",
    "Each run afresh for this report.",
    "",
    "| build | arch | result |",
    "|---|---|---|",
  );
  for (const r of runs)
    out.push(`| ${buildName(r.target)} | ${isX64(r) ? "x86-64" : "arm64"} | ${outcomeText(r.result)} |`);
  out.push("");
  if (fine.length > 0 && affected.length > 0)
    out.push(`Not affected: ${fine.map((r) => `\`${r.target.name}\``).join(", ")}.`, "");
  if (lead) {
    const r = lead.result;
    out.push("## Expected and actual", "", `On \`${lead.target.name}\`:`, "");
    if (r.verdict === "oracle") {
      const f = r.oracle.findings[0];
      out.push(
        `Expected: machine code that is right on every arm64 core. Actual: JIT on and off agree here, but the trace holds ${f ? `\`${f.word}\` (${f.kind})` : "a wrong word"}, marked below.`,
        "",
      );
    } else {
      out.push(
        `Expected (JIT off), exit ${r.jitOff.exitCode ?? "-"}:`,
        "",
        fence("", r.jitOff.stdout || "(no output)"),
        "",
      );
      const actual = r.jitOn.signal ? `killed by ${r.jitOn.signal}` : `exit ${r.jitOn.exitCode ?? "-"}`;
      const printed = r.jitOn.stdout + r.jitOn.stderr.replace(/^qemu: .*\n?/gm, "");
      out.push(`Actual (JIT on), ${actual}:`, "", fence("", printed || "(no output)"), "");
    }
    const trace = culprit(r, { ...marks, offsets: [] });
    if (trace) {
      const flagged = r.oracle.findings.filter((f) => f.trace === trace.trace).map((f) => f.offset);
      out.push("## Trace", "");
      out.push(
        `From \`${lead.target.name}\`, recorded by ljfuzz's probe as the trace was compiled (the process ${r.jitOn.signal ? "died" : "ran"} after); \`>>>\` marks the bad code:`,
        "",
      );
      out.push(fence("", traceExcerpt(trace, { ...marks, offsets: flagged })), "");
    }
    if (r.oracle.findings.length > 0) {
      out.push("## Analysis", "");
      for (const f of r.oracle.findings) out.push(fence("", f.text), "");
    }
  }
  if (input.analysis) out.push("## Cause", "", input.analysis, "");
  if (input.fix) {
    const head = arm64.find((r) => r.target.name === facts.head);
    const commit = head ? commitOf(head.target) : null;
    out.push("## Suggested fix", "");
    const check = facts.fixCheck;
    const against = check && commit && check.target.startsWith(`${facts.head}+`) ? `Against ${commit}. ` : "";
    if (check)
      out.push(
        `${against}Checked afresh on \`${check.target}\` with this patch applied: ${check.verdict === "pass" ? "JIT on and off agree" : `still ${check.verdict}`}.`,
        "",
      );
    else out.push("Checked by ljfuzz's tests on a patched build: with it, JIT on and off agree on the reproducer.", "");
    out.push(fence("diff", input.fix.trimEnd()), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
