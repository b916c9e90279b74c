local ffi = require("ffi")
local x
for i = 1, 3 do
  x = ffi.cast("int64_t", bit.tobit(i + 0x7fffffff))
end
print(x)
