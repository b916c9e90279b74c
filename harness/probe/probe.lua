-- ljfuzz probe: runs before the program under test (LUA_INIT=@probe.lua) in
-- the JIT-on run, and records every trace LuaJIT compiles into the file named by
-- LJFUZZ_PROBE_OUT: JSON lines in full mode, compact lines in lean mode
-- (LJFUZZ_PROBE_DETAIL=lean; LJFUZZ_PROBE_FORMAT=json keeps JSON there).
--
-- This part runs before the program: it attaches one VM event handler. The
-- first event opens the file and loads the recorder (probe-record.lua,
-- beside this file), which writes the records. Why: under qemu, every code
-- path LuaJIT takes for the first time in a process is translated, and
-- that, not running it, is what costs. Setting the recorder up before the program made a print(1) run 28%
-- dearer in instructions (callgrind, qemu included); this part makes it
-- about 9%. A program that compiles traces pays the same either way.
--
-- It must not change what the program does: it defines no globals, prints
-- nothing on stdout, and does its work inside VM event callbacks, where LuaJIT
-- never starts a trace, so its own code never shows up among the traces.

local out_path = os.getenv("LJFUZZ_PROBE_OUT")
if not out_path then return end

local lean = os.getenv("LJFUZZ_PROBE_DETAIL") == "lean"
local compact = lean and os.getenv("LJFUZZ_PROBE_FORMAT") ~= "json"
local dump_path = os.getenv("LJFUZZ_DUMP_OUT")
local dumping = dump_path ~= nil and dump_path ~= ""

local recorder
local function on_record(...) return recorder.record(...) end
local function on_trace(...) return recorder.trace(...) end

-- Opens the file and loads the recorder; then, unless -jdump's handlers are
-- there to chain to (below), attaches its handlers in place of the first.
-- A run that compiles nothing leaves no file, which reads as an empty log.
local function load_recorder()
  -- Not assert(): a function run for the first time costs (qemu translates
  -- it), and this check never fails.
  local out = io.open(out_path, "w")
  if not out then error("ljfuzz probe: cannot write " .. out_path) end
  local path = os.getenv("LJFUZZ_PROBE"):gsub("probe%.lua$", "probe-record.lua")
  recorder = dofile(path)(out, lean, compact)
  if not dumping then
    -- Attaching a handler inside a VM event does not abort the trace in
    -- progress (a change of JIT mode would), and the first trace event
    -- comes before its trace records its first bytecode.
    if not lean then jit.attach(on_record, "record") end
    jit.attach(on_trace, "trace")
  end
  return recorder
end

if not dumping then
  jit.attach(function(...) return (recorder or load_recorder()).trace(...) end, "trace")
else
  -- -jdump text for people: its setup runs Lua code, so no traces meanwhile
  -- (trace numbers then match a run without the probe).
  jit.off()
  load_recorder()
  -- jit.dump opens its file with full stdio buffering, which a crash loses;
  -- hand it a line-buffered file instead.
  local ok, dump = pcall(require, "jit.dump")
  if ok then
    local real_open = io.open
    io.open = function(...)
      local f, err = real_open(...)
      if f then f:setvbuf("line") end
      return f, err
    end
    pcall(dump.on, "tbimrsx", dump_path)
    io.open = real_open
  end
  -- jit.attach keeps one handler per event: chain to the one already there
  -- (jit.dump's), or attaching ours would silence it.
  local function attach_chained(fn, event)
    local events = debug.getregistry()._VMEVENTS
    local before = {}
    if events then for k, v in pairs(events) do before[k] = v end end
    jit.attach(fn, event)
    events = debug.getregistry()._VMEVENTS
    local prev
    for k, v in pairs(events) do
      if v == fn and before[k] then prev = before[k] end
    end
    if prev then
      local both = function(...) fn(...); prev(...) end
      jit.off(both, true)
      jit.attach(both, event)
    end
  end
  if not lean then attach_chained(on_record, "record") end
  attach_chained(on_trace, "trace")
  jit.on()
end

-- What a batch driver needs (batches are lean; a single run needs nothing):
-- a marker line that says which case the traces after it belong to. Batches
-- load the recorder at once: what it costs is nothing beside a batch's, and
-- the log then starts with its hello line.
if not lean then return end
return {
  mark = function(index)
    if not recorder then
      load_recorder()
      jit.off(recorder.mark, true)
    end
    recorder.mark(index)
  end,
}
