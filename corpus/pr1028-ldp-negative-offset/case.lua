local ffi = require("ffi")
local buf = ffi.new("int32_t[16]")
for i = 0, 15 do buf[i] = i end
local base = ffi.cast("int32_t*", buf) + 8
local s = 0
for i = 1, 100 do
  local a = base[-2]
  local b = base[-1]
  s = s + a * 3 + b
end
print(s)
