-- ljfuzz batch driver: runs many generated programs in one LuaJIT process,
-- because starting LuaJIT (under qemu, all the more) costs more than running
-- a small program. Between cases it flushes every trace and resets the JIT
-- options, so each case starts as it would in a process of its own.
--
-- Environment: LJFUZZ_BATCH names a list file, one case a line:
--   INDEX <tab> JIT-OPTIONS (comma separated, -O syntax) <tab> PATH
-- LJFUZZ_RESULTS names the results file, written and flushed per case:
--   S INDEX                                    the case started
--   R INDEX ok|err OUTLEN ERRLEN\n OUT ERR\n   the case finished
-- A case that kills the process leaves an S line without its R line.
-- In a `+cov` build whose edge map is shared (LJFUZZ_COV_SHM), the coverage
-- runtime publishes its mark function's address in LJFUZZ_COV_MARK (a
-- static binary has no symbols for ffi.C to find), and each case's edges
-- go to the map of its position in the list (harness/coverage/runtime.c).

local jit = require("jit")
local format, concat, select, tostring = string.format, table.concat, select, tostring

-- The programs' print, capturing instead of writing. Outside main() on
-- purpose: it may be traced as part of a case, like the builtin it replaces.
local captured
local function capture_print(...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring((select(i, ...))) end
  captured[#captured + 1] = concat(parts, "\t")
end

-- LuaJIT's defaults for every parameter a case may change (not the mcode
-- sizes, which a case never touches and which differ between versions).
local DEFAULT_PARAMS = {
  "maxtrace=1000", "maxrecord=4000", "maxirconst=500", "maxside=100", "maxsnap=500",
  "minstitch=0", "hotloop=56", "hotexit=10", "tryside=4", "instunroll=4",
  "loopunroll=15", "callunroll=3", "recunroll=2",
}

local function main()
  local probe_path = os.getenv("LJFUZZ_PROBE")
  local probe = probe_path and dofile(probe_path) or nil
  -- Probe code runs between cases: it must never be traced.
  if probe then jit.off(probe.mark, true) end
  local list = assert(io.open(assert(os.getenv("LJFUZZ_BATCH"))))
  local results = assert(io.open(assert(os.getenv("LJFUZZ_RESULTS")), "w"))
  results:setvbuf("no")
  local jit_on = jit.status()
  local cov_mark = os.getenv("LJFUZZ_COV_MARK")
  if cov_mark then cov_mark = require("ffi").cast("void (*)(int)", tonumber(cov_mark)) end
  local position = -1
  for line in list:lines() do
    local index, opts, path = line:match("^(%d+)\t([^\t]*)\t(.+)$")
    position = position + 1
    if index then
      if jit_on then
        jit.flush()
        jit.opt.start(3, unpack(DEFAULT_PARAMS))
        local o = {}
        for item in opts:gmatch("[^,]+") do o[#o + 1] = item end
        if #o > 0 then jit.opt.start(unpack(o)) end
      end
      if probe then probe.mark(tonumber(index)) end
      if cov_mark then cov_mark(position) end
      results:write("S ", index, "\n")
      captured = {}
      local env = setmetatable({ print = capture_print }, { __index = _G })
      local chunk, err = loadfile(path)
      local ok, msg = false, err
      if chunk then
        setfenv(chunk, env)
        ok, msg = pcall(chunk)
      end
      local out = concat(captured, "\n")
      local errtext = ok and "" or tostring(msg)
      results:write(format("R %s %s %d %d\n", index, ok and "ok" or "err", #out, #errtext), out, errtext, "\n")
      captured = nil
      if cov_mark then cov_mark(-1) end
    end
  end
  list:close()
  results:close()
end

jit.off(main, true)
main()
