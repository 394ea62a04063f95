# Sets and frozensets: iteration order must match CPython's table algorithm.
a = set([10, 3, 7, 100, 42, 8, 1, 9, 33, 64, 128, 5])
print(a, len(a))
b = {1, 2, 3, 1000, -5, 64}
print(b, a & b, a | b, a - b, b - a, a ^ b)
print(3 in a, 4 in a, {1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2} == {2, 1})
c = set()
for i in range(40):
    c.add(i * 7 % 23)
print(c)
c.discard(0)
c.remove(7)
print(sorted(c), len(c))
f = frozenset([3, 1, 2])
print(f, hash(f) == hash(frozenset([1, 2, 3])), frozenset())
print(set(), set("abc") == {"a", "b", "c"}, set(range(10)) - set(range(0, 10, 2)))
d = {x: x * x for x in [9, 1, 5]} if False else {9: 81, 1: 1, 5: 25}
print(set(d), set(d.values()) if False else set([81, 1, 25]))
big = set()
for i in range(1000):
    big.add(i * 37 % 1001)
print(len(big), sum(big), min(big), max(big))
print({(1, 2), (3, 4)} == {(3, 4), (1, 2)}, {1.5, 2.5, 1.5})
e = {1, 2, 3}
e |= {4}
e -= {1}
e &= {2, 3, 4, 5}
e ^= {2, 9}
print(e)
print(a.union([1000]), a.intersection(range(8)), a.difference([1, 3]), a.issubset(range(200)), a.isdisjoint({2}))
s2 = {5, 6}
print(s2.pop(), s2)
