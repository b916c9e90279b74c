// What "a run replays" means, checked: two runs of the same program with the
// same PRNG seed give the same verdict, the same output, the same -jdump
// text and traces at the same machine-code addresses. Pure: scripts/replay.ts
// and the tests run the programs, this says what differs.
import type { TargetResult } from "./differential.ts";

export type ReplayAspect = "verdict" | "output" | "dump" | "addresses" | "code";

/** The aspects in which run `b` differs from run `a` (empty: it replayed). */
export function replayDifferences(a: TargetResult, b: TargetResult): ReplayAspect[] {
  const differs: ReplayAspect[] = [];
  if (a.verdict !== b.verdict || a.signal !== b.signal) differs.push("verdict");
  if (output(a) !== output(b)) differs.push("output");
  if (a.dump !== b.dump) differs.push("dump");
  if (addresses(a) !== addresses(b)) differs.push("addresses");
  if (a.traces.map((t) => t.mcode.hex).join() !== b.traces.map((t) => t.mcode.hex).join()) differs.push("code");
  return differs;
}

const output = (r: TargetResult) => JSON.stringify([r.jitOn.stdout, r.jitOn.stderr, r.jitOff.stdout, r.jitOff.stderr]);

/** Every trace's machine-code address and length, as the probe recorded them. */
function addresses(r: TargetResult): string {
  return r.traces.map((t) => `${t.trace}@${t.mcode.address.toString(16)}+${t.mcode.hex.length / 2}`).join(" ");
}
