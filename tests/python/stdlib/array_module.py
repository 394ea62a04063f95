import array

print(array.typecodes, array.ArrayType is array.array)
for code in "bBhHiIlLqQfd":
    a = array.array(code, [1, 2, 3])
    print(a, a.typecode, a.itemsize, len(a), a.tolist(), a.tobytes())
for code, lo, hi in [("b", -129, 128), ("B", -1, 256), ("h", -2**15 - 1, 2**15), ("H", -1, 2**16),
                     ("i", -2**31 - 1, 2**31), ("I", -1, 2**32), ("l", -2**63 - 1, 2**63),
                     ("L", -1, 2**64), ("q", -2**63 - 1, 2**63), ("Q", -1, 2**64)]:
    for v in (lo, hi, 2**70, 1.5, "x"):
        try:
            array.array(code, [v])
        except (OverflowError, TypeError) as e:
            print(code, v, type(e).__name__, e)
for code in "fd":
    for v in ("x", None, 2**2000):
        try:
            array.array(code, [v])
        except (OverflowError, TypeError) as e:
            print(code, type(e).__name__, e)

class I:
    def __index__(self):
        return 5

print(array.array("b", [I(), True]))
a = array.array("i", [1, 2, 3])
print(a.buffer_info()[1], a.tobytes())
a.byteswap()
print(a)
a.byteswap()
print(a, a[0], a[-1], a[1:], a[::-1], a[::2])
a.append(4)
a.extend([5, 6])
a.extend(array.array("i", [7]))
a.insert(0, 0)
print(a, a.pop(), a.pop(0), a, a.index(3), a.count(2), 3 in a, 9 in a)
a.remove(3)
a.reverse()
print(a, list(a), sum(a))
a[0] = 100
a[1:3] = array.array("i", [9, 9, 9])
del a[-1]
print(a)
del a[0:2]
print(a)
b = array.array("d", [1.5, 2])
print(b, b + array.array("d", [3]), b * 2, 2 * b, b == array.array("f", [1.5, 2.0]))
b += array.array("d", [0.25])
b *= 2
print(b)
print(array.array("f", [0.1]), array.array("f", [0.1])[0])
print(array.array("b", [1, 2]) < array.array("b", [1, 3]), array.array("b", [1]) == [1])
print(array.array("u", "abc"), array.array("w", "xy"), array.array("u", "ab") + array.array("u", "c"))
print(array.array("w", "hi").tounicode(), array.array("w", "hé").tobytes())
u = array.array("w")
u.fromunicode("xyz")
print(u, len(u), u[1])
c = array.array("h")
c.frombytes(b"\x01\x00\x02\x00")
c.fromlist([3, 4])
print(c, array.array("B", b"ab"), array.array("d"), array.array("b", array.array("b", [7])))
big = array.array("B", [0] * 12)
for i in range(12):
    big[i] = i * 20
print(big, bytes(big.tobytes()))
import copy
d = copy.copy(big)
d[0] = 255
print(d[0], big[0], copy.deepcopy(c))

errors = [
    lambda: array.array("x"),
    lambda: array.array(1),
    lambda: array.array("bb"),
    lambda: array.array("b", "abc"),
    lambda: array.array("b", array.array("u", "a")),
    lambda: array.array("b", 5),
    lambda: array.array("b", [1]) + [1],
    lambda: array.array("b", [1]) + array.array("h"),
    lambda: array.array("b").pop(),
    lambda: array.array("b", [1]).pop(5),
    lambda: array.array("b", [1])[5],
    lambda: array.array("b").index(3),
    lambda: array.array("b").remove(3),
    lambda: array.array("h").frombytes(b"a"),
    lambda: array.array("b").fromlist((1,)),
    lambda: array.array("b").extend(array.array("h")),
    lambda: array.array("b", [1, 2]).__setitem__(slice(0, 1), [1]),
    lambda: array.array("b").tounicode(),
    lambda: array.array("b").fromunicode("a"),
    lambda: array.array("b", [1]) * "a",
    lambda: array.array("b", [1]).__setitem__(0, 300),
    lambda: array.array("b", [1]).__setitem__(3, 1),
    lambda: array.array("b", [1, 2]).__delitem__(5),
    lambda: array.array("b", [1, 2, 3]).__setitem__(slice(0, 3, 2), array.array("b", [1])),
    lambda: array.array("u", [1]),
    lambda: array.array("w", ["ab"]),
]
for f in errors:
    try:
        print("ok", f())
    except (TypeError, ValueError, IndexError, OverflowError) as e:
        print(type(e).__name__, e)
