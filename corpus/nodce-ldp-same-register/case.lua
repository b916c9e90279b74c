-- Found by ljfuzz's oracle on openresty-2025 (seed 20261127, case 8204):
-- with -O-dce, two dead adjacent int32 loads are fused into one LDP whose
-- two destinations are the same register, `ldp w27, w27, [x19, #152]`
-- (0x29536e7b), on every build. An LDP that loads one register twice is
-- CONSTRAINED UNPREDICTABLE in the Arm architecture: a core may treat it as
-- UNDEFINED (SIGILL, as PR #1028's word did) or load an UNKNOWN value. qemu
-- runs it, so JIT on and off agree here; the oracle reads the word.
-- Root cause: emit_lso (lj_emit_arm64.h) pairs a load with the one emitted
-- after it when base and offsets fit, and checks the destination against
-- the base but not against the other load's destination. Without DCE the
-- allocator gives both unused loads the same register. fix.patch adds that
-- check. Reduced by `ljfuzz reduce`, unedited below.
--   luajit -Ohotloop=1,-dce case.lua
local ffi = require("ffi")
local buf1 = ffi.new("uint8_t[?]", 38364)
local b1 = ffi.cast("uint8_t *", buf1)
local a1 = b1 + 4976
local p1 = ffi.cast("int32_t *", a1)
local p2 = ffi.cast("uint32_t *", a1)
for i1 = 0, 3 do
  local q2 = p2 + i1
  q2[0] = 0
  local v9 = p1[38]
  local v10 = p1[39]
end
