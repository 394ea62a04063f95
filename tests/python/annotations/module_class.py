# Module and class annotations are evaluated and stored in __annotations__ (3.13).
x: int = 1
y: "forward"
print(__annotations__)
print(x)

counter = 0


def note(v):
    global counter
    counter += 1
    print("evaluated", v, counter)
    return v


class Obj:
    pass


obj = Obj()
obj.attr: note("attr-ann") = 5
d = {}
d[note("key")]: note("sub-ann") = 7
print(obj.attr, d)
print(sorted(__annotations__))

if x:
    z: bytes = b"z"
for i in range(1):
    w: note("loop")
print(list(__annotations__))


class Point:
    """A point."""

    a: int
    b: dict = {}
    __secret: bool = False
    c = 3

    def method(self):
        inner: note("never") = 1
        return inner


print(Point.__annotations__)
print(Point.b, Point._Point__secret, Point().method())
print("a" in Point.__dict__, "__annotations__" in Point.__dict__)


class Empty:
    def f(self):
        pass


print("__annotations__" in Empty.__dict__)


class Custom(type):
    @classmethod
    def __prepare__(mcs, name, bases):
        ns = {"__annotations__": {"preset": str}}
        return ns


class WithPreset(metaclass=Custom):
    q: float


print(WithPreset.__annotations__)


def shadow():
    class Inner:
        t: list
        u: "tuple[int, ...]" = ()

    return Inner


print(shadow().__annotations__)
