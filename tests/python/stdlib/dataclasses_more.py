import dataclasses
from dataclasses import dataclass, field, asdict, astuple, replace, fields, InitVar, FrozenInstanceError
from typing import ClassVar, List

@dataclass
class Inner:
    a: int
    b: List[int] = field(default_factory=list)

@dataclass(order=True)
class Outer:
    name: str
    inner: Inner
    tags: tuple = ()
    count: ClassVar[int] = 0

o = Outer("x", Inner(1, [2, 3]), ("t",))
print(o, asdict(o), astuple(o))
print(replace(o, name="y"), o < Outer("z", Inner(0)), [f.name for f in fields(o)], Outer.count)

@dataclass
class WithInit:
    x: int
    scale: InitVar[int] = 2
    y: int = field(init=False)
    def __post_init__(self, scale):
        self.y = self.x * scale
w = WithInit(3); print(w, WithInit(3, 5).y, [f.name for f in fields(WithInit)])

@dataclass(frozen=True)
class Frozen:
    v: int
fz = Frozen(1)
try:
    fz.v = 2
except FrozenInstanceError as e:
    print(type(e).__name__, e)
print(hash(fz) == hash(Frozen(1)), fz == Frozen(1), {fz: 1}[Frozen(1)])

@dataclass(slots=True)
class Slotted:
    p: int
    q: str = "q"
s = Slotted(1); print(s, Slotted.__slots__)

@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq(1).__eq__(NoEq(1)))

@dataclass(repr=False)
class NoRepr:
    v: int
print(repr(NoRepr(1)).startswith("<__main__.NoRepr object at"))

@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 0
print(KW(a=1), KW(b=2, a=3))
try:
    KW(1)
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad:
        a: int = 0
        b: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Mut:
        a: list = []
except ValueError as e:
    print(e)
P = dataclasses.make_dataclass("P", [("x", int), ("y", int, field(default=5))], namespace={"norm": lambda self: self.x + self.y})
print(P(1), P(1).norm(), dataclasses.is_dataclass(P), dataclasses.is_dataclass(P(1)), dataclasses.is_dataclass(int))
@dataclass
class Node:
    val: int
    children: list = field(default_factory=list, repr=False, compare=False)
print(Node(1, [Node(2)]), Node(1) == Node(1, [3]), field(default=1).default)
print(Outer.__match_args__, Inner.__dataclass_params__ if False else "", Outer.__dataclass_fields__["name"].type)
