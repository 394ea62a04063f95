# __del__ order (refcount deaths: containers release their items last first; cycles: in the
# order of the generation list), resurrection, finalize-once, gc.garbage and DEBUG_SAVEALL.
import gc
import weakref
gc.collect()
log = []
class D:
    def __init__(self, name): self.name = name
    def __del__(self): log.append(self.name)

# __del__ order of a cycle: CPython finalizes in the order of the generation list (allocation order)
a, b, c = D("a"), D("b"), D("c")
a.n = b; b.n = c; c.n = a
del a, b, c
print(gc.collect(), log)
log.clear()

# refcount death order: container items die in order
lst = [D(i) for i in range(4)]
del lst
print(log); log.clear()
d = {k: D(k) for k in "xyz"}
del d
print(log); log.clear()
t = tuple(D(i) for i in range(3))
del t
print(log); log.clear()

# resurrection: the object survives, __del__ is not called again, then dies without __del__
saved = []
class R:
    def __init__(self): self.me = self
    def __del__(self):
        log.append("R.__del__")
        saved.append(self)
r = R(); del r
print(gc.collect(), log, len(saved), gc.is_finalized(saved[0]))
log.clear()
saved[0].me = None
saved.clear()
print(gc.collect(), log)

# a finalizer that resurrects another member of the cycle
keep = []
class P:
    def __del__(self):
        keep.append(self.other)
p, q = P(), P()
p.other = q; q.other = p
del p, q
n = gc.collect()
print(n, len(keep), type(keep[0]).__name__)
keep.clear()
print(gc.collect())

# gc.garbage stays empty (no legacy finalizers); DEBUG_SAVEALL keeps garbage there
x = []; x.append(x); del x
print(gc.collect(), gc.garbage)
gc.set_debug(gc.DEBUG_SAVEALL)
x = []; x.append(x); del x
print(gc.collect(), len(gc.garbage), gc.garbage[0] is gc.garbage[0][0])
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())

# is_finalized before and after
class F:
    def __del__(self): pass
f = F()
print(gc.is_finalized(f))
f.__del__()
print(gc.is_finalized(f))
ff = F(); ff.me = ff

wr = weakref.ref(ff)
del ff
print(gc.collect(), wr())

# exception in __del__ during collection is reported, collection goes on
class Bad:
    def __del__(self):
        raise ValueError("in del")
bb = Bad(); bb.me = bb; del bb
print("collected", gc.collect())
