local ffi = require("ffi")
local buf = ffi.new("int32_t[16]")
for i = 0, 15 do buf[i] = i end
local base = ffi.cast("int32_t*", buf) + 8
local s = 0
for i = 1, 100 do
  if i == 100 then
    local a, b = base[-2], base[-1]
    s = s + a * 3 + b
  else
    s = s + 1
  end
end
print(s)
