local ffi = require("ffi")
local b = ffi.new("uint8_t[8]")
for i = 1, 4 do
  ffi.cast("float *", b)[0] = 1
  ffi.cast("float *", b + 2)[0] = 1
  ffi.cast("float *", b)[0] = 1
end
print(ffi.cast("float *", b)[0])
