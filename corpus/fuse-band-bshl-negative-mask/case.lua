local r
for i = 1, 4 do
  r = bit.band(-3, bit.lshift(i, 3))
end
print(r)
