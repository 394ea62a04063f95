# The members of issue 8's third round, warmed up and then made to deopt: __slots__ fields
# (LOAD_ATTR_SLOT, STORE_ATTR_SLOT), `in` on dicts and sets (CONTAINS_OP_DICT, CONTAINS_OP_SET),
# a Python __getattribute__ (LOAD_ATTR_GETATTRIBUTE_OVERRIDDEN) and bound methods that need the
# general binder (CALL_BOUND_METHOD_GENERAL). Every loop runs long enough to specialize, then
# meets another type, an unset field, an unhashable key, a replaced method.


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class Other:
    __slots__ = ("y", "x")


def move(p, dx):
    p.x = p.x + dx
    p.y += 1
    return p.x * 10 + p.y


p = Point(0, 0)
total = 0
for i in range(300):
    total += move(p, 1)
print("slots", total, p.x, p.y)
q = Point3(1, 2, 3)
o = Other()
o.x = 5
o.y = 6
for i in range(100):
    total += move(q if i % 2 else o, 2)
print("slots, other classes", total, q.x, q.y, q.z, o.x, o.y)
e = Point(1, 2)
del e.y
try:
    move(e, 1)
except AttributeError as exc:
    print("AttributeError:", exc)
print("after the error", e.x)


def count_in(keys, container):
    n = 0
    for k in keys:
        if k in container:
            n += 1
        if k not in container:
            n -= 1
    return n


keys = list(range(40))
d = {k: None for k in range(0, 40, 3)}
s = set(range(0, 40, 2))
fs = frozenset(range(0, 40, 5))
for i in range(30):
    r = (count_in(keys, d), count_in(keys, s), count_in(keys, fs))
print("in", r)
print("swapped", count_in(keys, s), count_in(keys, d), count_in(keys, [1, 2, 3]), count_in(keys, "abc" and range(5)))
print("strings", count_in(["a", "b", "zz"], {"a": 1, "zz": 2}), count_in(["a", "b"], {"b"}))
try:
    count_in([[1]], d)
except TypeError as exc:
    print("TypeError:", exc)
try:
    count_in([{}], s)
except TypeError as exc:
    print("TypeError:", exc)
print({1} in {frozenset({1})}, frozenset() in {frozenset(): 1}, 1.0 in {1: 1}, 2 in {2.0})


class Logged:
    def __init__(self):
        self.seen = []
        self.value = 3

    def __getattribute__(self, name):
        if name == "double":
            return object.__getattribute__(self, "value") * 2
        object.__getattribute__(self, "seen").append(name)
        return object.__getattribute__(self, name)


def read(obj):
    return obj.double + obj.value


lg = Logged()
acc = 0
for i in range(200):
    acc += read(lg)
print("getattribute", acc, len(lg.seen), lg.seen[:2])
Logged.__getattribute__ = lambda self, name: 100
print("replaced", read(lg), read(Logged()))


class Raises:
    def __getattribute__(self, name):
        raise AttributeError("no " + name)


try:
    read(Raises())
except AttributeError as exc:
    print("AttributeError:", exc)


class WithGetattr:
    def __getattribute__(self, name):
        if name == "double":
            raise AttributeError(name)
        return 1

    def __getattr__(self, name):
        return 50


print("with __getattr__", [read(WithGetattr()) for i in range(3)])


class Acc:
    def __init__(self):
        self.total = 0

    def add(self, a, b=1, *rest, scale=1):
        self.total += (a + b + sum(rest)) * scale
        return self.total


def call_all(f, i):
    return f(i) + f(i, 2) + f(i, 2, 3, 4) + f(i, scale=2)


a = Acc()
for i in range(200):
    r = call_all(a.add, i)
print("bound", r, a.total)
Acc.add = lambda self, a, b=0, *rest, scale=1: a - b
print("replaced method", call_all(Acc().add, 10))
try:
    call_all(Acc().add, "x")
except TypeError as exc:
    print("TypeError:", exc)
try:
    Acc.add = lambda self: 0
    call_all(Acc().add, 1)
except TypeError as exc:
    print("TypeError:", exc)
