local ffi = require("ffi")
local p = ffi.new("int32_t[64]")
for i = 0, 3 do
  p[i] = 0
  local a, b = p[38], p[39]
end
