// jit.util.traceraw on real builds: in every catalog build (its manifest says
// so, and the function is there), a tree whose lib_jit.c is not upstream's is
// built without it, and the function gives what LuaJIT stores. That the probe
// reads the same records through it as through traceir and tracek is
// probe.test.ts's.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../execution/index.ts";
import { headSourceTrees, luaFile, target } from "../testing/fixtures.ts";
import { CATALOG } from "./catalog.ts";
import { targetCommand } from "./host.ts";
import { patchTraceRaw, TRACE_RAW_PATCH } from "./trace-raw.ts";

// One loop, one trace; its record read against traceinfo, traceir, tracemc,
// traceexitstub and funcinfo inside the process (little-endian hosts).
const PROGRAM = `local util = require("jit.util")
local function f()
  local s = 0
  for i = 1, 100 do s = s + i * 3 end
  return s
end
local start
jit.attach(function(what, tr, func, pc) if what == "start" and not start then start = { func, pc } end end, "trace")
local s = f()
jit.off()
local rec = util.traceraw(1)
local modes, gc64 = util.traceraw()
local function i32(at) local a, b, c, d = rec:byte(at + 1, at + 4); local n = a + b * 256 + c * 65536 + d * 16777216; return n >= 2^31 and n - 2^32 or n end
local function u64(at) return (i32(at) % 2^32) + (i32(at + 4) % 2^32) * 2^32 end
local nk, irlen, link, line, nexit, mclen, loop, srclen, ltlen = i32(0), i32(4), i32(8), i32(12), i32(16), i32(20), i32(24), i32(28), i32(32)
local info, fi = util.traceinfo(1), util.funcinfo(start[1], start[2])
local mcode, addr, mcloop = util.tracemc(1)
local at = 44
local same = u64(36) == addr and loop == mcloop and link == info.link and nexit == info.nexit and line == fi.currentline
same = same and rec:sub(at + 1, at + srclen) == fi.source and rec:sub(at + srclen + 1, at + srclen + ltlen) == info.linktype
at = at + srclen + ltlen
same = same and irlen == (info.nins + 1 - nk) * 8
for ref = 1, info.nins do
  local m, ot, op1, op2, prev = util.traceir(1, ref)
  local o = at + (ref - nk) * 8
  local b = { rec:byte(o + 1, o + 8) }
  same = same and ot == b[5] + 256 * b[6] and prev == b[7] + 256 * b[8] and m == modes:byte(b[6] + 1)
end
at = at + irlen
for ex = 0, nexit - 1 do same = same and u64(at + 8 * ex) == util.traceexitstub(1, ex) end
at = at + 8 * nexit
same = same and rec:sub(at + 1) == mcode and #rec == at + mclen
print(s, same, type(gc64), util.traceraw(99) == nil)
`;

describe("the trace-raw patch", () => {
  it("is in every catalog build, and gives the trace as traceinfo, traceir, tracemc, traceexitstub and funcinfo read it", async () => {
    for (const { name } of CATALOG) {
      const built = await target(name);
      expect(built.manifest?.traceRaw, name).toEqual({ patchSha256: TRACE_RAW_PATCH.sha256 });
      const command = targetCommand(built, [luaFile(PROGRAM)]);
      const run = await runProcess(command.file, command.args, {
        timeoutMs: 30_000,
        env: { LUA_PATH: `${built.luaDir}/?.lua;;` },
      });
      expect(run.stdout, name).toBe("15150\ttrue\tboolean\ttrue\n");
    }
  });

  it("fits lib_jit.c as upstream has it, and leaves a tree it does not fit alone", async () => {
    const { work, other, pristine } = await headSourceTrees("src/lib_jit.c");
    expect(await patchTraceRaw(work)).toBe(true);
    expect(readFileSync(join(work, "src", "lib_jit.c"), "utf8")).toContain("LJLIB_CF(jit_util_traceraw)");
    writeFileSync(join(other, "src", "lib_jit.c"), pristine.replace(/jit_util_tracek/g, "jit_util_k"));
    expect(await patchTraceRaw(other)).toBe(false);
    expect(readFileSync(join(other, "src", "lib_jit.c"), "utf8")).not.toContain("traceraw");
  });
});
