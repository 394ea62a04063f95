# match statements with every pattern kind, as CPython 3.13 runs them
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


class Color:
    RED = "red"
    GREEN = "green"


class Plain:
    __match_args__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __repr__(self):
        return f"Plain({self.a!r}, {self.b!r})"


def describe(subject):
    match subject:
        case None:
            return "none"
        case True | False as b:
            return f"bool {b}"
        case 0 | 1 | 2:
            return "small int"
        case int(n) if n < 0:
            return f"negative {n}"
        case int() | float() as num:
            return f"number {num}"
        case Color.RED:
            return "the colour red"
        case "":
            return "empty string"
        case str() as s if len(s) > 10:
            return "long string"
        case str(s):
            return f"string {s!r}"
        case []:
            return "empty sequence"
        case [x]:
            return f"one item {x}"
        case [x, y]:
            return f"pair {x} {y}"
        case [first, *_, last] if first == last:
            return f"same ends {first}"
        case [first, *rest]:
            return f"head {first} rest {rest}"
        case {"kind": "circle", "r": r}:
            return f"circle r={r}"
        case {"kind": k, **others}:
            return f"kind {k} others {sorted(others.items())}"
        case {}:
            return "some mapping"
        case Point(x=0, y=0):
            return "origin"
        case Point(x=0, y=y) | Point(x=y, y=0):
            return f"on an axis at {y}"
        case Point(x, y):
            return f"point {x},{y}"
        case Plain(a, b=[*items]):
            return f"plain {a} {items}"
        case _:
            return "something else"


for value in [
    None, True, False, 0, 2, -5, 7, 3.5, "red", "", "a long string here", "hi",
    [], (1,), [1, 2], [3, 4, 5, 3], (1, 2, 3), {"kind": "circle", "r": 2},
    {"kind": "square", "side": 1, "colour": "blue"}, {"other": 1}, Point(0, 0),
    Point(0, 4), Point(5, 0), Point(1, 2), Plain("p", [1, 2]), Plain("p", 3), object,
]:
    print(repr(value)[:40], "->", describe(value))


def nested(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return ("go", direction)
        case ["drop", *objects] if objects:
            return ("drop", objects)
        case ["pick", "up", obj] | ["pick", obj, "up"]:
            return ("pick", obj)
        case [("a" | "b"), ("c" | "d") as second, *_]:
            return ("ab-cd", second)
        case _:
            return None


for cmd in ["go north", "go up", "drop a b", "drop", "pick up key", "pick key up", "b d e f", "x"]:
    print(cmd, "->", nested(cmd))


# Mapping patterns: keys that are attributes, values that are patterns, **rest
class K:
    A = "a"


def mapping(m):
    match m:
        case {K.A: 1, "b": [_, _] as pair, **rest}:
            return ("ab", pair, rest)
        case {1: x, 2.0: y}:
            return ("nums", x, y)
        case {"a": {"b": {"c": deep}}}:
            return ("deep", deep)
    return "no"


print(mapping({"a": 1, "b": [1, 2], "c": 3}))
print(mapping({"a": 1, "b": [1, 2, 3]}))
print(mapping({1: "one", 2: "two", 3: "three"}))
print(mapping({"a": {"b": {"c": 42}}}))
print(mapping([1, 2]))


# Class patterns against builtins that match themselves positionally
for v in [1, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, frozenset(), bytearray(b"x"), True]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case float(x):
            print("float", x)
        case str(x) | bytes(x) | bytearray(x):
            print("text-ish", x)
        case list(x) | tuple(x):
            print("seq", x)
        case dict(x):
            print("dict", x)
        case set(x) | frozenset(x):
            print("set", x)

# Sequence patterns never match strings, bytes or bytearrays
for v in ["ab", b"ab", bytearray(b"ab"), range(2), [1, 2]]:
    match v:
        case [a, b]:
            print("sequence", a, b)
        case _:
            print("not a sequence", type(v).__name__)


# Errors raised while matching
class NoArgs:
    pass


try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)


class BadArgs:
    __match_args__ = ["x"]


try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match 1:
        case len(x):
            pass
except TypeError as e:
    print("TypeError:", e)

# The subject is evaluated once, and names bound by a failed case may stay bound
calls = []


def subject():
    calls.append(1)
    return [1, 2, 3]


match subject():
    case [a, b]:
        print("two")
    case [a, b, c, d]:
        print("four")
    case [a, *b]:
        print("star", a, b)
print(len(calls))

# Star in the middle, captured
match list(range(10)):
    case [0, 1, *middle, 8, 9]:
        print("middle", middle)

match (1, (2, (3, (4, 5)))):
    case (a, (b, (c, (d, e)))):
        print(a + b + c + d + e)

# Guards see the bound names; a false guard moves on
for p in [(1, 1), (1, 2), (2, 1)]:
    match p:
        case (x, y) if x == y:
            print("diagonal", x)
        case (x, y) if x < y:
            print("above", x, y)
        case (x, y):
            print("below", x, y)

# Mapping keys written with signs and complex sums are constants (CPython folds them first)
match {0: "zero", -1: "minus one", 1 + 2j: "complex"}:
    case {-0-0j: z, -1: n, 1+2j: c}:
        print(z, n, c)
for src in ["match x:\n case {-1: a, -1: b}: pass", "match x:\n case {-0-0j: a, 0: b}: pass"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.offset)
