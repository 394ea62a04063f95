# weakref.ref, subclasses, callbacks' order, proxies (callable or not), WeakMethod, getweakrefcount
# and getweakrefs, and the objects that cannot be weakly referenced, against CPython 3.13.
import gc
import weakref

class O:
    def __init__(self, n): self.n = n
    def __repr__(self): return "O(%r)" % self.n
    def meth(self): return "meth of %r" % self.n
    def __call__(self, *a): return ("called", a)
    def __len__(self): return 3
    def __add__(self, o): return "add"
    def __getitem__(self, k): return ("item", k)
    def __iter__(self): return iter([1, 2])
    def __eq__(self, o): return isinstance(o, O) and o.n == self.n
    def __hash__(self): return hash(self.n)

o = O(1)
r = weakref.ref(o)
print(type(r).__name__, r() is o, hash(r) == hash(o), r == weakref.ref(o))
print(repr(r).startswith("<weakref at "), "to 'O' at" in repr(r))
r2 = weakref.ref(o, lambda w: None)
print(r2 is r, r2 == r, weakref.getweakrefcount(o), len(weakref.getweakrefs(o)))
o2 = O(1)
print(weakref.ref(o) == weakref.ref(o2))
del o
print(r(), repr(r).startswith("<weakref at "), "dead" in repr(r))
try:
    hash(weakref.ref(O(5)))
except TypeError as e:
    print("TypeError", e)
print(weakref.getweakrefcount(O(3)), weakref.getweakrefs(O(3)))

# subclass of ref with extra attributes
class MyRef(weakref.ref):
    def __init__(self, ob, callback=None):
        super().__init__(ob, callback)
        self.extra = "x"
o = O(2)
mr = MyRef(o, None)
print(mr() is o, mr.extra, isinstance(mr, weakref.ref))
print(weakref.ref(o) is mr)

# callback order and arguments
log = []
o = O(3)
a = weakref.ref(o, lambda w: log.append("a"))
b = weakref.ref(o, lambda w: log.append("b"))
c = weakref.ref(o)
del o
print(log)

# proxies
o = O(4)
p = weakref.proxy(o)
print(type(p).__name__, p.n, p.meth(), len(p), p + 1, p[5], list(p), p == O(4))
cp = weakref.proxy(o)
print(cp is p)
f = O(9)
pf = weakref.proxy(f)
print(type(pf).__name__, pf(1, 2))
p.n = 40
print(o.n, repr(p).startswith("<weakproxy at "))
try:
    hash(p)
except TypeError as e:
    print("TypeError", e)
print(weakref.getweakrefcount(o))
del o
try:
    p.n
except ReferenceError as e:
    print("ReferenceError", e)
try:
    len(p)
except ReferenceError as e:
    print("ReferenceError", e)
print(isinstance(pf, weakref.ProxyTypes), weakref.CallableProxyType, weakref.ProxyType, weakref.ReferenceType is weakref.ref)

# WeakMethod
o = O(6)
wm = weakref.WeakMethod(o.meth)
print(wm()(), wm() == o.meth)
del o
print(wm())

# not weakly referenceable
for v in (1, "s", (1,), [], {}, None):
    try:
        weakref.ref(v)
    except TypeError as e:
        print("TypeError", e)
class SlottedW:
    __slots__ = ("a", "__weakref__")
print(weakref.ref(SlottedW())() is None)
def fn(): pass
print(weakref.ref(fn)() is fn, weakref.ref(O)() is O)
