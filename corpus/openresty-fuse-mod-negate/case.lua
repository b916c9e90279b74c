local r, s
for i = 1, 4 do
  local x = 2^40 + i
  r = -(x * 3 - i)
  s = -(x + x + x - x * 3)
end
print(r, s)
