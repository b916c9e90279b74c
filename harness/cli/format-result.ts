// The human form of a differential result: one line per target, and with
// --details what differed, the traces, and the oracle's findings.
import { normalizeOutput, type TargetResult } from "../execution/index.ts";

/** An x86-64 leg's machine code is not A64: the oracle does not judge it, and says so. */
export const ORACLE_NOT_APPLIED = "oracle not applied: it reads arm64 code only";

export function formatResultLine(result: TargetResult): string {
  const signal = result.signal ?? "";
  const traces = [
    `${result.traces.length} trace${result.traces.length === 1 ? "" : "s"}`,
    ...(result.oracle.applied ? [] : [ORACLE_NOT_APPLIED]),
    replayText(result),
  ].join("; ");
  const line = `${result.target.padEnd(16)} ${result.verdict.padEnd(8)} ${signal.padEnd(8)} ${result.reason} (${traces})`;
  const oracle = result.oracle.findings.map(
    (f) =>
      `${"".padEnd(35)}oracle: ${f.kind} in trace ${f.trace} at +0x${f.offset.toString(16)}: ${f.word}${f.expected ? `, expected ${f.expected} (${f.expectedText})` : ""}`,
  );
  return [line, ...oracle].join("\n");
}

/** The seed the runs were pinned to, or that they could not be: what replaying the result takes. */
export function replayText(result: Pick<TargetResult, "prngSeed" | "replay">): string {
  if (result.replay === "random") return "replay: random";
  return `seed ${result.prngSeed}${result.replay === "code-pinned" ? ", heap addresses random" : ""}`;
}

export function formatResultDetails(result: TargetResult): string {
  const lines: string[] = [];
  const show = (title: string, text: string) => {
    const body = text.trimEnd();
    lines.push(`  ${title}:${body === "" ? " (empty)" : ""}`);
    for (const line of body.split("\n").slice(0, 40)) if (body !== "") lines.push(`    ${line}`);
  };
  lines.push(`  JIT on:  ${result.jitOn.command.join(" ")}`);
  lines.push(
    `           exit ${result.jitOn.exitCode ?? "-"} signal ${result.jitOn.signal ?? "-"} ${result.jitOn.durationMs} ms`,
  );
  lines.push(
    `  JIT off: exit ${result.jitOff.exitCode ?? "-"} signal ${result.jitOff.signal ?? "-"} ${result.jitOff.durationMs} ms`,
  );
  if (normalizeOutput(result.jitOn.stdout) !== normalizeOutput(result.jitOff.stdout)) {
    show("stdout, JIT on", result.jitOn.stdout);
    show("stdout, JIT off", result.jitOff.stdout);
  }
  if (normalizeOutput(result.jitOn.stderr) !== normalizeOutput(result.jitOff.stderr)) {
    show("stderr, JIT on", normalizeOutput(result.jitOn.stderr));
    show("stderr, JIT off", normalizeOutput(result.jitOff.stderr));
  }
  for (const trace of result.traces) {
    lines.push(
      `  trace ${trace.trace}: ${trace.source.replace(/^@/, "")}:${trace.line}, ${trace.ir.length} IR, ${trace.mcode.hex.length / 2} bytes mcode, link ${trace.linkType}`,
    );
  }
  for (const abort of result.aborts)
    lines.push(`  trace ${abort.trace} aborted at ${abort.source.replace(/^@/, "")}:${abort.line}: ${abort.reason}`);
  const { words, pairsPredicted, pairsMatched, unmodeled } = result.oracle.stats;
  if (!result.oracle.applied) lines.push(`  ${ORACLE_NOT_APPLIED}; the verdict compares the two runs`);
  else
    lines.push(
      `  oracle: ${words} words checked, ${pairsPredicted} pairs predicted, ${pairsMatched} matched, ${unmodeled} outside the model`,
    );
  for (const finding of result.oracle.findings) lines.push(finding.text.replace(/^/gm, "  "));
  return lines.join("\n");
}
