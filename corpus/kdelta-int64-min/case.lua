-- Found by ljfuzz on luajit-2022 only (seed 8, case 514, as
-- mismatch:-:-:opts()-hidden-by(cse,dce,fold,fwd)): with the default
-- optimizations the JIT-compiled loop stores -72340172838076674LL into
-- buf[0] where the interpreter stores 9151031864016699134LL. Right on
-- openresty-2023 and openresty-2025. -O-fold, -O-cse, -O-fwd or -O-loop
-- hide it here (they change which constants are live in registers).
-- Cause: the two constants, 0xfefefefefefefefe and 0x7efefefefefefefe,
-- differ by exactly 2^63. emit_loadk (lj_emit_arm64.h) first tries
-- emit_kdelta, which derives a constant from one already in a register
-- with an ADD/SUB immediate: it calls emit_isk12(-delta), and -delta of
-- INT64_MIN is undefined in C. The 2022 build's gcc folded it into an
-- immediate of 0: the trace holds `sub x0, x2, #0`, so buf[0] gets x2's
-- value. openresty-2023 has upstream's fix, which negates through uint64_t
-- (in emit_isk12, emit_kdelta and emit_addptr); fix.patch is that change,
-- the diff of lj_emit_arm64.h between the two Debian sources. It applies to
-- luajit-2022 only; checked there on a +fixes build. Reduced by
-- `ljfuzz reduce`, then written by hand.
--   luajit -Ohotloop=1 case.lua
local ffi = require("ffi")
local buf = ffi.new("int64_t[2]")
for i = 1, 4 do
  buf[1] = -0x101010101010102LL
  buf[0] = 0x7efefefefefefefeLL
end
print(buf[0], buf[1])
