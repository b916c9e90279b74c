// The checks a sanitized program calls (./instrument.ts puts the calls in),
// as Lua globals defined inside a `do` block on the program's first line:
// the rewrite adds no local and no upvalue to any of the program's
// functions (whose limits a generated program may be near).
//
// Each check gets the site of its operation (line * 2^20 + column, or the
// line alone for library functions, found from the stack). A broken rule
// writes one line to stderr, `MARKER RULE SITE DETAIL`, once per rule and
// site, and then does what the policy says: ignore, report and go on, or
// stop the run (os.exit, which no pcall of the program can catch).
//
// Memory: ffi.new and ctype constructors (`T(n)`, through the cdata
// metatable's __call) record each buffer's bytes. An index or a field checks
// the bytes it touches (ffi.typeinfo gives sizes and offsets); ffi.copy,
// ffi.fill and ffi.string check their ranges. One that names a struct or an
// array checks nothing itself: the field or element read from it is checked
// in turn, and a struct may overhang either end of a buffer its used fields
// lie in. A reported access outside is not made: a load gives 0, a store
// and a copy do nothing, so one run can go on to the next broken rule.
//
// Iteration: `next` (and `pairs`, which returns it) keeps, for each table,
// how far a walk got by the key it reached: n >= 0 while the keys are the
// array part's (n is the next index), -1 once they are hash keys that are
// all numbers or booleans (hashed by value), -2 after one hash key of
// another type; a second hash key after that breaks the rule. By key, not by
// walk, so two walks of one table at once (nested loops) see the same order
// and do not mix.
import { RULES, type RuleAction, type RulePolicy } from "./rules.ts";

/** Starts every line a broken rule writes to stderr. */
export const VIOLATION_MARKER = "ljfuzz-sanitizer: ";

/** The exit status of a run stopped by a broken rule. */
export const STOP_STATUS = 97;

/** A site's line and column, as the checks receive them. */
export const SITE_LINE = 2 ** 20;

const ACTION_CODE: Readonly<Record<RuleAction, number>> = { ignore: 0, report: 1, stop: 2 };

