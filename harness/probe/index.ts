// The probe: Lua that runs inside LuaJIT and records every trace it compiles
// (probe.lua, probe-record.lua), and the reader of what it wrote.

export { batchProbeEnvironment, PROBE_SCRIPTS, type ProbeLaunch, probeEnvironment } from "./environment.ts";
export type { TraceAbort } from "./events.ts";
export { type ProbeLog, parseProbeLog } from "./probe-log.ts";
