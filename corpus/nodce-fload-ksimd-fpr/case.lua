local h = 2^40
for i = 1, 10 do
  local z = -h
  local a1, a2, a3, a4, a5, a6, a7 = h + 1, h + 2, h + 3, h + 4, h + 5, h + 6, h + 7
  h = (a1 + a2 + a3 + a4 + a5 + a6 + a7) / 7
end
print(h)
