# Integer and float arithmetic through the generic and specialized paths.
a = 7
b = -3
print(a + b, a - b, a * b, a // b, a % b, -a // 2, -a % 2)
print(a / 2, 2 ** 10, 2 ** -1, 10 ** 20, (-2) ** 63)
print(1 << 40, (1 << 100) >> 98, 255 & 15, 8 | 3, 6 ^ 5, ~5)
big = 1
for i in range(1, 30):
    big = big * i
print(big, big // 1000000007, big % 1000000007, -big)
x = 0
i = 0
while i < 100000:
    x = x + i * 2 - 1
    i = i + 1
print(x)
print(0.1 + 0.2, 1e16, 1e-5, 3.0 * 2, 7.5 // 2, -7.5 % 2, 1 / 3)
print(abs(-5), abs(-2.5), divmod(17, 5), divmod(-17, 5), pow(3, 200, 1000), round(2.5), round(3.5), round(0.125, 2))
print(int("123") + 1, int("-0x1f", 16), int(" 42 "), float("1.5"), int(3.99), int(-3.99))
print(min(3, 1, 2), max([4, 9, 2]), sum(range(101)), sum([0.5, 0.25]))
print(7 > 3, 7 < 3, 3 == 3.0, 1 != 2, 2 <= 2, "a" < "b", [1, 2] < [1, 3])
print(hash(1), hash(-1), hash(2 ** 61), hash(1.5), hash((1, 2)), hash(True))
print(True + True, False * 3, -True)
