-- Found by ljfuzz on openresty-2025 (seed 20261125, case 14455) with the
-- default optimizations: the JIT-compiled loop prints 409044499 where the
-- interpreter prints -409044506. Plain Lua arithmetic, no FFI memory.
-- Wrong on both OpenResty builds (luajit2 2023, LuaJIT 2.1 OpenResty 2025),
-- right on upstream LuaJIT 2022; -O-fuse hides it.
--
-- Once the MULOV of h * 63 overflows, the side trace computes x1 in floating
-- point: NEG(SUB(MUL(h, 63), 4 * floor(h * 63 / 4))). OpenResty's arm64
-- backend fuses a negated multiply-add (asm_fusenmadd, called from asm_neg,
-- lj_asm_arm64.h; upstream has no such fusion) and picks FNMSUB (m - a) for
-- every NEG of a SUB. That is -(a - m) only: with the multiply on the left,
-- -(m - a) = a - m needs FMSUB. The trace holds `fnmsub d12, d13, d9, d0`,
-- h * 63 - t instead of t - h * 63, so x1 loses its sign. (asm_fusenmadd is
-- also not gated on -O+fma as asm_fusemadd is: it fuses by default.)
-- Fix (fix.patch): FMSUB when the multiply is the SUB's left operand; checked
-- on a patched cross-build of openresty-2025 (also with -O+fma, and on all
-- four forms -(m + a), -(a + m), -(m - a), -(a - m)) and on openresty-2023.
-- Shrunk by ljfuzz and reduced by `ljfuzz reduce`, unedited below this
-- comment (the header's -fwd is not needed).
--   luajit -Ohotloop=1 case.lua
local ffi = require("ffi")
local band, bor, bxor, bnot = 0, 0, bit.bxor, 0
local lshift, rshift, arshift = 0, 0, 0
local rol, ror, tobit, bswap = bit.rol, 0, bit.tobit, 0
local function mix(h, v)
  return rol(bxor(h, v), 3) + 1
end
local function fill(b, n, seed)
end
local function digest(m, b, from, to)
end
ffi.new("uint8_t[?]", 360)
ffi.cast("uint8_t *", buf1)
local h = 0
local a1 = 0
ffi.cast("int32_t *", a1)
local function blk1(h, a1, p1)
  for i1 = 0, 20 do
    local x1 = -(h * 63 % 4)
    h = mix(h, x1)
  end
  return h
end
h = blk1(0, 0, 0)
print(0, h)
