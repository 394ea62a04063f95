# Operators that call methods of Python classes, run often enough to be specialized (tier 1 runs
# the method in its own loop, over a shim frame that goes on with the protocol on NotImplemented).
import sys


class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        if isinstance(other, int):
            return V(self.x + other)
        return NotImplemented

    def __radd__(self, other):
        return V(other * 100 + self.x)

    def __sub__(self, other, scale=1):
        return V((self.x - other.x) * scale)

    def __mul__(self, other, *rest):
        return V(self.x * (other if isinstance(other, int) else other.x) + len(rest))

    def __pow__(self, other, mod=None, *, extra=0):
        return V(pow(self.x, other, mod) + extra if mod else self.x**other + extra)

    def __eq__(self, other):
        return isinstance(other, V) and self.x == other.x

    def __lt__(self, other):
        return self.x < other.x if isinstance(other, V) else NotImplemented

    def __gt__(self, other):
        if isinstance(other, V):
            return self.x > other.x
        return NotImplemented

    def __getitem__(self, i):
        if i > 5:
            raise IndexError(i)
        return self.x * i

    def __iadd__(self, other):
        if isinstance(other, str):
            return NotImplemented
        self.x += other
        return self

    def __repr__(self):
        return f"V({self.x})"

    __hash__ = None


class W:
    def __radd__(self, other):
        return "W.__radd__"

    def __gt__(self, other):
        return "W.__gt__"

    def __rsub__(self, other):
        return NotImplemented


class SubV(V):
    def __radd__(self, other):
        return "SubV.__radd__ first"


def arithmetic():
    t = V(0)
    acc = 0
    eqs = lts = gts = 0
    for i in range(300):
        t = t + V(1)
        t = t + 2
        t = 3 + t if i == 150 else t
        if t == V(t.x):
            eqs += 1
        if V(i) < t:
            lts += 1
        if t > V(i * 3):
            gts += 1
        acc += V(3)[i % 5]
    print(t, acc, eqs, lts, gts)
    print(V(10) - V(3), V(2) * 5, V(2) * V(3), V(3) ** 2, V(3).__pow__(2, 5))


def fallbacks():
    for i in range(40):
        try:
            V(1) + "s"
        except TypeError as e:
            r1 = str(e)
        r2 = V(1) + W()
        r3 = V(1) < W()
        try:
            V(1) < 3
        except TypeError as e:
            r4 = str(e)
        r5 = V(1) + SubV(2)
        r6 = V(1) == 1, V(1) != V(1), V(2) != 3, V(2) == V(2)
        try:
            V(1) - W()
        except AttributeError as e:
            r7 = type(e).__name__
        try:
            V(1)[9]
        except IndexError as e:
            r8 = repr(e)
    print(r1, r2, r3, r4, r5, r6, r7, r8, sep="\n")


def inplace():
    v = V(1)
    msgs = set()
    for i in range(40):
        v += 1
        try:
            v += "x"
        except TypeError as e:
            msgs.add(str(e))
        w = V(2)
        w -= V(1)  # no __isub__: __sub__ runs
        v += w.x
    print(v, w, msgs)


def in_branches():
    n = 0
    for i in range(100):
        a, b = V(i), V(100 - i)
        if a < b:
            n += 1
        elif a == b:
            n += 1000
        if not a > b:
            n += 10
    print(n)


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool called")
        return self.v


class Weird:
    def __eq__(self, other):
        return Truthy(True)

    def __lt__(self, other):
        return [1]


def odd_results():
    k = 0
    for i in range(30):
        if Weird() == 1:
            k += 1
        if Weird() < 1:
            k += 1
    print(k, type(Weird() == 1).__name__, Weird() < 1)


def raising():
    class B:
        def __add__(self, other):
            return 1 / 0

        def __getitem__(self, key):
            return {}[key]

    for i in range(30):
        try:
            B() + B()
        except ZeroDivisionError as e:
            tb = e.__traceback__
            names = []
            while tb is not None:
                names.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
        try:
            B()["k"]
        except KeyError as e:
            k = repr(e)
    print(names, k)


def frames_seen():
    class F:
        def __add__(self, other):
            return sys._getframe(1).f_code.co_name

        def __getitem__(self, key):
            return sys._getframe(1).f_code.co_name

    for i in range(30):
        a = F() + F()
        b = F()[0]
    print(a, b)


def generator_method():
    class G:
        def __add__(self, other):
            yield other
            yield other * 2

    for i in range(20):
        r = list(G() + i)
    print(r)


def changed_class():
    class C:
        def __add__(self, other):
            return "first"

    out = []
    for i in range(60):
        if i == 30:
            C.__add__ = lambda self, other: "second"
        out.append(C() + 1)
    print(out[0], out[29], out[30], out[59])


def mixed_types():
    xs = [V(1), 2, 3.5, V(4), "s"]
    out = []
    for i in range(50):
        x = xs[i % 5]
        out.append(repr(x + x if not isinstance(x, str) else x + "!"))
    print(out[:5])


arithmetic()
fallbacks()
inplace()
in_branches()
odd_results()
raising()
frames_seen()
generator_method()
changed_class()
mixed_types()


def three_argument_pow():
    class P:
        def __pow__(self, exp, mod=None):
            return ("pow", exp, mod)

        def __rpow__(self, other, mod=None):
            return ("rpow", other, mod)

    print(pow(P(), 2, 5), pow(P(), 2), 2 ** P())
    for args in [(2, P(), 5), (2, 3, P()), (2.0, 3, 5), (2, 3, 5.0), (2, 3, "x"), ("x", 3, 5)]:
        try:
            print(pow(*args))
        except TypeError as e:
            print("TypeError", e)


three_argument_pow()


def unusual_methods():
    class A:
        def __add__(self):
            return 1

    class B:
        __add__ = None
        __getitem__ = None
        __iter__ = None
        __contains__ = None
        __lt__ = None

    class C:
        @staticmethod
        def __add__(a, b):
            return ("static", b)

    class D:
        def __add__(self, o, *, k):
            return 1

    class E:
        def __add__(self, o, k=5):
            return ("default", k)

    def run(a, b):
        return a + b

    for cls in (A, B, C, D, E):
        for i in range(5):
            try:
                r = run(cls(), 1)
            except TypeError as e:
                r = "TypeError: " + str(e)
        print(cls.__name__, r)
    for expr in ("B()[0]", "iter(B())", "1 in B()", "B() < 1"):
        try:
            eval(expr)
        except TypeError as e:
            print(expr, "->", e)


def recursion_in_method():
    class R:
        def __eq__(self, other):
            return R() == other

    for i in range(3):
        try:
            R() == 1
        except RecursionError:
            print("RecursionError")


unusual_methods()
recursion_in_method()
