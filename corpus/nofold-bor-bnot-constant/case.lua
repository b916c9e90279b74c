-- Found by ljfuzz on openresty-2025 (seed 20261127, case 36051) with -O-fold
-- and -O-cse: the JIT-compiled program prints another `h` than the
-- interpreter, on every build, also with every existing corpus fix applied.
-- Without FOLD, bit.bnot(1) stays a BNOT of a constant, and asm_borbxor
-- (lj_asm_arm64.h) fuses BOR(x, BNOT k) into ORN (BXOR into EON) with the
-- constant k from asm_fuseopm, which returns it as a logical immediate: XORed
-- into ORN's opcode that gives an ORR with an immediate, `orr w28, w27, #0x1`,
-- so the trace computes bor(i, 1) = 5 where the interpreter has
-- bor(i, -2) = -2. A sibling of nofold-bnot-constant (asm_bnot, MVN), whose
-- fix does not reach this path; -O-fuse hides it once that one is fixed.
-- Only -O-fold is needed here (the finding's -O-cse just changed which traces
-- hit it). Reduced by `ljfuzz reduce` on openresty-2025+fixes, then by hand.
-- fix.patch: asm_fuseopm gives no immediate for a logical instruction with
-- the N bit (ORN, EON, MVN), so the constant goes in a register (`orn w28,
-- w27, w0`); it fixes this case and nofold-bnot-constant's. It is a branch of
-- its own before the constant one, with one line of context, so that it
-- applies to the 2022 and 2023 sources too (their constant branch differs):
-- without it their +fixes builds could not tell this bug, and pre-fix
-- campaigns reported it as new.
--   luajit -Ohotloop=1,-fold case.lua
local h
for i = 1, 4 do
  h = bit.bor(i, bit.bnot(1))
end
print(h)
