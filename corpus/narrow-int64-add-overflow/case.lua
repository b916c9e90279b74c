-- Found by ljfuzz on openresty-2025 (seed 20261124, case 12973) with the
-- default optimizations (only hotloop=1): the JIT-compiled loop prints
-- -2147483647 where the interpreter prints -16777215, on every build.
--
-- `h + h` (h an int32 hash) is recorded as an overflow-checked `int ADDOV`,
-- because it fits at recording time, then used as a number in
-- ffi.cast("int64_t", x - (h + h)). FOLD hands CONV i64.num of the SUB to
-- narrowing (lj_opt_narrow_convert), which backpropagates the conversion:
-- CONV i64.num(x) - sext(h + h). For the conversion mode IRCONV_ANY,
-- narrow_conv_backprop (lj_opt_narrow.c) reaches CONV num.int(ADDOV) and
-- strips its overflow check (narrow_stripov_backprop): ADDOV becomes a
-- wrapping `int ADD`, right for a 32-bit result, but here the int is
-- sign-extended to 64 bits (-jdump: int ADD 0018 0018; i64 CONV ... sext), so
-- an h + h out of int32 range wraps around instead of leaving the trace.
-- -O-narrow or -O-fold hides it. A minimal form (JIT: 2147483657LL 11LL 11LL,
-- interpreter: -2147483639LL 4294967307LL 11LL for the last three):
--   for i = 1, 6 do local h = bit.lshift(1, 26 + i)
--     print(ffi.cast("int64_t", (i + 0.5) * 2 - (h + h))) end
-- Fix (fix.patch): when the result is an int64, narrowing sign-extends the
-- int operand as it is, overflow checks kept, instead of stripping them;
-- checked on a patched cross-build of openresty-2025 and on all three builds.
-- Reduced by `ljfuzz reduce`, unedited below this comment.
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
