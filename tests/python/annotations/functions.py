# Function annotations become the function's __annotations__ (evaluated at def time).
def f(a: int, b: "str" = "x", *args: float, k: bool = True, **kw: object) -> "list[int]":
    return [a]


print(f.__annotations__)
print(f(1))


def g(x, y):
    pass


print(g.__annotations__)
g.__annotations__["x"] = 1
print(g.__annotations__)


def h(p, /, q: int, *, r: str) -> None:
    pass


print(h.__annotations__)
print(list(h.__annotations__))

order = []


def ann(v):
    order.append(v)
    return v


def k(a: ann("a") = ann("default"), *, b: ann("b") = ann("kwdefault")) -> ann("ret"):
    pass


print(order)
print(k.__annotations__)


class C:
    def m(self, __x: int) -> "C":
        return self


print(C.m.__annotations__)
lam = lambda x: x
print(lam.__annotations__)

f.__annotations__ = {"z": 1}
print(f.__annotations__)
try:
    f.__annotations__ = 5
except TypeError as e:
    print("TypeError:", e)
f.__annotations__ = None
print(f.__annotations__)
del f.__annotations__
print(f.__annotations__)


def outer():
    T = list

    def inner(x: T) -> T:
        return x

    return inner


print(outer().__annotations__)


async def co(x: int) -> str:
    return ""


print(co.__annotations__)
