# Enums mixed with int and str (IntEnum, IntFlag, StrEnum, str mixins), auto() values used in the
# class body, and a dataclass __hash__ assigned after class creation. Needs int/str subclass
# instances that carry their value, and class-body auto() resolution.
from dataclasses import dataclass
from enum import Enum, Flag, IntEnum, IntFlag, StrEnum, auto


class Num(IntEnum):
    ONE = 1
    TWO = 2


print(Num.ONE, repr(Num.TWO), Num.ONE + 1, Num(2), Num.ONE == 1, f"{Num.TWO:03d}", str(Num.ONE))
print(sorted([Num.TWO, Num.ONE]), isinstance(Num.ONE, int), list(Num))


class Perm(IntFlag):
    R = 4
    W = 2
    X = 1


print(Perm.R | Perm.W, repr(Perm.R | Perm.W), Perm.R | 8, repr(Perm(0)), ~Perm.R, Perm.R + 1)


class Color(StrEnum):
    RED = auto()
    GREEN = "green"


print(Color.RED, repr(Color.RED), Color.RED == "red", Color.GREEN.upper())


class StrMixin(str, Enum):
    A = "a"


print(repr(StrMixin.A), StrMixin.A == "a")


class Weekday(Flag):
    MON = auto()
    TUE = auto()
    WEEKDAYS = MON | TUE


print(Weekday.WEEKDAYS, list(Weekday), list(reversed(Weekday)))


@dataclass(unsafe_hash=True)
class Key:
    k: str


print(hash(Key("a")) == hash(("a",)))
