// Targets: the LuaJIT builds ljfuzz runs programs on.

export { ensureTarget, ensureTargets, findBuiltTarget, type Log, type Target } from "./build.ts";
export { cacheRoot } from "./cache.ts";
export { CATALOG, type CatalogEntry } from "./catalog.ts";
export { corpusFixes } from "./fixes.ts";
export { aarch64Command, aarch64Launcher, isArm64Host } from "./host.ts";
export { parseTargetSpec, type TargetSource, type TargetSpec, withFixes } from "./source.ts";
