-- Found by ljfuzz on openresty-2025 (seed 20261124, case 14240): with CSE
-- and DCE off (either alone is fine), the JIT-compiled loops print 4 where
-- the interpreter prints 8, on every build. Plain Lua: the only FFI is a
-- union read as zero. Reduced by `ljfuzz reduce`, unedited below.
--   luajit -Ohotloop=1,-cse,-dce case.lua
local ffi = require("ffi")
local band, bor, bxor, bnot = 0, 0, bit.bxor, 0
local fpbits = ffi.new("union { double d; int32_t i[2]; }")
local function mix(h, v)
  return bxor(h, v) + 1
end
local function mixd(h)
  return mix(h, fpbits.i[0])
end
local h = 0
for i1 = 0, 1 do
  for j1 = 0, 1 do
    if (i1 + h) ~= math.abs(1) then
      local x1 = math.abs(i1 * 4)
      h = mix(h, x1)
      h = mixd(h)
    end
    for j2 = -1, 1 do
    end
  end
end
print(h)
