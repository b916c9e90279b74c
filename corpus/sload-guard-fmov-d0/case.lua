local ffi = require("ffi")
local buf1 = ffi.new("uint8_t[?]", 4)
local h = 0
local t1 = {  }
for i1 = 0, 2 do
  local v1 = ffi.cast("uint32_t *", buf1)[0]
  for j2 = 0, 5 do
    t1[bit.band(0, v1)] = 0
    h = bit.rol(h, 7) * 16 + 1
  end
end
print(h)