const CHECKS = `do
  local floor, type, tostring, huge = math.floor, type, tostring, math.huge
  local getinfo, stderr, exit, setmetatable = debug.getinfo, io.stderr, os.exit, setmetatable
  local policy, seen = POLICY, {}
  local function caller()
    local level, line = 3, nil
    repeat
      local info = getinfo(level, "l")
      line = info and info.currentline
      level = level + 1
    until not info or (line and line > FIRST_LINE)
    return (line or 0) * ${SITE_LINE}
  end
  local function bad(rule, site, detail)
    local action = policy[rule]
    if action == 0 then return false end
    local key = rule .. site
    if not seen[key] then
      seen[key] = true
      stderr:write("${VIOLATION_MARKER}", rule, " ", site, " ", detail, "\\n")
    end
    if action == 2 then stderr:flush() exit(${STOP_STATUS}) end
    return true
  end
  local function value(r, site)
    if type(r) == "number" then
      if r ~= r or r == huge or r == -huge then bad("finite", site, tostring(r))
      elseif r >= 2^53 or r <= -2^53 then bad("exact", site, tostring(r)) end
    end
    return r
  end
  local function whole(x, site)
    if type(x) == "number" and x ~= floor(x) and x == x and x ~= huge and x ~= -huge then bad("whole", site, tostring(x)) end
  end
  __ljfuzz_add = function(a, b, site) whole(a, site) whole(b, site) return value(a + b, site) end
  __ljfuzz_sub = function(a, b, site) whole(a, site) whole(b, site) return value(a - b, site) end
  __ljfuzz_mul = function(a, b, site) whole(a, site) whole(b, site) return value(a * b, site) end
  __ljfuzz_div = function(a, b, site) return value(a / b, site) end
  __ljfuzz_mod = function(a, b, site) return value(a % b, site) end
  __ljfuzz_pow = function(a, b, site) return value(a ^ b, site) end
  __ljfuzz_stored = function(v, back, site)
    if type(v) ~= "number" or back == v then return end
    if v ~= v then bad("nan-store", site, "nan")
    elseif type(back) == "number" and (v >= 2^31 or v < -2^31) then bad("fits", site, tostring(v)) end
  end
  local ffi = require("ffi")
  local cast, sizeof, typeof, typeinfo, new = ffi.cast, ffi.sizeof, ffi.typeof, ffi.typeinfo, ffi.new
  local copy, fill, tostr = ffi.copy, ffi.fill, ffi.string
  local band, rshift, tonumber = bit.band, bit.rshift, tonumber
  local function address(x) return tonumber(cast("uintptr_t", cast("const char *", x))) end
  local function kind(id) return rshift(typeinfo(id).info, 28) end
  local function resolved(id)
    local k = kind(id)
    while k == 7 or k == 8 do id = band(typeinfo(id).info, 0xffff) k = kind(id) end
    return id, k
  end
  local allocations = {}
  local function allocated(o)
    if type(o) == "cdata" then
      local _, k = resolved(tonumber(typeof(o)))
      if k == 1 or k == 3 then local at = address(o) allocations[#allocations + 1] = { at, at + sizeof(o), o } end
    end
    return o
  end
  ffi.new = function(...) return allocated(new(...)) end
  local meta = debug.getmetatable(new("char[1]"))
  local call = meta.__call
  meta.__call = function(o, ...)
    if tostring(o):sub(1, 6) == "ctype<" then return allocated(call(o, ...)) end
    return call(o, ...)
  end
  local function inside(at, size)
    for i = 1, #allocations do
      local a = allocations[i]
      if at >= a[1] and at + size <= a[2] then return true end
    end
    return false
  end
  local function range(p, size, what, site)
    if type(p) ~= "cdata" or type(size) ~= "number" or size <= 0 then return false end
    return not inside(address(p), size) and bad("memory", site, what .. " (" .. size .. " bytes)")
  end
  ffi.copy = function(dst, src, len)
    local site = caller()
    local n = len or (type(src) == "string" and #src + 1)
    if range(dst, n, "ffi.copy to", site) or (type(src) ~= "string" and range(src, n, "ffi.copy from", site)) then return end
    return copy(dst, src, len)
  end
  ffi.fill = function(dst, len, c)
    if range(dst, len, "ffi.fill", caller()) then return end
    return fill(dst, len, c)
  end
  ffi.string = function(p, len)
    local site = caller()
    if len ~= nil then
      if range(p, tonumber(len), "ffi.string", site) then return "" end
      return tostr(p, len)
    end
    local s = tostr(p)
    range(p, #s + 1, "ffi.string", site)
    return s
  end
  local sink = setmetatable({}, { __index = function() return 0 end, __newindex = function() end })
  local function child(id) return resolved(band(typeinfo(id).info, 0xffff)) end
  local function scalar_size(id)
    local sid, k = resolved(id)
    return k ~= 1 and k ~= 3 and typeinfo(sid).size
  end
  local elements = {}
  local function element(id)
    local bid, kb = resolved(id)
    if kb == 2 and band(typeinfo(bid).info, 0x800000) ~= 0 then bid, kb = child(bid) end
    if kb ~= 2 and kb ~= 3 then return false end
    return scalar_size(band(typeinfo(bid).info, 0xffff))
  end
  __ljfuzz_in = function(b, k, site)
    if type(b) == "cdata" and (type(k) == "number" or type(k) == "cdata") then
      local id = tonumber(typeof(b))
      local size = elements[id]
      if size == nil then size = element(id) elements[id] = size end
      if size and not inside(address(b + k), size) and bad("memory", site, "[" .. tostring(k) .. "]") then return sink end
    end
    return b
  end
  __ljfuzz_at = function(b, k, site) return __ljfuzz_in(b, k, site)[k] end
  local fields = {}
  local function field(id, name)
    local sid, k = resolved(id)
    if k == 2 then sid, k = child(sid) end
    if k ~= 1 then return false end
    local m = typeinfo(sid).sib
    while m do
      local t = typeinfo(m)
      if t.name == name then
        local size = rshift(t.info, 28) == 9 and scalar_size(band(t.info, 0xffff))
        return size and { t.size, size }
      end
      m = t.sib
    end
    return false
  end
  __ljfuzz_of = function(b, name, site)
    if type(b) == "cdata" then
      local id = tonumber(typeof(b))
      local byname = fields[id]
      if not byname then byname = {} fields[id] = byname end
      local f = byname[name]
      if f == nil then f = field(id, name) byname[name] = f end
      if f and not inside(address(b) + f[1], f[2]) and bad("memory", site, "." .. name) then return sink end
    end
    return b
  end
  __ljfuzz_get = function(b, name, site) return __ljfuzz_of(b, name, site)[name] end
  local rawnext = next
  local walks = setmetatable({}, { __mode = "k" })
  next = function(t, k)
    local nk, v = rawnext(t, k)
    if nk ~= nil then
      local at = walks[t]
      if not at then at = {} walks[t] = at end
      local w = k ~= nil and at[k] or 0
      if w >= 0 and (nk == w or (w == 0 and nk == 1)) then at[nk] = nk + 1
      else
        local kt = type(nk)
        local byValue = kt == "number" or kt == "boolean"
        if w == -2 or (w == -1 and not byValue) then bad("order", caller(), kt) end
        at[nk] = byValue and -1 or -2
      end
    end
    return nk, v
  end
  local iterate = next
  pairs = function(t) return iterate, t, nil end
end `;

/** The checks as one line of Lua, for a program whose first statement is on `firstLine`. */
export function checksPrelude(policy: RulePolicy, firstLine: number): string {
  const table = `{ ${RULES.map((rule) => `["${rule}"] = ${ACTION_CODE[policy[rule]]}`).join(", ")} }`;
  return CHECKS.replace("FIRST_LINE", String(firstLine)).replace("POLICY", table).replace(/\n\s*/g, " ");
}
