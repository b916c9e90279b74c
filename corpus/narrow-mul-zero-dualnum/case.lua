local s
for i = 1, 3 do
  s = math.floor(i / 8) * -5
end
print(s)
