local s
for i = 1, 3 do
  s = -math.floor(1 / 2)
end
print(s)
