import enum
from enum import verify, UNIQUE, CONTINUOUS, NAMED_FLAGS, EnumCheck, Flag, Enum, IntFlag
print(repr(UNIQUE), repr(CONTINUOUS), repr(NAMED_FLAGS), list(EnumCheck), str(UNIQUE))
@verify(UNIQUE, CONTINUOUS)
class Ok(Enum):
    A = 1
    B = 2
    C = 3
print(list(Ok))
for make in [
    lambda: verify(UNIQUE)(Enum("Dup", [("A", 1), ("B", 1)])),
    lambda: verify(CONTINUOUS)(Enum("Gap", [("A", 1), ("B", 4), ("C", 7)])),
]:
    try:
        make()
    except ValueError as e:
        print(e)
try:
    @verify(CONTINUOUS)
    class Bits(Flag):
        A = 1
        D = 8
except ValueError as e:
    print(e)
try:
    @verify(NAMED_FLAGS)
    class Colors(Flag):
        RED = 1
        GREEN = 2
        WHITE = 15
except ValueError as e:
    print(e)
try:
    @verify(NAMED_FLAGS)
    class Two(Flag):
        RED = 1
        X = 5
        Y = 9
except ValueError as e:
    print(e)
print(enum.show_flag_values(13), enum.show_flag_values(0))
