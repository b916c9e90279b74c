local ffi = require("ffi")
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, 0, bit.bxor, 0
local lshift, rshift, arshift = 0, 0, 0
local rol, ror, tobit, bswap = bit.rol, 0, bit.tobit, bit.bswap
local function mix(h, v)
  return tobit(rol(bxor(h, v), 7) * 33 + 1)
end
local function fill(b, n, seed)
  for i = 0, n - 1 do
    local x = (i * 73 + seed) % 254
    b[i] = x < 127 and x or x + 1
  end
end
local S1 = ffi.typeof("struct __attribute__((packed)) { uint64_t a; }")
local S1p = ffi.typeof("$ *", S1)
local buf1 = ffi.new("uint8_t[?]", 89)
local b1 = ffi.cast("uint8_t *", buf1)
fill(b1, 44, 5)
local buf2 = ffi.new("uint8_t[?]", 376)
local b2 = ffi.cast("uint8_t *", buf2)
fill(b2, 376, 46)
local buf3 = ffi.new("uint8_t[?]", 16)
local b3 = ffi.cast("uint8_t *", buf3)
local h = 0
local a1 = b1 + 32
local a4 = b2 + 264
local a5 = b1 + 64
local p1 = ffi.cast("double *", a4)
local p2 = ffi.cast("int32_t *", a4)
local n1 = 0
local q1 = p1 + 4
q1[-4] = -2147483648.0
q1[-5] = 0.1
local function blk1(h)
  for i1 = 1, 5 do
    for j1 = -4, -1 do
      local v1 = p2[-2]
      local v2 = p2[-1]
      local r1 = bswap(v2 * 1021) + 2
      local v3 = p2[1]
      local v4 = p2[2]
      local r2 = bswap(v2 * 1021) + 5
      local v5 = p2[4]
      local v6 = p2[5]
      local r3 = bswap(r2 * 1021) + 8
      local v7 = p2[7]
      local v8 = p2[8]
      local r4 = bswap(math.abs(v3 * 1021)) + 11
      local v9 = p2[10]
      local v10 = p2[11]
      local r5 = 0
      local v11 = p2[13]
      local v12 = p2[14]
      local r6 = bswap(v2 * 1021) + 17
      local v13 = p2[16]
      local v14 = p2[17]
      local r7 = bswap(math.abs(v6 * 1021)) + 20
      local v15 = p2[19]
      local v16 = p2[20]
      local r8 = bswap(math.abs(v10 * 1021)) + 23
      local v17 = p2[22]
      local v18 = p2[23]
      local r9 = bswap(v14 * 1021) + 26
      local q2 = a1 + j1 * 2
      local v19 = ffi.cast("int16_t *", q2 + 12)[0]
      local x1 = band(v1, -0x1010102)
      ffi.cast("int16_t *", q2 + 12)[0] = x1
      local v20 = ffi.cast("int16_t *", q2 + 12)[0]
      h = mix(h, v19)
      h = mix(h, v20)
      local q3 = a5 + j1
      ffi.cast("double *", q3 - 6)[0] = 0
      h = mix(h, v1)
      h = mix(h, v2)
      h = mix(h, r1)
      h = mix(h, v3)
      h = mix(h, v4)
      h = mix(h, r2)
      h = mix(h, v5)
      h = mix(h, v6)
      h = mix(h, r3)
      h = mix(h, v7)
      h = mix(h, v8)
      h = mix(h, r4)
      h = mix(h, v9)
      h = mix(h, v11)
      h = mix(h, v12)
      h = mix(h, r6)
      h = mix(h, v13)
      h = mix(h, v14)
      h = mix(h, r7)
      h = mix(h, v15)
      h = mix(h, v16)
      h = mix(h, r8)
      h = mix(h, v17)
      h = mix(h, v18)
      h = mix(h, r9)
    end
  end
end
blk1(0)
local m = 0
local words2 = ffi.cast("int32_t *", buf2)
for i = 0, 2 do
  m = mix(m, words2[i])
end
for i = 0, 3 do
  m = mix(m, 0)
end
print(m)
