// Targets: the LuaJIT builds ljfuzz runs programs on.

export { ensureTarget, ensureTargets, findBuiltTarget, type Log, type Target } from "./build.ts";
export { cacheRoot } from "./cache.ts";
export { CATALOG, type CatalogEntry } from "./catalog.ts";
export { targetGcov } from "./coverage-build.ts";
export { corpusFixes } from "./fixes.ts";
export { aarch64Command, addressPinning, archName, isArm64Host, isNative, targetCommand } from "./host.ts";
export { PRNG_SEED_VARIABLE, type ReplaySupport } from "./prng-seed.ts";
export {
  parseTargetSpec,
  type TargetArch,
  type TargetSource,
  type TargetSpec,
  uninstrumentedName,
  withFixes,
  withX64,
} from "./source.ts";
export { TRACE_RAW_PATCH } from "./trace-raw.ts";
