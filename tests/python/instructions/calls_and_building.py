# Instructions of the bytecode issue: CALL_KW, CALL_FUNCTION_EX, cells, UNPACK_EX, f-strings,
# sets, slices, DICT_UPDATE/LIST_EXTEND, LOAD_COMMON_CONSTANT, DELETE_*.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, z=6))
print(f(*[1, 2], **{'c': 9}))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    inc(); inc()
    return inc()
print(outer())
x, *ys, z = range(6)
print(x, ys, z)
print(f"{x!r:>4}|{z}|{3.5:.2f}|{'é'!a}")
s = {1, 2, 3}
s.add(4)
print(len(s), {i * 2 for i in range(3)} == {0, 2, 4})
print([1, 2, 3, 4][1:3], "hello"[::-1])
l = [1, 2, 3, 4]
l[1:3] = [9]
print(l, ~5)
print({**{'a': 1}, 'b': 2}, [*range(3), *"ab"])
try:
    assert 1 == 2, "nope"
except AssertionError as e:
    print("assert", e)
d = {'a': 1}
del d['a']
g = 5
del g
try:
    print(g)
except NameError as e:
    print(e)
print("x".join(["a", "b"]), "abc".upper())
try:
    f(1, c=1, b=3, a=2)
except TypeError as e:
    print(e)
print(sorted([3, 1, 2], key=lambda v: -v))
print([(i, j) for i in range(2) for j in "ab"])
