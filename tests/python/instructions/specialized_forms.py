# golden: specializing tier 1 only
# Which of issue 8's third-round members dis(adaptive=True) shows after warm-up (CPython 3.13 has
# the same ones), and that a type change deopts them and they re-specialize, or go back to the head.
import dis

NEW = {"CONTAINS_OP_DICT", "CONTAINS_OP_SET", "LOAD_ATTR_SLOT", "STORE_ATTR_SLOT",
       "LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN", "CALL_BOUND_METHOD_GENERAL"}


def forms(f):
    return sorted({i.opname for i in dis.get_instructions(f, adaptive=True)} & NEW)


class S:
    __slots__ = ("a", "b")
    def __init__(self, a):
        self.a = a
        self.b = 0


class G:
    def __getattribute__(self, name):
        return len(name)


class M:
    def m(self, a, b=2, *rest):
        return a + b + len(rest)


def slots(s, v):
    s.b = v
    return s.a + s.b


def has(c, x):
    return x in c


def magic(g):
    return g.magic


def call(f):
    return f(1)


s = S(1)
for i in range(100):
    slots(s, i)
    has({1: 2}, i)
    magic(G())
    call(M().m)
print(forms(slots), forms(has), forms(magic), forms(call))
for i in range(100):
    has({1, 2}, i)
print(forms(has), has({1, 2}, 1), has(frozenset([3]), 3))


class T:
    __slots__ = ("x", "b", "a")
    def __init__(self, a):
        self.a = a


G.__getattribute__ = lambda self, name: -1
M.m = lambda self, a, b=0, *rest: a - b
for i in range(100):
    slots(T(i), i)
    magic(G())
    call(M().m)
print(forms(slots), forms(magic), forms(call), slots(T(2), 3), magic(G()), call(M().m))
for i in range(100):
    has([1, 2], i)
print(forms(has), has([1, 2], 2))
