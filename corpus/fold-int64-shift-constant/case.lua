local x
for i = 1, 4 do
  x = bit.rshift(bit.band(-1LL - i, 0x7efefefefefefefeLL), 32)
end
print(x)
