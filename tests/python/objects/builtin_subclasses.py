# Classes over the builtin types: instances carry the base value (fixed-size bases such as float
# and str, variable-size ones such as int, tuple and bytes, mutable containers), keep an instance
# __dict__, and every base method and operator works on them; __new__ overrides through
# T.__new__ and super().__new__, and the layout and safety errors.


class MyInt(int):
    def double(self):
        return self * 2


x = MyInt(5)
x.tag = "t"
print(x, x + 1, repr(x), type(x).__name__, hash(x), x == 5, x.double(), x.tag, type(x + 1).__name__)
print(MyInt(0) or "zero", bool(MyInt(0)), MyInt(2**100), MyInt("ff", 16), -MyInt(3), abs(MyInt(-3)))
print(x.bit_length(), x.to_bytes(2, "big"), MyInt(-7) // 2, MyInt(7) % -3, x << 40, f"{x:#x}")
print(vars(x), [MyInt(3), 1, MyInt(2)], sorted([MyInt(3), 1, MyInt(2)]), {MyInt(1): "one"}[1])


class S(str):
    def shout(self):
        return self.upper() + "!"


s = S("hi")
print(s, s.shout(), len(s), s + "x", repr(s), type(str(s)).__name__, {s: 1}["hi"], s == "hi")
print(f"{s:>5}|", s.split("i"), s * 2, "%s!" % s, s[0], type(s[0]).__name__, "h" in s, list(s))


class F(float):
    pass


print(F(1.5) * 2, F("2.5"), repr(F(0.1)), isinstance(F(1), float), hash(F(1.5)) == hash(1.5))
print(F(-0.0), F("inf"), F(2.5).is_integer(), round(F(2.675), 2), F(7) // 2)


class T(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))


t = T(1, 2)
print(t, len(t), t[0], type(t).__name__, t + (3,), hash(t) == hash((1, 2)), t == (1, 2), t[::-1])


class P(tuple):
    def __new__(cls, *a):
        return super().__new__(cls, a)

    @property
    def first(self):
        return self[0]


p = P(7, 8, "nine")
p.extra = [p]
print(p, p.first, p.count(8), p.index("nine"), len(p.extra))


class L(list):
    pass


l = L([1, 2, 3])
l.append(4)
l.name = "l"
print(l, len(l), l[1:], type(l[1:]).__name__, L(), L("ab"), l.name, l == [1, 2, 3, 4])
l.sort(reverse=True)
print(l, l.pop(), l, sum(l))


class St(set):
    pass


st = St([3, 1, 2])
st.add(4)
print(sorted(st), type(st | {2}).__name__, 2 in st, len(st), St() == set())


class FS(frozenset):
    pass


print(sorted(FS([1, 2])), type(FS([1])).__name__, hash(FS([1, 2])) == hash(frozenset([1, 2])))


class B(bytes):
    pass


print(B(b"ab"), B(3), B(b"xyz")[1], len(B(b"abc")), B(b"a b").split(), B(b"ab").hex())


class BA(bytearray):
    pass


ba = BA(b"ab")
ba.append(99)
print(ba, BA(2), len(ba))


class C(complex):
    pass


print(C(1, 2), C(1, 2) * 2, C(3, 4).real, C(3, 4).conjugate())


class D2(dict):
    pass


d = D2(a=1)
d.x = 5
d["b"] = 2
print(d, d.x, len(d), sorted(d), d.get("a"), type(d).__name__)


class I2(int):
    def __new__(cls, v):
        return int.__new__(cls, v * 2)


print(I2(5), type(I2(5)).__name__)


class Cached(int):
    def __new__(cls, value, label):
        self = super().__new__(cls, value)
        self.label = label
        return self


c = Cached(42, "answer")
print(c, c.label, c + 0, type(c + 0).__name__)

for make in [lambda: object.__new__(MyInt), lambda: int.__new__(str), lambda: int.__new__(5)]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
try:

    class Bad(int, str):
        pass

except TypeError as e:
    print("TypeError:", e)


class Deep(MyInt):
    pass


dp = Deep(2**70)
dp.more = 1
print(dp, dp.double(), dp.more, isinstance(dp, MyInt), Deep.__mro__)
