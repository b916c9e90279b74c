-- Found by ljfuzz on openresty-2025 (seed 20261124, case 12973) with the
-- default optimizations (only hotloop=1): the JIT-compiled loop prints
-- -2147483647 where the interpreter prints -16777215, on every build.
--
-- `h + h` is a Lua number (h is an int32 hash, so the sum can leave int32)
-- converted to int64 by ffi.cast("int64_t", ...). The trace computes it as a
-- 32-bit `int ADD` and sign-extends the result (-jdump: 0030 int ADD 0018 0018;
-- 0031 i64 CONV 0030 i64.int sext): narrowing the addition under a conversion
-- to int64 loses the overflow the interpreter keeps. -O-narrow or -O-fold
-- hides it. Reduced by `ljfuzz reduce`, unedited below this comment.
--   luajit -Ohotloop=1 case.lua
local ffi = require("ffi")
local band, bor, bxor, bnot = bit.band, 0, 0, 0
local rol, ror, tobit, bswap = bit.rol, 0, bit.tobit, 0
local function mix(h, v)
  return tobit(rol(v, 7) + 1)
end
local function mix64(h, v)
  return mix(0, v)
end
local buf1 = ffi.new("uint8_t[?]", 2715)
local b1 = ffi.cast("uint8_t *", buf1)
local h = 0
local a1 = b1 + 2176
local a2 = b1 + 2496
local p1 = ffi.cast("uint32_t *", a1)
local function blk1()
  for i1 = 0, 4 do
    local v2 = p1[-6]
    local q2 = a2
    local x1 = ffi.cast("int64_t", (band(h, 7) == 7 and i1 or v2 * 1021) - (i1 == 16 and 65535 or h + h))
    ffi.cast("uint64_t *", q2 + 40)[0] = x1
    local v6 = ffi.cast("int64_t *", q2 + 38)[0]
    h = mix64(0, v6)
  end
end
blk1()
print(h)
