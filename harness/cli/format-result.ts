// The human form of a differential result: one line per target, and with
// --details what differed, the traces, and the oracle's findings.
import type { TargetResult } from "../execution/differential.ts";
import { normalizeOutput } from "../execution/normalize.ts";

export function formatResultLine(result: TargetResult): string {
  const signal = result.signal ?? "";
  const traces = `${result.traces.length} trace${result.traces.length === 1 ? "" : "s"}`;
  return `${result.target.padEnd(16)} ${result.verdict.padEnd(8)} ${signal.padEnd(8)} ${result.reason} (${traces})`;
}

export function formatResultDetails(result: TargetResult): string {
  const lines: string[] = [];
  const show = (title: string, text: string) => {
    const body = text.trimEnd();
    lines.push(`  ${title}:${body === "" ? " (empty)" : ""}`);
    for (const line of body.split("\n").slice(0, 40)) if (body !== "") lines.push(`    ${line}`);
  };
  lines.push(`  JIT on:  ${result.jitOn.command.join(" ")}`);
  lines.push(`           exit ${result.jitOn.exitCode ?? "-"} signal ${result.jitOn.signal ?? "-"} ${result.jitOn.durationMs} ms`);
  lines.push(`  JIT off: exit ${result.jitOff.exitCode ?? "-"} signal ${result.jitOff.signal ?? "-"} ${result.jitOff.durationMs} ms`);
  if (normalizeOutput(result.jitOn.stdout) !== normalizeOutput(result.jitOff.stdout)) {
    show("stdout, JIT on", result.jitOn.stdout);
    show("stdout, JIT off", result.jitOff.stdout);
  }
  if (normalizeOutput(result.jitOn.stderr) !== normalizeOutput(result.jitOff.stderr)) {
    show("stderr, JIT on", normalizeOutput(result.jitOn.stderr));
    show("stderr, JIT off", normalizeOutput(result.jitOff.stderr));
  }
  for (const trace of result.traces) {
    lines.push(`  trace ${trace.trace}: ${trace.source.replace(/^@/, "")}:${trace.line}, ${trace.ir.length} IR, ${trace.mcode.hex.length / 2} bytes mcode, link ${trace.linkType}`);
  }
  for (const abort of result.aborts) lines.push(`  trace ${abort.trace} aborted at ${abort.source.replace(/^@/, "")}:${abort.line}: ${abort.reason}`);
  return lines.join("\n");
}
