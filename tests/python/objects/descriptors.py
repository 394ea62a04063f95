# The descriptors of builtin types: slot wrappers (int.__add__), method-wrappers on instances,
# method and getset descriptors, calling them unbound and their error messages; super() reaching
# a builtin base's special methods; special methods assigned to a class after its creation;
# type.__dict__ as a mappingproxy; types.GenericAlias and types.UnionType; __class_getitem__.
import types

print(int.__add__, str.join, int.real, object.__init__, type.__call__, list.__hash__)
print(type(int.__add__).__name__, type((1).__add__).__name__, type(str.join).__name__)
print(type(int.real).__name__, type("a".join).__name__, type(int.__dict__).__name__)
print(int.__add__(1, 2), (1).__add__(2), (1).__radd__(2), int.__add__(1, 2.5), (5).__rsub__(2))
print((3).__pow__(2), (3).__pow__(2, 5), (3).__rpow__(2), (7).__divmod__(2), (7.5).__rdivmod__(2))
print(str.join("-", "abc"), "a".join.__name__, str.join.__qualname__, str.join.__objclass__)
print(int.__add__.__qualname__, (1).__add__.__self__, (1).__add__.__name__, int.real.__get__(5))
print(hasattr(lambda: 0, "__get__"), type.__call__(int, "5"), (lambda: 7).__get__(None, int)())
print([1, 2].__len__(), {1: 2}.__getitem__(1), "abc".__contains__("b"), (1.5).__lt__(2))
print((2).__eq__(2.0), (2).__lt__("a"), (1).__hash__(), (0).__bool__(), "ab".__iter__().__next__())
print(object.__eq__(1, 1), object.__eq__(1, 2), object.__lt__(1, 2), object.__str__(5))
print(int.__hash__(5), object.__hash__(None) == hash(None), hash(None), float.__repr__(1.5))

for f in [
    lambda: int.__add__("a", 1),
    lambda: str.join(1, []),
    lambda: int.__add__(),
    lambda: str.join(),
    lambda: list.__dict__["append"].__get__(3),
    lambda: int.real.__get__("x"),
    lambda: int.real.__set__(1, 2),
    lambda: int.__add__(1, 2, 3),
    lambda: (1).__add__(1, 2),
    lambda: dict.__dict__["fromkeys"](1),
    lambda: type.__dict__["__call__"].__get__(None, None),
]:
    try:
        print(f())
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)


class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)

    def __getitem__(self, k):
        return super().__getitem__(k) + 1


d = D()
d["a"] = 1
print(d, d["a"], dict.__getitem__(d, "a"))


class L(list):
    def __init__(self, *a):
        super().__init__(a)

    def __len__(self):
        return super().__len__() * 10


print(L(1, 2), len(L(1, 2)), list.__len__(L(1, 2)))


class Frozen:
    def __init__(self):
        object.__setattr__(self, "x", 1)

    def __setattr__(self, k, v):
        raise AttributeError("frozen")


fr = Frozen()
print(fr.x, object.__repr__(fr).startswith("<__main__.Frozen object"))


class N(int):
    def __add__(self, o):
        return "N+" + str(int.__add__(self, o))


print(N(1) + 2, 2 + N(1), N(5).__add__(1), int.__new__(int, 7), tuple.__new__(tuple, [1]))


class K:
    def __init__(self, k):
        self.k = k

    def __eq__(self, o):
        return True


print(K.__hash__)
K.__hash__ = lambda self: hash((self.k,))
print(hash(K("a")) == hash(("a",)))


class Late:
    pass


print(callable(Late()))
Late.__len__ = lambda self: 3
print(len(Late()), bool(Late()))
Late.__getitem__ = lambda self, i: i * 2
Late.__eq__ = lambda self, o: "eq"
Late.__repr__ = lambda self: "Late!"
print(Late()[4], Late() == 1, repr(Late()), f"{Late()}", str(Late()))
Late.__iter__ = lambda self: iter([1, 2])
Late.__call__ = lambda self, x: x + 1
print(list(Late()), Late()(1), callable(Late()))
del Late.__call__
try:
    Late()(1)
except TypeError as e:
    print(e)


class Sub(Late):
    pass


Late.__len__ = lambda self: 9
print(len(Sub()))


class Ns:
    x = 1

    def m(self):
        pass


print(type(Ns.__dict__).__name__, Ns.__dict__["x"], dict(Ns.__dict__)["x"], Ns.__dict__.get("y", 9))
print("__add__" in int.__dict__, "__add__" in bool.__dict__, int.__dict__["real"])
try:
    Ns.__dict__["z"] = 1
except TypeError as e:
    print(e)
mp = types.MappingProxyType({"a": 1})
print(mp, mp["a"], len(mp), list(mp), mp.get("b"), mp | {"c": 2}, mp == {"a": 1})
try:
    types.MappingProxyType([1])
except TypeError as e:
    print(e)

a = list[int]
print(a, repr(dict[str, tuple[int, ...]]), a.__origin__, a.__args__, type(a), a.__parameters__)
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]), a())
print(type[int], tuple[()], list["X"], dict[str, int | None], list[int].append)
print(types.GenericAlias(list, (int,)), types.GenericAlias(list, int), list[int] | None)
u = int | None
print(u, type(u), int | str | None, (int | str) == (str | int), u.__args__, int | int)


class G:
    def __class_getitem__(cls, item):
        return f"G[{item.__name__}]"


print(G[int], f"{int} {type} {G!r:.20}")
for bad in [lambda: int[0], lambda: G()[0]]:
    try:
        bad()
    except TypeError as e:
        print(e)
print(list(reversed({1: 2, 3: 4})), list(reversed(range(3))))
