// Targets: the LuaJIT builds ljfuzz runs programs on.

export { ensureTarget, ensureTargets, findBuiltTarget, type Log, type Target } from "./build.ts";
export { CATALOG, type CatalogEntry } from "./catalog.ts";
export { targetGcov } from "./coverage-build.ts";
export { aarch64Command, aarch64Launcher, isArm64Host } from "./host.ts";
export { parseTargetSpec, type TargetSource, type TargetSpec, uninstrumentedName, withFixes } from "./source.ts";
