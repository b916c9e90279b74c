-- Found by ljfuzz on openresty-2025 (seed 20261125, case 14455) with the
-- default optimizations: the JIT-compiled loop prints 409044499 where the
-- interpreter prints -409044506. Plain Lua arithmetic, no FFI memory.
-- Wrong on both OpenResty builds (luajit2 2023, LuaJIT 2.1 OpenResty 2025),
-- right on upstream LuaJIT 2022; -O-fuse hides it: OpenResty's arm64
-- operand fusion. Shrunk by ljfuzz and reduced by `ljfuzz reduce`, unedited
-- below this comment (the header's -fwd is not needed).
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
