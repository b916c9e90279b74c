// The campaign as a person watches it: a live bar on a terminal, a line every
// few seconds otherwise (CI logs), nothing at all with --json.
import cliProgress from "cli-progress";
import { type CampaignProgress, noProgress } from "./progress.ts";

export interface ProgressView {
  update(progress: CampaignProgress): void;
  note(line: string): void;
  stop(): void;
}

export function progressView(options: { quiet: boolean; total?: number; unit: "cases" | "seconds" }): ProgressView {
  if (options.quiet) return { update() {}, note() {}, stop() {} };
  const fields = (p: CampaignProgress) => ({
    cases: p.cases,
    rate: (p.cases / Math.max(p.seconds, 0.001)).toFixed(1),
    traces: p.traces,
    pairs: p.pairs,
    findings: p.findings,
    features: p.features,
    edges: p.edges === null ? "" : ` | ${p.edges} edges`,
  });
  if (process.stderr.isTTY) {
    // A MultiBar of one: it can print lines above the bar without tearing it.
    const multi = new cliProgress.MultiBar(
      {
        format:
          "{bar} {percentage}% | {cases} cases, {rate}/s | {traces} traces | {pairs} pairs fused | {features} features{edges} | {findings} findings",
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(options.total ?? 100, 0, fields(noProgress()));
    return {
      update: (p) => bar.update(options.unit === "cases" ? p.cases : Math.floor(p.seconds), fields(p)),
      note: (line) => multi.log(`${line}\n`),
      stop: () => multi.stop(),
    };
  }
  let last = 0;
  return {
    update(p) {
      if (p.seconds - last < 10) return;
      last = p.seconds;
      const f = fields(p);
      process.stderr.write(
        `ljfuzz: ${Math.round(p.seconds)} s, ${f.cases} cases (${f.rate}/s), ${f.traces} traces, ${f.pairs} pairs fused, ${f.features} features${p.edges === null ? "" : `, ${p.edges} edges`}, ${f.findings} findings\n`,
      );
    },
    note: (line) => process.stderr.write(`ljfuzz: ${line}\n`),
    stop() {},
  };
}
