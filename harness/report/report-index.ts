// The index of `report --all`: one line per open bug, with what a
// maintainer asks first: is it in HEAD, does it need options, is it
// arm64-only, which builds have it. Pure: the facts come from report-runs.ts.
import { optionsNeeded, type ReportFacts, type ReportRun, runsArchVerdict } from "./bug-report.ts";
import type { CaseInput } from "./case-input.ts";

export interface IndexedReport {
  readonly input: CaseInput;
  readonly facts: ReportFacts;
  /** The report's file name, relative to the index. */
  readonly file: string;
}

const fails = (r: ReportRun | undefined) => r !== undefined && r.result.verdict !== "pass";

/** Whether the head build has the bug, on arm64 or on its x86-64 leg. */
export function liveOnHead(facts: ReportFacts): boolean {
  return facts.runs.some((r) => (r.target.name === facts.head || r.target.name === `${facts.head}+x64`) && fails(r));
}

/** yes, no, or not run when no x86-64 leg ran (or no arm64 build has the bug). */
export function arm64Only(facts: ReportFacts): "yes" | "no" | "not run" {
  const verdict = runsArchVerdict(facts.runs);
  return verdict.kind === "arm64-only" ? "yes" : verdict.kind === "also-x64" ? "no" : "not run";
}

export function reportIndex(reports: readonly IndexedReport[], head: string | null): string {
  const out = [
    "# Open LuaJIT bugs found by ljfuzz",
    "",
    `One report per bug, each with its reproducer, the builds it was run on afresh, the trace, the cause and a patch${head ? ` against \`${head}\`` : ""}.`,
    "",
    `| bug | live on ${head ? `\`${head}\`` : "HEAD"} | options needed | arm64 only | affected builds |`,
    "|---|---|---|---|---|",
  ];
  for (const { input, facts, file } of reports) {
    const needs = optionsNeeded(input.jitOptions);
    const affected = facts.runs.filter(fails).map((r) => `\`${r.target.name}\``);
    out.push(
      `| [${input.name}](${file}) | ${liveOnHead(facts) ? "yes" : "no"} | ${needs.length > 0 ? `\`-O${needs.join(",")}\`` : "none"} | ${arm64Only(facts)} | ${affected.join(", ") || "none"} |`,
    );
  }
  out.push(
    "",
    `Builds run: ${[...new Set(reports.flatMap((r) => r.facts.runs.map((x) => `\`${x.target.name}\``)))].join(", ")}.`,
  );
  return `${out.join("\n")}\n`;
}
