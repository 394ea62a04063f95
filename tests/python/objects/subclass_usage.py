# Classes over str, dict, list, tuple, float, bytes, int and Exception used the way programs do:
# __new__ and __init__ together, __missing__, slicing that keeps the subclass, repr overrides.
import copy
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
    def __init__(self, v):
        self.orig = v
u = Upper("abc")
print(u, u.orig, u.lower(), type(u.lower()).__name__, u == "ABC", hash(u) == hash("ABC"), repr(u), "%s" % u, u + u)
class D(dict):
    def __missing__(self, k):
        return k * 2
d = D(a=1)
print(d["a"], d["zz"], d.get("q"), "q" in d, dict(d), D.fromkeys("ab", 0), type(D.fromkeys("ab")).__name__)
class L(list):
    def __getitem__(self, i):
        r = super().__getitem__(i)
        return L(r) if isinstance(i, slice) else r
l = L([1, 2, 3])
print(l[1:], type(l[1:]).__name__, l[0], l + [4], type(l + [4]).__name__, l * 2, sorted(l, reverse=True), l == [1, 2, 3])
class T(tuple):
    @property
    def first(self): return self[0]
t = T((5, 6))
print(t.first, t, type(t[:1]).__name__, t == (5, 6), {t: 1}[(5, 6)], repr(t))
class F(float):
    def __repr__(self): return f"F<{float(self)}>"
print(F(1.5), [F(2)], F(1.5) + 1, str(F(2.5)), f"{F(3.25):.1f}", F("nan") != F("nan"))
class E(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise E(7)
except E as e:
    print(e, e.code, e.args, repr(e))
class B(bytes):
    pass
print(B(b"xy").decode(), B(b"a") + b"b", type(B(b"a") + b"b").__name__, B(b"abc")[0:2])
class I(int):
    pass
print(I(3) * 2, divmod(I(7), 2), I(5) == 5, I(2) ** 10, range(I(3)), [0, 1, 2][I(1)], I(True), I(-0))

class MI(int):
    pass
m = MI(5); m.tag = "t"
c = copy.copy(m)
print(type(c).__name__, c, c.tag)
class S:
    __slots__ = ("a", "b")
    def __init__(self): self.a = 1; self.b = [2]
s2 = copy.deepcopy(S())
print(type(s2).__name__)
class L(list): pass
l = L([1, [2]]); l.x = 9
l2 = copy.deepcopy(l)
print(type(l2).__name__, l2, l2.x, l2[1] is not l[1])
class D(dict): pass
d = D(a=1)
print(type(copy.copy(d)).__name__, copy.copy(d))
print(MI(5).__reduce_ex__(2)[1], (5).__reduce_ex__(2)[1] if False else "", S().__reduce_ex__(2)[2])
