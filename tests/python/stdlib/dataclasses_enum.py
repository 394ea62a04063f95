# dataclasses and enum: generated methods, fields, and the reprs CPython prints.
# Pending: the output matches CPython, but enum classes (instances of a Python metaclass that
# hold their members, which refer back to them) are left alive after the program: the cycle
# collector does not free such a class (see also a metaclass class storing its own instance).
import dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, FrozenInstanceError
from enum import Enum, Flag, auto, unique


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


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value)
print(Color(2), Color["BLUE"], list(Color), len(Color))
print(Color, repr(Color), type(Color.RED), isinstance(Color.GREEN, Color))
print(Color.RED is Color(1), Color.RED == 1, Color.RED == Color.RED)
print(Color.RED in Color, 2 in Color, 7 in Color)
print(list(Color.__members__), [m.name for m in reversed(list(Color))])
print(f"{Color.RED}", format(Color.BLUE), f"{Color.GREEN:>14}|")
print(hash(Color.RED) == hash("RED"), {Color.RED: "r"}[Color.RED])
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PURPLE"]
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    class MoreColor(Color):
        PINK = 4
except TypeError as e:
    print("TypeError:", e)


class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2

    def describe(self):
        return f"{self.name} has value {self.value}"

    @classmethod
    def default(cls):
        return cls.CIRCLE


print(list(Shape), Shape.ALIAS_FOR_SQUARE, Shape(2) is Shape.SQUARE)
print(Shape.DIAMOND.describe(), Shape.default())
print(list(Shape.__members__.items())[-1])
try:
    unique(Shape)
except ValueError as e:
    print("ValueError:", e)


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()


print(list(Auto), [m.value for m in Auto])


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius


print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, Planet.MERCURY.radius)


class Mood(Enum):
    HAPPY = "happy"
    SAD = "sad"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None


print(Mood("HAPPY"), repr(Mood.SAD))
try:
    Mood(3)
except ValueError as e:
    print("ValueError:", e)


class Perm(Flag):
    R = 4
    W = 2
    X = 1


rw = Perm.R | Perm.W
print(rw, repr(rw), rw.value, rw.name)
print(Perm.R in rw, Perm.X in rw, list(rw), len(rw), bool(Perm(0)))
print(repr(Perm(0)), Perm(7), repr(~Perm.R), Perm.R & Perm.W)
print(list(Perm), Perm(6) is rw)


class Weekday(Flag):
    MON = auto()
    TUE = auto()
    WED = auto()
    WEEKDAYS = 7


print(list(Weekday), Weekday.WEEKDAYS, repr(Weekday.TUE), [d.value for d in Weekday])
print(repr(Weekday.MON | Weekday.TUE))

Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, repr(Animal))
