-- Found by ljfuzz on luajit-2022 and openresty-2023 (seed 9, case 166, as
-- mismatch:-:-:opts(-fwd)-hidden-by(fold,fuse); every short pre-fix campaign
-- hit this family as NEW): with the default optimizations, the JIT-compiled
-- loop prints 0 where the interpreter prints 32. Wrong on every run on
-- luajit-2022 and openresty-2023, right on openresty-2025. -O-fuse hides it;
-- so does -O-fold, which leaves the constant on the left of the BAND, where
-- nothing fuses it (with the constant written on the right, FOLD does not
-- matter: mismatch:-:-:opts()-hidden-by(fuse)).
-- Cause: asm_fuseandshift (lj_asm_arm64.h) fuses BAND(BSHL(i, 3), -3) into
-- one UBFM. It reads the mask with get_k64val, which sign-extends a 32 bit
-- constant: 0xfffffffffffffffd >> 3 keeps ones up to bit 60, looks like
-- contiguous low ones, and imms is clamped to 31 instead of 28. The trace
-- holds `ubfm w28, w27, #29, #31`, i.e. `lsr w28, w27, #29`, where
-- openresty-2025 emits `lsl w28, w27, #3`: its get_k64val zero-extends a
-- KINT (2025's rework of 32/64 bit constants, which also reworked the
-- callers that relied on the sign extension). fix.patch zero-extends the
-- mask in asm_fuseandshift only, the value 2025 gives it there; checked on
-- patched cross-builds of luajit-2022 and openresty-2023. Any negative
-- 32 bit mask after a BSHL hits it (band(lshift(x, s), -1) too, if FOLD
-- does not drop that first). Reduced by `ljfuzz reduce`, then by hand.
--   luajit -Ohotloop=1 case.lua
local r
for i = 1, 4 do
  r = bit.band(-3, bit.lshift(i, 3))
end
print(r)
