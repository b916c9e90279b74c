-- arm64: two int32 loads at unaligned offsets (+2, +6) from one base pointer.
-- Fused into one LDP, the scaled offset drops the low bits: the pair loads
-- +0 and +4 instead, and the JIT-compiled code computes a wrong result.
-- Cause: emit_lso (lj_emit_arm64.h) checks only the range of the pair's
-- offset, not that it is a multiple of the access size. fix.patch is
-- openresty-2025's check (checked on patched cross-builds of luajit-2022
-- and openresty-2023); it leaves PR #1028 (the negative offset's sign bits)
-- alone. With -O-dce, an ADD the stores fused is still assembled into a
-- register; the oracle took that register for their base and predicted no
-- pair, so ljfuzz found such a program (seed 8, case 581: two 8-byte stores
-- at +44 and +52 of a packed struct became `stp xzr, xzr, [x0, #40]`) as a
-- wrong result it could not place,
-- mismatch:-:-:opts(-dce)-hidden-by(cse,fold,fuse,fwd,loop); this fix made it
-- pass, so it is this bug. The oracle now models that fusion (an address is
-- fused unless a use above the access gives it a register) and places it.
local ffi = require("ffi")
local buf = ffi.new("uint8_t[64]")
for i = 0, 63 do buf[i] = i end
local b = ffi.cast("uint8_t*", buf)
local s = 0
for i = 1, 100 do
  local x = ffi.cast("int32_t*", b + 2)[0]
  local y = ffi.cast("int32_t*", b + 6)[0]
  s = bit.bxor(s + i, x, y)
end
print(s)
