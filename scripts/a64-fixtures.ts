// Records the oracle's test fixtures: every program in oracle/fixtures/programs,
// and the corpus cases the oracle tests name, run with the probe on each
// catalog target (aarch64, under qemu when needed).
//   npx tsx scripts/a64-fixtures.ts [TARGET…]
// Output: oracle/fixtures/<program>.<target>.probe.jsonl. A program that dies
// of SIGILL still leaves its traces on record: the probe flushes each line.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { fastLoad, luajitArguments, runProcess } from "../harness/execution/index.ts";
import { probeEnvironment } from "../harness/probe/index.ts";
import { aarch64Command, CATALOG, ensureTarget, parseTargetSpec } from "../harness/targets/index.ts";

const ROOT = resolve(import.meta.dirname, "..");
const PROGRAMS = join(ROOT, "oracle/fixtures/programs");
/** Corpus cases recorded under a fixture name of their own (kept in one place: the corpus). */
const CORPUS_PROGRAMS: Record<string, string> = {
  pr1028: "corpus/pr1028-ldp-negative-offset/case.lua",
  "pr1028-idle": "corpus/pr1028-ldp-never-executed/case.lua",
  "ldp-unaligned": "corpus/ldp-unaligned-offset/case.lua",
};
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : CATALOG.map((e) => e.name);

for (const name of names) {
  const target = await ensureTarget(parseTargetSpec(name));
  const load = await fastLoad(target);
  const programs: Array<[string, string]> = [
    ...readdirSync(PROGRAMS)
      .filter((f) => f.endsWith(".lua"))
      .sort()
      .map((f): [string, string] => [basename(f, ".lua"), join(PROGRAMS, f)]),
    ...Object.entries(CORPUS_PROGRAMS).map(([fixture, path]): [string, string] => [fixture, join(ROOT, path)]),
  ];
  for (const [fixture, program] of programs) {
    const file = `${fixture}.lua`;
    const out = join(ROOT, "oracle/fixtures", `${fixture}.${name}.probe.jsonl`);
    const env = { ...probeEnvironment({ probe: load.probe, out }), LUA_PATH: `${load.luaPath};` };
    // Run from the repository by a relative path: the chunk names the probe records hold no path of this machine.
    const command = aarch64Command(target.luajit, luajitArguments(relative(ROOT, program), "on", ["hotloop=1"]));
    const outcome = await runProcess(command.file, command.args, { env, cwd: ROOT, timeoutMs: 120_000 });
    const status = outcome.signal ?? `exit ${outcome.exitCode}`;
    console.log(`${name} ${file}: ${status}, ${existsSync(out) ? statSync(out).size : 0} bytes`);
  }
}
