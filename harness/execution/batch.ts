// Runs many programs in one LuaJIT process (batch.lua), in one mode. Starting
// LuaJIT is the dominant cost of a small program, so a campaign screens its
// cases this way and confirms every suspect in a process of its own.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { batchProbeEnvironment, type ProbeLog, parseProbeLog } from "../probe/index.ts";
import { makeScratch, removeScratch } from "../scratch.ts";
import { type Target, type TargetArch, targetCommand } from "../targets/index.ts";
import { EdgeMapFile } from "./edge-map.ts";
import { fastLoad } from "./fast-load.ts";
import type { JitMode } from "./luajit-run.ts";
import { type PrngSeed, seedEnvironment, seedOf } from "./prng-seed.ts";
import { type ProcessOutcome, runProcess } from "./process.ts";

export interface BatchCase {
  readonly index: number;
  readonly path: string;
  readonly jitOptions: readonly string[];
}

/** What one case did inside a batch. */
export interface CaseOutput {
  readonly ok: boolean;
  readonly output: string;
  readonly error: string;
}

export interface BatchRun {
  readonly mode: JitMode;
  /** The machine code's architecture (the oracle reads arm64 only). */
  readonly arch: TargetArch;
  readonly outcome: ProcessOutcome;
  readonly outputs: ReadonlyMap<number, CaseOutput>;
  /** The case that was running when the process ended, if it did not finish. */
  readonly unfinished: number | null;
  readonly probe: ProbeLog | null;
  /** A `+cov` target's JIT-on run: each case's edge counts (harness/coverage/), by case index. */
  readonly edges?: ReadonlyMap<number, Uint8Array>;
}

/**
 * `probe: false` runs JIT-on batches without the probe (nothing recorded):
 * what the programs cost by themselves, for the benchmark.
 */
export async function runBatch(
  target: Target,
  cases: readonly BatchCase[],
  mode: JitMode,
  timeoutMs: number,
  options: { probe?: boolean; env?: Record<string, string>; prngSeed?: PrngSeed } = {},
): Promise<BatchRun> {
  const scratch = makeScratch("batch");
  const edgeMap = target.spec.cov && mode === "on" ? new EdgeMapFile(cases.length) : undefined;
  try {
    const list = join(scratch, "cases.tsv");
    const results = join(scratch, "results.txt");
    const probeOut = join(scratch, "probe.log");
    writeFileSync(list, cases.map((c) => `${c.index}\t${c.jitOptions.join(",")}\t${c.path}\n`).join(""));
    const load = await fastLoad(target);
    // Screening needs what the oracle reads, in the probe's compact format;
    // confirmation runs record everything, as JSON.
    const probe = mode === "on" && options.probe !== false;
    // The batch's own seed, from its programs: the same batch replays.
    const seed = options.prngSeed ?? seedOf(Buffer.concat(cases.map((c) => readFileSync(c.path))));
    const env: Record<string, string> = {
      ...seedEnvironment(target, seed),
      LJFUZZ_BATCH: list,
      LJFUZZ_RESULTS: results,
      LUA_PATH: `${load.luaPath};`,
      ...edgeMap?.env,
      ...options.env,
      ...(probe ? batchProbeEnvironment({ probe: load.probe, out: probeOut }) : {}),
    };
    const args = mode === "on" ? [load.batch] : ["-joff", load.batch];
    const command = targetCommand(target, args);
    const outcome = await runProcess(command.file, command.args, { env, cwd: scratch, timeoutMs });
    // latin1: one char per byte, so batch.lua's byte lengths frame the text.
    const parsed = parseResults(existsSync(results) ? readFileSync(results, "latin1") : "");
    return {
      mode,
      arch: target.spec.arch,
      outcome,
      outputs: parsed.outputs,
      unfinished: parsed.unfinished,
      // latin1 too: the compact format carries machine code as raw bytes.
      probe: mode === "on" && existsSync(probeOut) ? parseProbeLog(readFileSync(probeOut, "latin1")) : null,
      ...(edgeMap ? { edges: caseEdges(edgeMap, cases) } : {}),
    };
  } finally {
    edgeMap?.remove();
    removeScratch(scratch);
  }
}

/** Each case's map, by its index (the runtime counts by position in the list). */
function caseEdges(file: EdgeMapFile, cases: readonly BatchCase[]): Map<number, Uint8Array> {
  const counts = file.read();
  return new Map(cases.map((c, position) => [c.index, counts.cases[position]!] as const));
}

/** Reads batch.lua's results file (as latin1); lengths frame the texts, so any byte may occur in them. */
export function parseResults(text: string): { outputs: Map<number, CaseOutput>; unfinished: number | null } {
  const outputs = new Map<number, CaseOutput>();
  let unfinished: number | null = null;
  let pos = 0;
  while (pos < text.length) {
    const eol = text.indexOf("\n", pos);
    if (eol < 0) break;
    const header = text.slice(pos, eol).split(" ");
    pos = eol + 1;
    if (header[0] === "S") {
      unfinished = Number(header[1]);
    } else if (header[0] === "R" && header.length === 5) {
      const outLength = Number(header[3]);
      const errLength = Number(header[4]);
      if (text.length < pos + outLength + errLength + 1) break;
      const output = text.slice(pos, pos + outLength);
      const error = text.slice(pos + outLength, pos + outLength + errLength);
      pos += outLength + errLength + 1;
      outputs.set(Number(header[1]), { ok: header[2] === "ok", output, error });
      unfinished = null;
    } else {
      break;
    }
  }
  return { outputs, unfinished };
}
