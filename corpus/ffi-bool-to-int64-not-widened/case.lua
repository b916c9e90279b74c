local ffi = require("ffi")
local h
for i = 1, 4 do
  h = bit.rshift(ffi.cast("int64_t", true), 32)
end
print(h)
