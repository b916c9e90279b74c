local base = require("ffi").new("int32_t[16]") + 1
for i = 0, 2 do
  if i == 1 then
    local a, b = base[0], base[-1]
    s = a + b
  end
end
