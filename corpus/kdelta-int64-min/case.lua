local ffi = require("ffi")
local buf = ffi.new("int64_t[2]")
for i = 1, 4 do
  buf[1] = -0x101010101010102LL
  buf[0] = 0x7efefefefefefefeLL
end
print(buf[0], buf[1])
