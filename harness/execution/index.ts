// Running programs on a target: one program per process, JIT on and off,
// judged (differential.ts), or many programs in one process per mode
// (batch.ts), which a campaign screens with.

export { type BatchCase, type BatchRun, type CaseOutput, runBatch } from "./batch.ts";
export {
  type DifferentialOptions,
  differentialResult,
  type JitRun,
  type RunReport,
  runDifferential,
  runJit,
  type TargetResult,
} from "./differential.ts";
export { EdgeMapFile } from "./edge-map.ts";
export { fastLoad, type LoadPaths } from "./fast-load.ts";
export { checkJitOption, DEFAULT_JIT_OPTIONS, FLAGS, jitOptionArgument, jitOptionName } from "./jit-options.ts";
export { type JitMode, luajitArguments, runMode, syntaxError } from "./luajit-run.ts";
export { normalizeOutput } from "./normalize.ts";
export {
  backendOptions,
  checkTraces,
  type OracleFindingSummary,
  type OracleReport,
  type OracleStats,
} from "./oracle-report.ts";
export {
  type PrngSeed,
  parsePrngSeed,
  programSeed,
  type RunReplay,
  runReplay,
  seedEnvironment,
  seedOf,
} from "./prng-seed.ts";
export { type ProcessOutcome, processesStarted, runProcess } from "./process.ts";
export { type ReplayAspect, replayDifferences } from "./replay-check.ts";
export { died, VERDICTS, type Verdict } from "./verdict.ts";
