/**
 * JIT options per case: `hotloop=1` always (traces start at once), and
 * sometimes other parameters or one optimization turned off.
 * (`fma` is left alone: turning it on changes results legitimately, and
 * LuaJIT 2.1.0-beta3 does not know the flag.)
 */
import fc from "fast-check";

export const PARAMS = [
  "hotexit=1",
  "hotexit=2",
  "hotexit=5",
  "recunroll=0",
  "recunroll=1",
  "recunroll=4",
  "callunroll=0",
  "callunroll=1",
  "loopunroll=1",
  "loopunroll=4",
  "loopunroll=30",
  "maxside=2",
  "tryside=1",
  "instunroll=1",
  "instunroll=10",
  "minstitch=0",
  "maxsnap=20",
] as const;

export const FLAGS_OFF = [
  "-fold",
  "-cse",
  "-dce",
  "-fwd",
  "-dse",
  "-narrow",
  "-loop",
  "-abc",
  "-sink",
  "-fuse",
] as const;

export const jitOptions: fc.Arbitrary<readonly string[]> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 2, arbitrary: fc.subarray([...PARAMS], { minLength: 1, maxLength: 3 }) },
    ),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.subarray([...FLAGS_OFF], { minLength: 1, maxLength: 2 }) },
    ),
  )
  .map(([params, flags]) => {
    // One value per parameter: the last one listed would win anyway.
    const byName = new Map(params.map((p) => [p.split("=")[0], p]));
    return ["hotloop=1", ...byName.values(), ...flags];
  });
