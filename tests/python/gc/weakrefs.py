# Weak references: callbacks when the referent dies by refcount and in a collection, CPython's
# rules for which callbacks run, proxies, the weak containers and finalize.
import gc
import weakref

gc.collect()

class Obj:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return "Obj(%s)" % self.name

o = Obj("a")
r = weakref.ref(o)
print(r() is o, weakref.ref(o) is r, weakref.getweakrefcount(o))
def cb(wr):
    print("callback", wr is r2, wr())
r2 = weakref.ref(o, cb)
print(weakref.getweakrefcount(o), r == weakref.ref(o))
del o
print("dead", r(), r2())

a = Obj("cycle")
a.me = a
ra = weakref.ref(a, lambda wr: print("cycle callback", wr()))
del a
print("collect", gc.collect() >= 1)
print(ra())

# A weakref that is itself garbage gets no callback.
b = Obj("b")
b.me = b
b.wr = weakref.ref(b, lambda wr: print("never printed"))
del b
gc.collect()
print("no callback")

p_target = Obj("p")
p = weakref.proxy(p_target)
print(p.name, repr(p_target))
del p_target
try:
    p.name
except ReferenceError as e:
    print("ReferenceError:", e)

try:
    weakref.ref(1)
except TypeError as e:
    print(e)

d = weakref.WeakValueDictionary()
k1 = Obj("v1")
k2 = Obj("v2")
d["one"] = k1
d["two"] = k2
print(sorted(d.keys()), len(d), "one" in d)
del k1
print(sorted(d.keys()), len(d), "one" in d, d.get("one"))

wk = weakref.WeakKeyDictionary()
key = Obj("key")
wk[key] = 42
print(wk[key], len(wk), key in wk)
del key
print(len(wk))

ws = weakref.WeakSet()
e1 = Obj("e1")
e2 = Obj("e2")
ws.add(e1)
ws.add(e2)
print(len(ws), e1 in ws)
del e2
print(len(ws), sorted([x.name for x in ws]))

def goodbye(name):
    print("finalize", name)
target = Obj("t")
f = weakref.finalize(target, goodbye, "t")
print(f.alive)
del target
print(f.alive)
t2 = Obj("t2")
f2 = weakref.finalize(t2, goodbye, "t2")
f2()
print(f2.alive, f2())
del t2
