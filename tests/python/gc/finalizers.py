# __del__: called once, in CPython's order, for refcount deaths and for garbage cycles;
# an object a finalizer resurrects survives the collection.
import gc

gc.collect()
log = []

class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)

x = D("plain")
del x
print(log)

log.clear()
a = D("a")
b = D("b")
a.other = b
b.other = a
del a, b
print("before", log)
n = gc.collect()
print("collected", n >= 2, sorted(log))

saved = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("phoenix __del__")
        saved.append(self)

p = Phoenix()
del p
print("collect 1", gc.collect())
print("saved", len(saved), gc.is_finalized(saved[0]))
saved[0].me = None
saved.clear()
print("collect 2", gc.collect())

class Loud:
    def __del__(self):
        print("Loud.__del__")
        raise RuntimeError("ignored")

l = Loud()
del l
print("after the error")

class Chain:
    def __init__(self, n, nxt):
        self.n = n
        self.nxt = nxt
    def __del__(self):
        log.append(self.n)

log.clear()
c = None
for i in range(5):
    c = Chain(i, c)
del c
print(log)
