-- Found by ljfuzz on openresty-2025 (also as a SIGSEGV with callunroll=1):
-- with -O-dce, a dead float negation `-h` clobbers a live FP register, so
-- the JIT-compiled loop prints 32 where the interpreter prints
-- 1099511627816, on every build. Only -O-loop (or DCE on) hides it here.
-- Root cause: a float NEG (and math.abs) carries its sign mask as
-- `num FLOAD nil #284` (lj_ir_ksimd -> lj_ir_ggfload, a load from
-- GG_State). The arm64 backend never reads that operand (asm_fpunary uses
-- FNEG/FABS), so with DCE on the FLOAD is skipped as unused. With -dce it is
-- assembled: asm_fload (lj_asm_arm64.h) takes its destination from
-- ra_dest(as, ir, RSET_GPR) but asm_fxloadins picks the FP load for a num
-- field, so `ldr d27, [x22, #1024]` writes the FPR whose number matches the
-- GPR the allocator handed out (x27), here the register holding h. h becomes
-- -0.0 (the NEG mask). What it clobbers depends on register allocation, so
-- the bug shows as many: a NaN, a SIGSEGV (a frame-link constant kept in
-- d15), wrong sums needing -cse,-dce or -fold,-dce,hotexit=1 (two earlier
-- corpus entries, nocse-nodce-abs-branch and nofold-nodce-tailcall-tobit, now
-- folded into this one). fix.patch (RSET_FPR for num FLOADs) fixes all of
-- them on a patched cross-build of openresty-2025. Hand-written after
-- `ljfuzz reduce`.
--   luajit -Ohotloop=1,-dce case.lua
local h = 2^40
for i = 1, 10 do
  local z = -h
  local a1, a2, a3, a4, a5, a6, a7 = h + 1, h + 2, h + 3, h + 4, h + 5, h + 6, h + 7
  h = (a1 + a2 + a3 + a4 + a5 + a6 + a7) / 7
end
print(h)
