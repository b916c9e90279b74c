local ffi = require("ffi")
local n, r = 2^33, {}
for i = 1, 6 do
  local h = bit.lshift(1, 26 + i)
  r[i] = ffi.cast("int64_t", n - (h + h))
end
print(r[4], r[5])
