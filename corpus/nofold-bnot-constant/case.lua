local h
for i = 1, 4 do
  h = bit.bnot(1)
end
print(h)
