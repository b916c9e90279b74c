// A bug report for the LuaJIT issue tracker, in Markdown: the reproducer, the
// exact command, which builds are affected, what was expected and what
// happened, and the trace with the bad word marked and the word expected.
import { dirname } from "node:path";
import type { TargetResult } from "../execution/differential.ts";
import { jitOptionArgument } from "../execution/jit-options.ts";
import type { TraceRecord } from "../probe/trace.ts";
import type { Target } from "../targets/build.ts";
import { PRNG_SEED_VARIABLE } from "../targets/prng-seed.ts";
import { archVerdict, archVerdictText } from "./arch-verdict.ts";
import { type CaseInput, programText } from "./case-input.ts";
import { traceExcerpt } from "./trace-excerpt.ts";

export interface ReportRun {
  readonly target: Target;
  readonly result: TargetResult;
}

const fence = (lang: string, text: string) => `\`\`\`${lang}\n${text.trimEnd()}\n\`\`\``;

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

/** The trace the finding is in: the one the oracle points at, else the last compiled. */
function culprit(r: TargetResult): TraceRecord | undefined {
  const flagged = r.oracle.findings[0]?.trace;
  return r.traces.find((t) => t.trace === flagged) ?? r.traces[r.traces.length - 1];
}

export function bugReport(input: CaseInput, runs: readonly ReportRun[]): string {
  const affected = runs.filter((r) => r.result.verdict !== "pass");
  const fine = runs.filter((r) => r.result.verdict === "pass");
  // The arm64 failure leads: the report is about the arm64 backend first.
  const lead = (affected.find((r) => r.target.spec.arch === "arm64") ?? affected[0])?.result;
  const opt = jitOptionArgument(input.jitOptions);
  const out: string[] = [];
  const title =
    input.title ?? (lead ? `arm64: JIT-compiled code ${outcomeText(lead)}` : "arm64: no misbehaviour reproduced");
  out.push(`# ${title}`, "");
  if (input.upstream) out.push(`Known upstream: ${input.upstream}`, "");
  if (lead) {
    out.push(
      `With the JIT on, LuaJIT on arm64 ${lead.verdict === "crash" ? `is ${outcomeText(lead)}` : outcomeText(lead)} on the program below; with the JIT off (\`-joff\`) the same build runs it correctly.`,
      "",
    );
  }
  out.push("## Reproducer", "", fence("lua", programText(input.program)), "");
  out.push(
    "```sh",
    `luajit ${opt} case.lua        # JIT on`,
    `luajit ${opt} -joff case.lua  # JIT off, for comparison`,
    "```",
    "",
  );
  out.push("On an x86-64 machine, run an aarch64 build under `qemu-aarch64`. Found and reduced with ljfuzz.", "");
  if (lead && lead.replay !== "random")
    out.push(
      `The runs below were pinned to PRNG seed ${lead.prngSeed}: ljfuzz's builds read \`${PRNG_SEED_VARIABLE}=${lead.prngSeed}\` to seed LuaJIT's PRNG, which places the machine code, so they replay exactly; a stock build places its code anew in every run.`,
      "",
    );
  out.push("## Affected builds", "", "| build | result |", "|---|---|");
  for (const r of runs) out.push(`| ${buildName(r.target)} | ${outcomeText(r.result)} |`);
  out.push("");
  if (fine.length > 0 && affected.length > 0)
    out.push(`Not affected: ${fine.map((r) => `\`${r.target.name}\``).join(", ")}.`, "");
  const arch = archVerdictText(
    archVerdict(runs.map((r) => ({ name: r.target.name, arch: r.target.spec.arch, verdict: r.result.verdict }))),
  );
  if (arch !== null) out.push(arch, "");
  if (lead) {
    out.push("## Expected and actual", "");
    out.push(
      `Expected (JIT off), exit ${lead.jitOff.exitCode ?? "-"}:`,
      "",
      fence("", lead.jitOff.stdout || "(no output)"),
      "",
    );
    const actual = lead.jitOn.signal ? `killed by ${lead.jitOn.signal}` : `exit ${lead.jitOn.exitCode ?? "-"}`;
    out.push(
      `Actual (JIT on), ${actual}:`,
      "",
      fence("", lead.jitOn.stdout + lead.jitOn.stderr.replace(/^qemu: .*\n?/gm, "") || "(no output)"),
      "",
    );
    const trace = culprit(lead);
    if (trace) {
      out.push("## Trace", "");
      out.push(
        `From \`${lead.target}\`, recorded by ljfuzz's probe as the trace was compiled (the process ${lead.jitOn.signal ? "died" : "ran"} after):`,
        "",
      );
      out.push(fence("", traceExcerpt(trace)), "");
    }
    if (lead.oracle.findings.length > 0) {
      out.push("## Analysis", "");
      // Paths on this machine mean nothing on the tracker: keep file names.
      const local = `${dirname(input.program)}/`;
      for (const f of lead.oracle.findings) out.push(fence("", f.text.split(local).join("")), "");
    }
  }
  if (input.fix)
    out.push(
      "## Suggested fix",
      "",
      "Checked on a patched build: with it, JIT on and off agree on the reproducer.",
      "",
      fence("diff", input.fix.trimEnd()),
      "",
    );
  return `${out.join("\n").trimEnd()}\n`;
}
