// Reproduction: whether a program fails again, and at which of LuaJIT's PRNG
// seeds (where its machine code lands). One policy (policy.ts, reproduce.ts)
// for every stage that runs a program again.

export {
  DEFAULT_SWEEP_SEEDS,
  FIX_CHECK_PLAIN_SEEDS,
  MAX_SWEEP_SEEDS,
  passesNeeded,
  replayRuns,
  TRIAGE_SEEDS,
} from "./policy.ts";
export {
  atSeeds,
  type FailsAt,
  failed,
  fixCheckSeeds,
  passesAtEverySeed,
  type Reproduction,
  type RunAt,
  replays,
  reproduceAt,
  reproduces,
  type SeedRun,
  showsAtAnySeed,
  sweepFile,
} from "./reproduce.ts";
export { seedsFrom, sweepSeeds } from "./seeds.ts";
