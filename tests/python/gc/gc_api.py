# The gc module against CPython: weakref callbacks during a collection, gc.callbacks info,
# referents and referrers, tracking, freeze, statistics and the errors of bad arguments.
import gc
import weakref
gc.collect()

# weakref callbacks during a collection: a reachable weakref to garbage gets its callback,
# with the referent already cleared; one that is garbage itself gets none
class O:
    def __init__(self, n): self.n = n
log = []
a = O("a"); a.me = a
w1 = weakref.ref(a, lambda r: log.append(("w1", r())))
w2 = weakref.ref(a, lambda r: log.append(("w2", r())))
b = O("b"); b.me = b
b.w = weakref.ref(b, lambda r: log.append("never"))
del a, b
print(gc.collect(), log)
print(w1(), w2())
log.clear()

# a callback that is itself part of the garbage does not run
c = O("c"); c.me = c
def cb(r, c=c): log.append("cb")
wc = weakref.ref(c, cb)
del c, cb
print(gc.collect(), log)

# callbacks run in reverse order of registration for refcount deaths
d = O("d")
ws = [weakref.ref(d, lambda r, i=i: log.append(i)) for i in range(3)]
log.clear()
del d
print(log)

# gc.callbacks: start and stop with generation, collected, uncollectable
info = []
def gccb(phase, i):
    info.append((phase, i["generation"], i["collected"], i["uncollectable"]))
gc.callbacks.append(gccb)
x = []; x.append(x); del x
gc.collect()
gc.collect(0)
y = {}; y["y"] = y; z = [y]; z.append(z); del y, z
gc.collect(1)
gc.callbacks.remove(gccb)
print(info)

# get_referents and get_referrers
lst = [1, "two", (3,)]
print(sorted(map(repr, gc.get_referents(lst))))
dd = {"k": lst}
print(sorted(map(repr, gc.get_referents(dd))))
print(dd in gc.get_referrers(lst), len([r for r in gc.get_referrers(lst) if r is dd]))
class Q:
    pass
q = Q(); q.attr = lst
print(any(r is q for r in gc.get_referrers(lst)) or any(isinstance(r, dict) and r.get("attr") is lst for r in gc.get_referrers(lst)))
print(Q in gc.get_referents(q))
print(gc.get_referents(1, "s", None))

# is_tracked
print(gc.is_tracked(0), gc.is_tracked(1.5), gc.is_tracked("x"), gc.is_tracked(()), gc.is_tracked([]), gc.is_tracked({}), gc.is_tracked(Q), gc.is_tracked(q))
print(gc.is_tracked((1, 2)), gc.is_tracked(({},)))

# freeze / unfreeze
gc.collect()
gc.freeze()
print(gc.get_freeze_count() > 0, gc.collect())
k = []; k.append(k); del k
print(gc.collect())
gc.unfreeze()
print(gc.get_freeze_count(), gc.collect())

# get_stats
st = gc.get_stats()
print(len(st), [sorted(s) for s in st])
before = gc.get_stats()[2]["collections"]
gc.collect()
print(gc.get_stats()[2]["collections"] - before)
before0 = gc.get_stats()[0]["collected"]
m = []; m.append(m); del m
gc.collect(0)
print(gc.get_stats()[0]["collected"] - before0)

# errors
for bad in ((3,), (-1,), ("x",)):
    try:
        gc.collect(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    gc.get_objects(generation=5)
except ValueError as e:
    print("ValueError", e)
try:
    gc.is_tracked()
except TypeError as e:
    print("TypeError", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError", e)

for f,a in [(gc.is_finalized,()),(gc.set_debug,()),(gc.set_debug,('x',)),(gc.set_threshold,(1,2,3,4)),(gc.set_threshold,('a',)),(gc.get_objects,('x',)),(gc.enable,(1,)),(gc.collect,(1,2)),(gc.get_count,(1,)),(gc.freeze,(1,)), (gc.is_tracked,(1,2)), (gc.get_freeze_count,(1,))]:
    try: f(*a)
    except Exception as e: print(type(e).__name__, e)
print(gc.collect(generation=0))
try: gc.collect(gen=1)
except Exception as e: print(type(e).__name__, e)
