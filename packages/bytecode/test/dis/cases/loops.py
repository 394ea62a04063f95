total = 0
for i in range(300):
    if i % 3 == 0 and i is not None:
        continue
    total += i
while total > 10:
    total = total // 2
print(total in (1, 2))
