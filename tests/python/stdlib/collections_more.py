from collections import deque, defaultdict, OrderedDict, Counter, namedtuple, ChainMap, UserDict, UserList, UserString
import collections.abc as cabc
d = deque(range(5), maxlen=4); print(d, d.maxlen)
d.rotate(1); print(d); d.rotate(-2); print(d)
d.extend([7, 8]); d.extendleft([0]); print(d, d.count(7), d.index(7), d[1], d[-1])
d.remove(7); d.reverse(); print(d, len(d), 8 in d, list(reversed(d)), d.copy())
print(d.pop(), d.popleft(), d, deque(), deque([1]) == deque([1]), deque("ab") + deque("c"), deque([1]) * 2)
d.clear(); print(d)
try:
    deque().pop()
except IndexError as e:
    print(e)
dd = defaultdict(int); dd["a"] += 1; dd["b"]; print(dd, dict(dd), dd.default_factory, defaultdict(None, {1: 2}))
try:
    defaultdict(None)["x"]
except KeyError as e:
    print("KeyError", e)
od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
od.move_to_end("a"); od.move_to_end("c", last=False); print(od, list(od.keys()), od.popitem(), od)
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1) == {"a": 1}, list(reversed(OrderedDict(a=1, b=2))))
c = Counter("mississippi"); print(c, c.most_common(2), c["z"], sorted(c.elements())[:5], c.total())
c2 = Counter(a=3, b=1); c3 = Counter(a=1, b=2)
print(c2 + c3, c2 - c3, c2 | c3, c2 & c3, +Counter(a=-1, b=2), -Counter(a=-1))
c2.update(a=1); c2.subtract({"b": 5}); print(c2, Counter({"x": 2}) == Counter(x=2))
del c2["nope"]; print(c2)
P = namedtuple("P", ["x", "y"], defaults=[0]); p = P(1)
print(p, P._fields, P._field_defaults, p._asdict(), p._replace(y=3), P._make([5, 6]), P.__name__, p.x)
Q = namedtuple("Q", "a, b", rename=True); print(Q(1, 2), Q.__doc__)
R = namedtuple("R", "def x", rename=True); print(R._fields)
try:
    P(1, 2, 3)
except TypeError as e:
    print(e)
try:
    namedtuple("Bad", "1x")
except ValueError as e:
    print(e)
cm = ChainMap({"a": 1}, {"a": 2, "b": 3}); print(cm["a"], cm["b"], len(cm), sorted(cm), cm.maps, cm.new_child({"z": 0}), cm.parents)
cm["c"] = 5; print(cm.maps[0], "c" in cm, cm.get("q", 9))
ud = UserDict(a=1); ud["b"] = 2; print(ud, ud.data, len(ud), isinstance(ud, cabc.MutableMapping))
ul = UserList([3, 1]); ul.append(2); ul.sort(); print(ul, ul[0], ul + [9], len(ul))
us = UserString("abc"); print(us.upper(), us + "d", len(us), us[1])
print(issubclass(deque, cabc.MutableSequence), isinstance(dd, cabc.Mapping), issubclass(Counter, dict), isinstance(range(3), cabc.Sequence))
print(isinstance(iter([]), cabc.Iterator), isinstance((x for x in []), cabc.Generator), isinstance({}.keys(), cabc.KeysView), isinstance(len, cabc.Callable), isinstance(1, cabc.Hashable), isinstance([], cabc.Hashable))
class MyMap(cabc.Mapping):
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __len__(self): return len(self.d)
    def __iter__(self): return iter(self.d)
m = MyMap({"a": 1}); print(m.get("a"), m.get("z", 0), list(m.items()), "a" in m, m == {"a": 1}, list(m.keys()), list(m.values()))
