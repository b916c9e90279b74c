// jit.util.traceraw and traceline on real builds: in every catalog build (its
// manifest says so, and the functions are there), a tree whose lib_jit.c is
// not upstream's is built without them, traceraw gives what LuaJIT stores,
// and traceline the line the recorder would join from the other jit.util
// functions. That the probe reads the same records through them as through
// traceir and tracek is probe.test.ts's.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../execution/index.ts";
import { headSourceTrees, luaFile, target } from "../testing/fixtures.ts";
import { CATALOG } from "./catalog.ts";
import { targetCommand } from "./host.ts";
import { patchTraceRaw, TRACE_RAW_PATCH } from "./trace-raw.ts";

// One loop, one trace; its IR read both ways inside the process.
const PROGRAM = `local util = require("jit.util")
local s = 0
for i = 1, 100 do s = s + i * 3 end
jit.off()
local ir, nk, modes, gc64 = util.traceraw(1)
local info = util.traceinfo(1)
local same = #ir == (info.nins + 1 - nk) * 8
for ref = 1, info.nins do
  local m, ot, op1, op2, prev = util.traceir(1, ref)
  local at = (ref - nk) * 8
  local b = { ir:byte(at + 1, at + 8) }
  same = same and ot == b[5] + 256 * b[6] and prev == b[7] + 256 * b[8] and m == modes:byte(b[6] + 1)
end
print(s, same, type(gc64), util.traceraw(99) == nil)
-- The line as the recorder joined it before traceline: a root trace, so no parent.
local mcode, addr, loop = util.tracemc(1)
local parts = { "traceraw", 1, "-", "-", info.link, info.linktype, debug.getinfo(1, "S").source, 3, nk, #ir, ir, addr, loop, 0 }
local prev = addr
for ex = 0, info.nexit - 1 do
  local a = util.traceexitstub(1, ex)
  if not a then break end
  parts[#parts + 1] = a - prev
  parts[14] = parts[14] + 1
  prev = a
end
for _, v in ipairs({ #mcode, mcode, ".\\n" }) do parts[#parts + 1] = v end
print(util.traceline(1) == table.concat(parts, " "), util.traceline(1, 7, 2):match("^traceraw 1 7 2 ") ~= nil, util.traceline(99) == nil)
`;

describe("the trace-raw patch", () => {
  it("is in every catalog build, and gives the IR as traceir reads it", async () => {
    for (const { name } of CATALOG) {
      const built = await target(name);
      expect(built.manifest?.traceRaw, name).toEqual({ patchSha256: TRACE_RAW_PATCH.sha256 });
      const command = targetCommand(built, [luaFile(PROGRAM)]);
      const run = await runProcess(command.file, command.args, {
        timeoutMs: 30_000,
        env: { LUA_PATH: `${built.luaDir}/?.lua;;` },
      });
      expect(run.stdout, name).toBe("15150\ttrue\tboolean\ttrue\ntrue\ttrue\ttrue\n");
    }
  });

  it("fits lib_jit.c as upstream has it, and leaves a tree it does not fit alone", async () => {
    const { work, other, pristine } = await headSourceTrees("src/lib_jit.c");
    expect(await patchTraceRaw(work)).toBe(true);
    expect(readFileSync(join(work, "src", "lib_jit.c"), "utf8")).toContain("LJLIB_CF(jit_util_traceraw)");
    expect(readFileSync(join(work, "src", "lib_jit.c"), "utf8")).toContain("LJLIB_CF(jit_util_traceline)");
    writeFileSync(join(other, "src", "lib_jit.c"), pristine.replace(/jit_util_tracek/g, "jit_util_k"));
    expect(await patchTraceRaw(other)).toBe(false);
    expect(readFileSync(join(other, "src", "lib_jit.c"), "utf8")).not.toContain("traceraw");
  });
});
