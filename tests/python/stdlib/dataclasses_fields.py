# dataclasses: generated methods, fields, asdict/astuple/replace, and the reprs CPython prints.
import dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError


@dataclass
class Point:
    x: int
    y: int = 0


p = Point(1, 2)
print(p, Point(5))
print(p == Point(1, 2), p == Point(2, 1), p != Point(1, 2))
print(Point.__init__.__qualname__, Point.__repr__.__qualname__)
print(Point.__match_args__, Point.__hash__)
print(Point.__doc__)
print([f.name for f in fields(Point)], [f.type for f in fields(p)])
print(asdict(p), astuple(p))
print(replace(p, y=10), p)
try:
    Point()
except TypeError as e:
    print("TypeError:", e)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    label: str = field(default="", compare=False)


v1, v2 = Version(1, 2), Version(1, 10, "beta")
print(v1 < v2, v1 <= v2, v2 > v1, v1 >= v2, sorted([v2, v1]))
print(hash(v1) == hash(Version(1, 2, "other")))
try:
    v1.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e, isinstance(e, AttributeError))
try:
    del v1.minor
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)


@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(init=False, default=0)

    def __post_init__(self):
        self.total = len(self.items)


a = Inventory("ann")
b = Inventory("bob", ["x", "y"])
a.items.append("z")
print(a, b, Inventory("cy").items)
print(asdict(b))


@dataclass
class Nested:
    point: Point
    tags: tuple
    table: dict


n = Nested(Point(1, 2), (Point(3, 4), "t"), {"k": [Point(5, 6)]})
print(n)
print(asdict(n))
print(astuple(n))
try:
    @dataclass
    class Bad:
        values: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass
    class Order:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)
try:
    fields(5)
except TypeError as e:
    print("TypeError:", e)


@dataclass
class Base:
    name: str
    level: int = 1


@dataclass
class Derived(Base):
    extra: str = "e"
    level: int = 5


print(Derived("d"), [f.name for f in fields(Derived)])
print(dataclasses.is_dataclass(Derived), dataclasses.is_dataclass(Derived("q")), dataclasses.is_dataclass(5))


@dataclass(eq=False, repr=False)
class Plain:
    value: int


pl = Plain(1)
print(pl == Plain(1), pl == pl, "object at" in repr(pl))


@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)


root = Node(1)
root.children.append(root)
print(root)


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int


print(Options(level=3))


@dataclass
class Marked:
    a: int
    _: dataclasses.KW_ONLY
    b: int = 2


print(Marked(1, b=3), Marked.__match_args__)


@dataclass(unsafe_hash=True)
class Key:
    k: str


print({Key("a"): 1})

Cls = dataclasses.make_dataclass("Cls", [("x", int), ("y", int, field(default=5))])
print(Cls(1), Cls.__name__)
