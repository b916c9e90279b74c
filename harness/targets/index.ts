// Targets: the LuaJIT builds ljfuzz runs programs on.
export { CATALOG, type CatalogEntry } from "./catalog.ts";
export { parseTargetSpec, withFixes, type TargetSpec, type TargetSource } from "./source.ts";
export { ensureTarget, ensureTargets, findBuiltTarget, type Target, type Log } from "./build.ts";
export { aarch64Command, aarch64Launcher, isArm64Host } from "./host.ts";
