-- ljfuzz probe, the recorder: writes every trace LuaJIT compiles, through
-- jit.util, as one line per event (format below and in trace.ts). probe.lua
-- loads it at the first VM event, inside the event's callback, and hands it
-- the output file; see there for why it is not loaded before the program.
--
-- A trace is on record before it runs: a trace that kills the process the
-- moment it runs must not be lost (-jdump's stdio buffer loses it). So JSON
-- mode writes unbuffered; compact mode (batch screening) buffers, and
-- flushes after each trace line and each case marker. Its other lines, the
-- aborts above all (more than one a trace), reach the file with the next
-- flush. Under qemu, writing every line unbuffered cost about 200 ms of a
-- 100-case batch's 1.3 s (measured at one pinned seed). A crash loses only
-- the aborts since the last trace, and the batch driver's results name the
-- case it died in.
-- Its functions run inside VM event callbacks, where LuaJIT never starts a
-- trace (mark, which runs between batch cases, is kept from the JIT by
-- probe.lua), so its own code never shows up among the traces. Nor may they
-- call jit.off or jit.on: any change of JIT mode aborts the trace being
-- recorded.

--- Returns the event handlers, writing to `out`. `lean` (batch screening):
--- no per-bytecode record events, no snapshots, what the oracle needs and
--- nothing more. `compact`: the compact format instead of JSON lines (under
--- qemu, building JSON text per IR instruction took ~40% of a screening
--- batch's CPU time).
return function(out, lean, compact)
  if compact then out:setvbuf("full", 65536) else out:setvbuf("no") end
  local jit = require("jit")
  local util = require("jit.util")
  local bit = require("bit")
  -- Names of opcodes, fields and errors, from the build's jit/vmdef.lua:
  -- loaded at the first event that needs them. Looked up before it is
  -- required: a require that fails throws, and an error thrown inside a
  -- VM event callback aborts the trace being recorded (a binary with no
  -- jit/ folder beside it lost its first trace that way).
  local vmdef, vmdef_loaded
  local function names()
    if not vmdef_loaded then
      vmdef_loaded = true
      vmdef = package.loaded["jit.vmdef"]
      if not vmdef and package.searchpath("jit.vmdef", package.path) then
        local ok, mod = pcall(require, "jit.vmdef")
        vmdef = ok and mod or nil
      end
    end
    return vmdef
  end

  local band, shr = bit.band, bit.rshift
  local format, byte, gsub, sub, find = string.format, string.byte, string.gsub, string.sub, string.find
  local concat = table.concat

  local jstr_cache = setmetatable({}, { __mode = "k" })
  local function jstr_uncached(s)
    s = gsub(s, '[%c"\\\128-\255]', function(c)
      local b = byte(c)
      if c == '"' then return '\\"' end
      if c == "\\" then return "\\\\" end
      if c == "\n" then return "\\n" end
      return format("\\u%04x", b)
    end)
    return '"' .. s .. '"'
  end

  -- Source names repeat on every bytecode: escape each once.
  local function jstr(s)
    local j = jstr_cache[s]
    if not j then
      j = jstr_uncached(s)
      jstr_cache[s] = j
    end
    return j
  end

  local function jnum(n)
    if n ~= n then return '"nan"' end
    if n == math.huge then return '"inf"' end
    if n == -math.huge then return '"-inf"' end
    if n == math.floor(n) and n >= -2^53 and n <= 2^53 then
      if n == 0 and 1 / n < 0 then return '"-0"' end
      return format("%.0f", n)
    end
    return format("%.17g", n)
  end

  -- One write per line (the file is unbuffered): a crash leaves whole lines
  -- and at most one torn last line.
  local function emit(line)
    out:write(line .. "\n")
  end

  local function name6(names, idx)
    if not names then return nil end
    local s = sub(names, idx * 6 + 1, idx * 6 + 6)
    s = gsub(s, " +$", "")
    return s
  end

  local irtypes = {
    [0] = "nil", "fal", "tru", "lud", "str", "p32", "thr", "pro", "fun", "p64",
    "cdt", "tab", "udt", "flt", "num", "i8", "u8", "i16", "u16", "int", "u32",
    "i64", "u64", "sfp",
  }

  -- A constant as JSON: numbers as numbers, 64-bit integer cdata and every other
  -- kind as the text LuaJIT gives them (JSON numbers cannot hold an int64).
  local function kvalue(k)
    local tk = type(k)
    if tk == "number" then return jnum(k) end
    if tk == "string" then return jstr("str:" .. k) end
    if tk == "cdata" then return jstr("cdata:" .. tostring(k)) end
    return jstr(tk .. ":" .. tostring(k))
  end

  -- Bytecode positions the recorder visited, per trace in progress.
  local pending = {}

  local function on_record(tr, func, pc, depth)
    local p = pending[tr]
    if not p or #p.bc >= 4000 then return end
    local vmdef = names()
    local fi = util.funcinfo(func, pc)
    local op
    -- A C function has an addr; a fast function an ffid too. A plain C
    -- function (require, say, stitched into a trace) has no ffid, and
    -- funcbc raises on it: the handler would fail, and say so on stderr.
    if fi.addr then
      op = "FUNC" .. ((fi.ffid or 0) == 0 and "C" or "F")
    else
      local ins = util.funcbc(func, pc)
      op = ins and name6(vmdef and vmdef.bcnames, band(ins, 0xff)) or nil
    end
    p.bc[#p.bc + 1] = format('{"pc":%d,"depth":%d,"source":%s,"line":%d%s}',
      pc, depth, jstr(fi.source or "?"), fi.currentline or -1,
      op and (',"op":' .. jstr(op)) or "")
  end

  -- Also returns the constants the IR refers to: only those are read back.
  -- On 64-bit builds a 64-bit constant takes two IR slots, and tracek on the
  -- second one returns garbage (a fake GC object that crashes when touched),
  -- so walking every constant slot is not safe; -jdump also formats only the
  -- constants instructions use.
  local function ir_json(tr, nins)
    local rows = {}
    local used = {}
    local vmdef = names()
    local irnames = vmdef and vmdef.irnames
    for ins = 1, nins do
      local m, ot, op1, op2, ridsp = util.traceir(tr, ins)
      if not m then break end
      local opn = band(shr(ot, 8), 255)
      local op = name6(irnames, opn) or ("op" .. opn)
      local lit
      local m2 = band(m, 12)
      if band(m, 3) == 0 and op1 < 0 then used[op1] = true end
      if m2 == 0 and op2 < 0 then used[op2] = true end
      if m2 == 4 and vmdef then
        if op == "FLOAD" or op == "FREF" then
          lit = vmdef.irfield and vmdef.irfield[op2]
        elseif op == "CALLN" or op == "CALLA" or op == "CALLL" or op == "CALLS" or op == "CALLXS" then
          lit = vmdef.ircall and vmdef.ircall[op2]
        end
      end
      rows[#rows + 1] = format(
        '{"ref":%d,"op":%s,"type":%s,"mode":%d,"ot":%d,"op1":%d,"op2":%d,"rid":%d,"spill":%d%s}',
        ins, jstr(op), jstr(irtypes[band(ot, 31)] or "?"), m, ot, op1, op2,
        band(ridsp, 255), shr(ridsp, 8), lit and (',"lit":' .. jstr(lit)) or "")
    end
    return "[" .. concat(rows, ",") .. "]", used
  end

  local function k_json(tr, used)
    local refs = {}
    for ref in pairs(used) do refs[#refs + 1] = ref end
    table.sort(refs, function(a, b) return a > b end)
    local rows = {}
    for _, idx in ipairs(refs) do
      local k, t, slot = util.tracek(tr, idx)
      if t ~= nil then
        rows[#rows + 1] = format('{"ref":%d,"type":%s,"value":%s%s}', idx,
          jstr(irtypes[t] or "?"), kvalue(k), slot and format(',"slot":%d', slot) or "")
      end
    end
    return "[" .. concat(rows, ",") .. "]"
  end

  local function snap_json(tr)
    local rows = {}
    for sn = 0, 65535 do
      local snap = util.tracesnap(tr, sn)
      if not snap then break end
      local vals = {}
      for i = 0, #snap do vals[#vals + 1] = jnum(snap[i] or 0) end
      rows[#rows + 1] = "[" .. concat(vals, ",") .. "]"
    end
    return "[" .. concat(rows, ",") .. "]"
  end

  -- Machine code as hex, 64 bytes per format call (a callback per byte is slow under qemu).
  local HEX64 = string.rep("%02x", 64)
  local function hex(s)
    local parts, n = {}, #s
    for i = 1, n, 64 do
      local j = i + 63
      if j > n then
        parts[#parts + 1] = format(string.rep("%02x", n - i + 1), byte(s, i, n))
      else
        parts[#parts + 1] = format(HEX64, byte(s, i, j))
      end
    end
    return concat(parts)
  end

  -- The compact format (lean mode). One line per event, space-separated tokens,
  -- ending in a "." token, so trace.ts can tell a line cut short by a crash:
  --   hello VERSION ARCH .
  --   vmdef IRNAMES NFIELDS FIELD... NCALLS CALL... .   (once, before the first trace)
  --   case INDEX .
  --   abort TRACE SOURCE LINE REASON .
  --   trace TRACE PARENT EXIT LINK LINKTYPE SOURCE LINE
  --         NINS (M OT OP1 OP2 RIDSP)...     jit.util.traceir's raw numbers
  --         NK (REF T SLOT TAG VALUE)...     tag n: number, s: "str:" VALUE,
  --                                          c: "cdata:" VALUE, o: VALUE
  --         ADDRESS LOOP NSTUBS DELTA... MCLEN MCODE .
  --   irmode ... / traceraw ...     the same trace, from jit.util.traceline
  --                                 where the build has it (see there)
  --   flush .
  -- "-" stands for nil; T is the IR type's number. Names (ops, types, fields,
  -- calls) are resolved in TypeScript, from the vmdef line (the build's own
  -- numbering), so a trace costs no per-instruction string work here: its
  -- numbers go to a table, joined once by table.concat. NFIELDS or NCALLS is
  -- "-" when vmdef lacks the list, IRNAMES when it lacks irnames; no vmdef
  -- line at all when jit.vmdef does not load (JSON mode then names no ops).
  -- Strings are escaped (esc): every token is printable ASCII, but MCODE, the
  -- machine code's MCLEN raw bytes (hex was a fifth of the lean probe's cost
  -- under qemu); the reader frames it by length and reads the file as latin1.
  local esc_cache = {}
  local function esc(s)
    local e = esc_cache[s]
    if not e then
      e = s
      -- %XX for bytes that would break the line, its tokens or a utf8 read.
      if find(s, "[%c%s%%\128-\255]") then
        e = gsub(s, "[%c%s%%\128-\255]", function(c) return format("%%%02x", byte(c)) end)
      end
      esc_cache[s] = e
    end
    return e
  end

  -- Beyond 1e14, table.concat's number format (%.14g) rounds; addresses can be.
  local function int(x)
    if x >= 1e14 or x <= -1e14 then return format("%.0f", x) end
    return x
  end

  local vmdef_written = false
  local function compact_vmdef()
    vmdef_written = true
    local vmdef = names()
    if not vmdef then return end
    local b = { "vmdef", vmdef.irnames and esc(vmdef.irnames) or "-" }
    for _, list in ipairs({ vmdef.irfield, vmdef.ircall }) do
      if list then
        b[#b + 1] = #list + 1
        for i = 0, #list do b[#b + 1] = esc(list[i]) end
      else
        b[#b + 1] = "-"
      end
    end
    b[#b + 1] = ".\n"
    out:write(concat(b, " "))
  end

  local traceir, tracek, tracemc, traceexitstub = util.traceir, util.tracek, util.tracemc, util.traceexitstub
  local ktext = setmetatable({}, { __mode = "k" })

  -- Machine code, its address, loop offset and exit stubs, from b[n + 1] on:
  --   ADDRESS LOOP NSTUBS DELTA... MCLEN MCODE .
  -- Exit stubs as differences from the previous one (from the trace address
  -- for the first): small numbers, no string.format.
  local function compact_mcode(tr, info, b, n)
    local mcode, addr, loop = tracemc(tr)
    addr = addr or 0
    b[n + 1], b[n + 2], b[n + 3] = int(addr), loop or -1, 0
    local count
    count, n = n + 3, n + 3
    local prev = addr
    for ex = 0, (info.nexit or 0) - 1 do
      local a = traceexitstub(tr, ex)
      if not a then break end
      n = n + 1
      b[n] = int(a - prev)
      prev = a
    end
    b[count] = n - count
    b[n + 1], b[n + 2], b[n + 3] = mcode and #mcode or 0, mcode or "", ".\n"
    out:write(concat(b, " "))
    out:flush()
  end

  -- KIND TRACE PARENT EXIT LINK LINKTYPE SOURCE LINE, as both trace lines begin: b[1..8].
  local function trace_head(kind, tr, p, info)
    return { kind, tr, p.parent or "-", p.exit or "-", info.link or 0, esc(tostring(info.linktype)), esc(p.source), p.line }
  end

  -- Builds ljfuzz makes have jit.util.traceline and traceraw (harness/
  -- targets/trace-raw.ts): traceline makes a trace's whole traceraw line in
  -- C, the IR as raw bytes, constants included; traceraw gives the IR's
  -- layout for the irmode line. The names the IR needs (ops) come from the
  -- vmdef line, so they are used only where that is written.
  -- LJFUZZ_PROBE_RAW=0 keeps the recorder's own lines, an IR instruction at
  -- a time; =both writes each trace both ways, the traceraw line first
  -- (probe.test compares them).
  local raw_mode = os.getenv("LJFUZZ_PROBE_RAW")
  local traceline = raw_mode ~= "0" and util.traceline or nil
  local raw_only = raw_mode ~= "both"
  local modes_written = false
  --   irmode GC64 N MODE... .     (once, before the first traceraw line)
  --   traceraw TRACE PARENT EXIT LINK LINKTYPE SOURCE LINE NK IRLEN IR
  --            ADDRESS LOOP NSTUBS DELTA... MCLEN MCODE .
  -- IR is IRLEN raw bytes, T->ir[nk..nins-1]; NK is nk - REF_BIAS.
  local function write_traceline(tr, parent, exit)
    if not modes_written then
      modes_written = true
      local _, _, modes, gc64 = util.traceraw(tr)
      out:write(concat({ "irmode", gc64 and 1 or 0, #modes, concat({ byte(modes, 1, -1) }, " "), ".\n" }, " "))
    end
    out:write(traceline(tr, parent, exit))
    out:flush()
  end

  local function compact_trace(tr, p, info)
    local b = trace_head("trace", tr, p, info)
    b[9] = 0
    local count = 9
    local n = count
    local used = {}
    for ins = 1, info.nins or 0 do
      local m, ot, op1, op2, ridsp = traceir(tr, ins)
      if not m then break end
      b[n + 1], b[n + 2], b[n + 3], b[n + 4], b[n + 5] = m, ot, op1, op2, ridsp
      n = n + 5
      -- traceir subtracts REF_BIAS from reference operands only: a negative
      -- operand is always a constant reference (what ir_json tests with mode).
      if op1 < 0 then used[op1] = true end
      if op2 < 0 then used[op2] = true end
    end
    b[count] = (n - count) / 5
    -- Constants in any order: trace.ts sorts them as ir_json/k_json do.
    b[n + 1] = 0
    count, n = n + 1, n + 1
    for ref in pairs(used) do
      local k, t, slot = tracek(tr, ref)
      if t ~= nil then
        local tk = type(k)
        local tag, v = "n", k
        if tk == "number" then
          -- Most are small integers: table.concat writes those exactly. %.17g
          -- round-trips the others and gives nan/inf/-inf as JSON mode's
          -- strings, but -0 as "0".
          if k % 1 ~= 0 or k <= -1e14 or k >= 1e14 or (k == 0 and 1 / k < 0) then
            v = k == 0 and "-0" or format("%.17g", k)
          end
        elseif tk == "string" then
          tag, v = "s", esc(k)
        elseif tk == "cdata" then
          tag, v = "c", esc(tostring(k))
        else
          -- Functions and tables recur from trace to trace: text once each.
          tag, v = "o", ktext[k]
          if not v then
            v = esc(tk .. ":" .. tostring(k))
            if tk == "function" or tk == "table" then ktext[k] = v end
          end
        end
        b[n + 1], b[n + 2], b[n + 3], b[n + 4], b[n + 5] = ref, t, slot or "-", tag, v
        n = n + 5
      end
    end
    b[count] = (n - count) / 5
    compact_mcode(tr, info, b, n)
  end

  -- Where each trace in progress started (compact mode): kept by trace
  -- number in four arrays, not in a table per trace, and turned into a
  -- source and line only where the line needs them (aborts, and builds
  -- without traceline).
  local start_func, start_pc, start_parent, start_exit = {}, {}, {}, {}
  local UNKNOWN_START = { source = "?", line = -1 }
  local function forget_start(tr)
    start_func[tr], start_pc[tr], start_parent[tr], start_exit[tr] = nil, nil, nil, nil
  end
  local function take_start(tr)
    local func, pc, parent, exit = start_func[tr], start_pc[tr], start_parent[tr], start_exit[tr]
    forget_start(tr)
    if not func then return UNKNOWN_START end
    local fi = util.funcinfo(func, pc)
    return { source = fi.source or "?", line = fi.currentline or -1, parent = parent, exit = exit }
  end

  local function abort_reason(code, arg)
    local reason = tostring(code)
    local vmdef = names()
    if vmdef and vmdef.traceerr and type(code) == "number" then
      local msg = vmdef.traceerr[code]
      if msg then reason = format(msg, arg) end
    end
    return reason
  end

  -- The compact mode's handler: the lines above, one per event.
  local function on_trace_compact(what, tr, func, pc, otr, oex)
    if what == "start" then
      start_func[tr], start_pc[tr], start_parent[tr], start_exit[tr] = func, pc, otr, oex
    elseif what == "stop" then
      if not vmdef_written then compact_vmdef() end
      if traceline and vmdef and vmdef.irnames then
        write_traceline(tr, start_parent[tr], start_exit[tr])
        if raw_only then return forget_start(tr) end
      end
      local start = take_start(tr)
      local info = util.traceinfo(tr)
      if info then compact_trace(tr, start, info) end
    elseif what == "abort" then
      local start = take_start(tr)
      out:write(concat({ "abort", tr, esc(start.source), start.line, esc(abort_reason(otr, oex)), ".\n" }, " "))
    elseif what == "flush" then
      start_func, start_pc, start_parent, start_exit = {}, {}, {}, {}
      out:write("flush .\n")
    end
  end

  local function on_trace(what, tr, func, pc, otr, oex)
    if what == "start" then
      local fi = util.funcinfo(func, pc)
      pending[tr] = { bc = {}, source = fi.source or "?", line = fi.currentline or -1,
        parent = otr, exit = oex }
    elseif what == "abort" then
      local p = pending[tr]
      pending[tr] = nil
      emit(format('{"event":"abort","trace":%d,"source":%s,"line":%d,"reason":%s}',
        tr, jstr(p and p.source or "?"), p and p.line or -1, jstr(abort_reason(otr, oex))))
    elseif what == "stop" then
      local p = pending[tr] or { bc = {}, source = "?", line = -1 }
      pending[tr] = nil
      local info = util.traceinfo(tr)
      if not info then return end
      local mcode, addr, loop = util.tracemc(tr)
      local ir, used = ir_json(tr, info.nins or 0)
      local stubs = {}
      for ex = 0, (info.nexit or 0) - 1 do
        local a = util.traceexitstub(tr, ex)
        if not a then break end
        stubs[#stubs + 1] = jnum(a)
      end
      emit(concat({
        '{"event":"trace","trace":', tostring(tr),
        ',"parent":', p.parent and tostring(p.parent) or "null",
        ',"parentExit":', p.exit and tostring(p.exit) or "null",
        ',"source":', jstr(p.source), ',"line":', tostring(p.line),
        ',"link":', tostring(info.link or 0),
        ',"linkType":', jstr(tostring(info.linktype)),
        ',"bytecode":[', concat(p.bc, ","), "]",
        ',"ir":', ir, ',"constants":', k_json(tr, used),
        ',"snapshots":', lean and "[]" or snap_json(tr),
        ',"mcode":{"address":', jnum(addr or 0), ',"loop":', tostring(loop or -1),
        ',"hex":"', mcode and hex(mcode) or "", '"}',
        ',"exitStubs":[', concat(stubs, ","), "]}",
      }))
    elseif what == "flush" then
      pending = {}
      emit('{"event":"flush"}')
    end
  end

  -- Marks the traces after it as case `index`'s (batch driver).
  local function mark(index)
    if compact then
      out:write("case " .. index .. " .\n")
      out:flush()
    else
      emit(format('{"event":"case","index":%d}', index))
    end
  end

  if compact then
    emit(concat({ "hello", esc(jit.version), esc(jit.arch), "." }, " "))
  else
    -- jit.version and jit.arch need no escaping.
    emit('{"event":"hello","version":"' .. jit.version .. '","arch":"' .. jit.arch .. '"}')
  end
  return { trace = compact and on_trace_compact or on_trace, record = on_record, mark = mark }
end
