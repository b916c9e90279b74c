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
