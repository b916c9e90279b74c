-- Found by ljfuzz on openresty-2025 (seed 20261124, case 15890) with the
-- default optimizations (only hotloop=1): the JIT-compiled loop prints
-- 1065353216 where the interpreter prints -2147483648, on every build.
--
-- The inner loop stores 0.0f at q1-264 and 1.0f at q1-260, for q1 = a1 and
-- a1 + 1: four float stores, each overlapping the next. After LOOP, the loop
-- body keeps only two of them (-dump: XSTORE 0019 and 0026): dead store
-- elimination (lj_opt_dse_xstore) skips a may-alias store that stores the
-- same value ref, so the overlapping 1.0f at -260 does not stop it from
-- dropping the 1.0f at -259 as a repeat of the pre-roll's. With the same value
-- at a different, overlapping offset, the bytes are not the same.
-- -O-dse, -O-loop, -O-fwd, -O-cse or -O-fold each hide it.
-- Fix (fix.patch): lj_opt_dse_xstore treats every ALIAS_MAY store as a
-- conflict, also when it stores the same value ref, so no store is dropped
-- across a partially overlapping store.
-- Reduced by `ljfuzz reduce`, unedited below this comment.
--   luajit -Ohotloop=1 case.lua
local ffi = require("ffi")
local function digest(m, b, from)
  local words = ffi.cast("int32_t *", b + from)
  for i = 0, 1 do
    m = words[i]
  end
  return m
end
local buf1 = ffi.new("int32_t[?]", 376)
local b1 = ffi.cast("uint8_t *", buf1)
local a1 = b1 + 336
for i1 = 0, 8 do
  for j1 = 0, 4 do
    for j2 = 0, 1 do
      local q1 = a1 + j2
      ffi.cast("float *", q1 - 264)[0] = 0
      ffi.cast("float *", q1 - 260)[0] = 1
    end
  end
end
m = digest(0, b1, 72)
print(m)
