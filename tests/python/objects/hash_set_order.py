# Hashes equal to CPython's for int, float, complex, tuple, bool, None and frozenset, so that
# sets of those keys iterate (and print) in CPython's order, growth and deletions included.
import math

values = [0, 1, -1, -2, 2**31, -(2**31), 2**61 - 1, 2**61, 2**64 + 7, -(10**30), True, False]
values += [0.5, -0.5, 1.0, 1e300, -1e-300, math.pi, float("inf"), -float("inf"), 2.0**-1074]
values += [complex(1, 2), complex(0, -1), 1j, (), (1,), (1, 2), ((1, 2), 3), (None, True, 1.5)]
values += [None, frozenset(), frozenset({1, 2}), frozenset({(1, 2), 3.5}), frozenset({None})]
for v in values:
    print(repr(v), hash(v))
print({7, 15, 23, 31, 39, 1, 9}, {-1, -2, -3, 2**62, 0.25, 1e10})
print(set(range(20, 0, -3)), {None, 0, (), 0.5, frozenset()}, {(i, -i) for i in range(6)})
s = set()
for i in range(0, 200, 7):
    s.add(i * 1000003 % 1024)
for i in range(0, 200, 21):
    s.discard(i * 1000003 % 1024)
print(s)
print(set("abc") == {"a", "b", "c"}, frozenset({1, 2}) == {2, 1}, {1, 2} | {2.0, 3}, {1.0} | {1})
d = {1: "int", 1.0: "float", True: "bool"}
print(d, {0.0: "a", -0.0: "b", False: "c"}, hash(-0.0) == hash(0), hash(float("nan")) == 0)
print(len({float("nan"), float("nan")}), {x: None for x in (3, 1, 2, 1024, 2048 + 3)})
