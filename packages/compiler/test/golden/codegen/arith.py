x = 1
y = x + 2 * 3 - x
z = -x
w = (1, 2, (3, 'a'))
v = [1, 2]
u = {'k': x}
print(x, y, z, w)
a, b = b, a
x[1] = y
x += 5
x[0] -= 1
q = x[y]
r = not x
s = x if y else z
t = x < y < z
