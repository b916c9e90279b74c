// Targets: the LuaJIT builds ljfuzz runs programs on.

export { ensureTarget, ensureTargets, findBuiltTarget, type Log, type Target } from "./build.ts";
export { cacheRoot } from "./cache.ts";
export { CATALOG, type CatalogEntry } from "./catalog.ts";
export { targetGcov } from "./coverage-build.ts";
export { corpusFixes } from "./fixes.ts";
export { aarch64Command, archName, isArm64Host, isNative, targetCommand } from "./host.ts";
export {
  parseTargetSpec,
  type TargetArch,
  type TargetSource,
  type TargetSpec,
  uninstrumentedName,
  withFixes,
  withX64,
} from "./source.ts";
