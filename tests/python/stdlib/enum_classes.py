# enum: members, values, iteration, Flag combinations and the reprs CPython prints.
from enum import Enum, Flag, auto, unique



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
