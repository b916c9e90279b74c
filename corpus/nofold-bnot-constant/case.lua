-- Found by ljfuzz on openresty-2025 (seed 20261125, 10 hits in 10 minutes):
-- with -O-fold, bit.bnot(1) in a trace gives 1 instead of -2, on every build.
-- Without FOLD the BNOT of a constant reaches the backend: asm_bnot
-- (lj_asm_arm64.h) takes its operand from asm_fuseopm, which turns the
-- constant into a logical immediate, and XORs that into MVN's opcode (ORN,
-- shifted register). The result is an ORR with an immediate, the constant
-- itself instead of its complement: the trace holds 0x322003e0,
-- `orr w0, wzr, #0x1`. fix.patch (a constant operand goes in a register)
-- fixes it on a patched cross-build of openresty-2025; so does the broader
-- fix of its sibling nofold-bor-bnot-constant, in asm_fuseopm. Reduced by
-- `ljfuzz reduce`, then by hand.
--   luajit -Ohotloop=1,-fold case.lua
local h
for i = 1, 4 do
  h = bit.bnot(1)
end
print(h)
