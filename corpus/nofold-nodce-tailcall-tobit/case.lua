-- Found by ljfuzz on openresty-2025 (and every other build): with FOLD and
-- DCE off and hotexit=1, the JIT-compiled code prints -1 where the
-- interpreter prints 2. Reduced by `ljfuzz reduce`, unedited.
--   luajit -Ohotloop=1,hotexit=1,-fold,-dce case.lua
local band, bor, bxor, bnot = bit.band, 0, 0, 0
local rol, ror, tobit, bswap = bit.rol, 0, bit.tobit, 0
local function mix(h, v)
  return rol(v, 1)
end
local function f1(n, acc)
  if n <= 0 then return acc end
  return f1(n - 1, tobit(math.abs(1) + 0))
end
local function blk1()
  for i1 = 0, 7 do
    local y1 = f1(band(i1, 3), 0)
    h = mix(0, y1)
  end
end
blk1()
print(h)
