x = 1
y = [x, 2.5, "a'b", None]
print(x + y[0], -x, not x)
