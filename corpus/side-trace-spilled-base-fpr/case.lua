local ffi = require("ffi")
local band, bxor = bit.band, bit.bxor
local rol, tobit = bit.rol, bit.tobit
local function mix(h, v)
  return rol(bxor(h, v), 7) * 33 + 1
end
local buf = ffi.new("uint8_t[?]", 19689)
local p1 = ffi.cast("int64_t *", buf + 3156)
local function blk2(h)
  for i2 = 0, 90 do
    local v2 = p1[4]
    local r1 = (i2 + 1) + 2
    local v3 = p1[2]
    local v4 = p1[0]
    local r2 = tobit(h + 1)
    local v5 = p1[1]
    local r6 = (r1 + 1) + 17
    local v13 = p1[13]
    local v16 = p1[17]
    if band(h, 7) == 7 then
      collectgarbage()
    else
    end
    h = mix(h, r1)
    h = mix(h, r6)
  end
end
blk2(0)
