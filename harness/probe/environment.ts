// How a LuaJIT process is made to run the probe: the probe's own scripts, and
// the environment variables probe.lua reads. A run of its own starts the probe
// through LUA_INIT, before the program; the batch driver (execution/batch.lua)
// loads it itself, to mark each case, and wants the lean record screening reads.
import { fileURLToPath } from "node:url";

/** probe.lua, and the recorder it loads from beside itself on the first trace event. */
export const PROBE_SCRIPTS = {
  probe: fileURLToPath(new URL("./probe.lua", import.meta.url)),
  recorder: fileURLToPath(new URL("./probe-record.lua", import.meta.url)),
} as const;

export interface ProbeLaunch {
  /** The probe script to load (probe.lua, or its compiled copy beside the recorder's). */
  readonly probe: string;
  /** Where it writes its record. */
  readonly out: string;
  /** Where LuaJIT's own -jdump text goes, when it is kept. */
  readonly dump?: string;
}

/**
 * A JIT-on run of its own: everything recorded, as JSON. LUA_INIT=@FILE runs
 * the probe before the arguments: the same as `-e "dofile(...)"` without a
 * chunk to parse (2% of a print(1) run's instructions under qemu).
 */
export function probeEnvironment(launch: ProbeLaunch): Record<string, string> {
  return { LUA_INIT: `@${launch.probe}`, ...recordTo(launch) };
}

/**
 * A JIT-on batch: the driver loads the probe (it finds it through
 * LJFUZZ_PROBE), which records what the oracle reads, in its compact format.
 */
export function batchProbeEnvironment(launch: ProbeLaunch): Record<string, string> {
  return { ...recordTo(launch), LJFUZZ_PROBE_DETAIL: "lean" };
}

/** The probe finds its recorder through LJFUZZ_PROBE. */
function recordTo(launch: ProbeLaunch): Record<string, string> {
  return {
    LJFUZZ_PROBE: launch.probe,
    LJFUZZ_PROBE_OUT: launch.out,
    ...(launch.dump === undefined ? {} : { LJFUZZ_DUMP_OUT: launch.dump }),
  };
}
