-- The PR #1028 pair in a trace that is compiled but never runs: the loads sit
-- on a side path taken once, on the last iteration; that exit starts a side
-- trace at once (hotexit=1) and the loop ends before anything enters it. A
-- crash-based oracle sees nothing; the machine code still holds the bad word.
local ffi = require("ffi")
jit.opt.start("hotexit=1")
local buf = ffi.new("int32_t[16]")
for i = 0, 15 do buf[i] = i end
local base = ffi.cast("int32_t*", buf) + 8
local s = 0
for i = 1, 100 do
  if i == 100 then
    local a = base[-2]
    local b = base[-1]
    s = s + a * 3 + b
  else
    s = s + 1
  end
end
print(s)
