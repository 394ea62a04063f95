# WeakValueDictionary, WeakKeyDictionary and WeakSet (their whole interface, entries leaving when
# their objects die) and finalize: peek, detach, alive, atexit, and the calls at exit.
import gc
import weakref

class O:
    def __init__(self, n): self.n = n
    def __repr__(self): return "O(%r)" % self.n

# WeakValueDictionary
objs = [O(i) for i in range(5)]
d = weakref.WeakValueDictionary({i: o for i, o in enumerate(objs)})
print(len(d), sorted(d.keys()), sorted(v.n for v in d.values()))
print(type(d.keys()).__name__, 3 in d, d[3], d.get(9, "dflt"))
refs = d.valuerefs()
print(len(refs), isinstance(refs[0], weakref.KeyedRef), sorted(r.key for r in refs))
del objs[3]
print(len(d), 3 in d, d.get(3), sorted(d))
try:
    d[3]
except KeyError as e:
    print("KeyError", e)
print(d.pop(0).n, d.pop(0, "gone"), d.setdefault(1).n)
extra = O("x")
print(d.setdefault("x", extra) is extra, sorted(map(str, d)))
k, v = d.popitem()
print(type(k).__name__ in ("int", "str"), isinstance(v, O))
c = d.copy()
print(type(c).__name__, len(c) == len(d))
d2 = d | {"new": extra}
print(type(d2).__name__, "new" in d2, "new" in d)
d |= {"other": extra}
print("other" in d)
del extra
gc.collect()
print("x" in d, "other" in d)
d.clear()
print(len(d), list(d.items()))
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)

# WeakKeyDictionary
keys = [O(i) for i in range(4)]
wk = weakref.WeakKeyDictionary()
for i, key in enumerate(keys):
    wk[key] = i * 10
print(len(wk), sorted(wk.values()), keys[2] in wk, wk[keys[1]], wk.get(O(9), "no"))
print(O(1) in wk, 5 in wk)
del keys[0]
print(len(wk), sorted(k.n for k in wk))
print(wk.pop(keys[0]), len(wk), wk.setdefault(keys[0], 99))
print(len(wk.keyrefs()), sorted(v for k, v in wk.items()))
wk2 = wk.copy()
print(type(wk2).__name__, len(wk2))
key, val = wk.popitem()
print(isinstance(key, O), val in (20, 30, 99))
del key
wk.update({keys[-1]: "updated"})
print(wk[keys[-1]])
keys.clear()
gc.collect()
print(len(wk), len(wk2))

# WeakSet
items = [O(i) for i in range(6)]
ws = weakref.WeakSet(items[:4])
other = weakref.WeakSet(items[2:])
print(len(ws), items[0] in ws, items[5] in ws, 1 in ws)
print(sorted(o.n for o in ws | other), sorted(o.n for o in ws & other))
print(sorted(o.n for o in ws - other), sorted(o.n for o in ws ^ other))
print(ws.issubset(items), ws <= weakref.WeakSet(items), ws < weakref.WeakSet(items), ws >= other)
print(ws == weakref.WeakSet(items[:4]), ws != other, ws.isdisjoint(weakref.WeakSet(items[4:])))
c = ws.copy()
c.discard(items[0])
c.remove(items[1])
try:
    c.remove(O(99))
except KeyError:
    print("KeyError")
print(len(c), len(ws))
c -= [items[2]]
c |= [items[5]]
c &= items[3:]
c ^= [items[4]]
print(sorted(o.n for o in c))
p = ws.pop()
print(isinstance(p, O), len(ws))
del p
ws.clear()
print(len(ws))
try:
    ws.pop()
except KeyError as e:
    print("KeyError", e)
ws.add(items[0])
del items
gc.collect()
print(len(ws), len(other), list(ws))
try:
    hash(weakref.WeakSet())
except TypeError as e:
    print("TypeError", e)

# finalize
log = []
class T:
    pass
t1, t2, t3 = T(), T(), T()
f1 = weakref.finalize(t1, log.append, "t1")
f2 = weakref.finalize(t2, log.append, "t2")
f3 = weakref.finalize(t3, lambda *a, **k: log.append(("t3", a, k)), 1, key=2)
print(f1.alive, f1.atexit, repr(f1).startswith("<finalize object at "), "for 'T' at" in repr(f1))
obj, func, args, kwargs = f3.peek()
print(obj is t3, args, kwargs)
del obj
print(f2.detach()[2], f2.alive, f2.detach())
del t1
print(log, f1.alive, "dead" in repr(f1))
print(f3(), f3(), log)
f2b = weakref.finalize(t2, print, "at exit: t2")
f4 = weakref.finalize(T(), print, "never, its object is already gone")
t5 = T()
f5 = weakref.finalize(t5, print, "not at exit")
f5.atexit = False
t6 = T()
f6 = weakref.finalize(t6, print, "at exit: t6 (latest first)")
print("end of program")
