// JIT options as LuaJIT's -O flag takes them: "hotloop=1", "hotexit=2",
// "-fold" (an optimization off), "+fuse" (on), or a level "3". Checked up
// front, so a typo is a usage error, not a silently ignored flag.
import { ExitCode, LjfuzzError } from "../errors.ts";

export const DEFAULT_JIT_OPTIONS: readonly string[] = ["hotloop=1"];

const PARAMS = [
  "maxtrace",
  "maxrecord",
  "maxirconst",
  "maxside",
  "maxsnap",
  "minstitch",
  "hotloop",
  "hotexit",
  "tryside",
  "instunroll",
  "loopunroll",
  "callunroll",
  "recunroll",
  "sizemcode",
  "maxmcode",
];
/** LuaJIT's optimization flags, all on at -O3 except fma. */
export const FLAGS: readonly string[] = [
  "fold",
  "cse",
  "dce",
  "narrow",
  "loop",
  "abc",
  "sink",
  "fuse",
  "fwd",
  "dse",
  "fma",
];
/** The flags each level -O0..-O3 turns on (lj_jit.h JIT_F_OPT_0..3). */
const LEVELS: readonly (readonly string[])[] = [
  [],
  ["fold", "cse", "dce"],
  ["fold", "cse", "dce", "narrow", "loop"],
  ["fold", "cse", "dce", "narrow", "loop", "fwd", "dse", "abc", "sink", "fuse"],
];

/** `-flag`, `+flag` or `flag`: the flag and whether it turns it on. */
function flagOption(text: string): { flag: string; on: boolean } | null {
  const m = /^([+-]?)([a-z]+)$/.exec(text);
  return m ? { flag: m[2]!, on: m[1] !== "-" } : null;
}

export function checkJitOption(option: string): string {
  const text = option.trim();
  const param = /^([a-z]+)=(\d+)$/.exec(text);
  if (param && PARAMS.includes(param[1]!)) return text;
  const flag = flagOption(text);
  if (flag && FLAGS.includes(flag.flag)) return text;
  if (/^[0-3]$/.test(text)) return text;
  throw new LjfuzzError(
    ExitCode.usage,
    `unknown JIT option '${option}' (use PARAM=N with ${PARAMS.join("|")}, or [+-]FLAG with ${FLAGS.join("|")}, or a level 0-3)`,
  );
}

/** The -O argument for a list of options. */
export function jitOptionArgument(options: readonly string[]): string {
  return `-O${options.join(",")}`;
}

/** An option without its value: `hotexit=2` is `hotexit`, `-fold` stays. */
export function jitOptionName(option: string): string {
  return option.replace(/=.*$/, "");
}

/**
 * Whether an optimization flag is on after these options, applied in order
 * from LuaJIT's default level 3 (as `-O` and the batch driver's
 * jit.opt.start(3, ...) do): a level sets every flag of it (lj_jit.h
 * JIT_F_OPT_0..3), `-flag` clears one, `+flag` or `flag` sets it.
 */
export function jitFlagEnabled(options: readonly string[], flag: string): boolean {
  let on = LEVELS[3]!.includes(flag);
  for (const option of options) {
    const text = option.trim();
    if (/^[0-3]$/.test(text)) on = LEVELS[Number(text)]!.includes(flag);
    const f = flagOption(text);
    if (f?.flag === flag) on = f.on;
  }
  return on;
}
