# Unreachable cycles of every container type, and what gc.collect() returns for each (CPython
# counts objects, with instance attributes kept inline: an instance's own dict is not counted).
import gc
gc.disable()  # only the collections the program asks for
gc.collect()
def show(label):
    print(label, gc.collect())

l = []; l.append(l); del l; show("list")
d = {}; d[1] = d; del d; show("dict")
a = []; t = (a,); a.append(t); del a, t; show("tuple+list")
class A: pass
a = A(); a.me = a; del a; show("instance")
a = A(); a.d = {"a": a}; del a; show("instance+dict")
class S:
    __slots__ = ("x",)
s = S(); s.x = s; del s; show("slots")
def outer():
    x = None
    def inner():
        return x
    x = inner
    return inner
f = outer(); del f; show("closure")
class M:
    def m(self): pass
m = M(); m.bm = m.m; del m; show("bound method")
def g():
    yield 1
gen = g(); gen.__next__(); 
class Holder: pass
h = Holder(); h.gen = gen
del gen, h; show("generator (not a cycle)")
def g2():
    me = yield
    yield me
gen = g2(); next(gen); gen.send(gen); del gen; show("generator cycle")
try:
    raise ValueError("x")
except ValueError as e:
    err = e
del err; show("exception+traceback")
def frame_cycle():
    try:
        raise KeyError(1)
    except KeyError as e:
        return e
e = frame_cycle(); del e; show("exc no cycle")
st = set(); fs = frozenset([1]); 
class K:
    pass
k = K(); st.add(k); k.s = st; del k, st; show("set")
x = [1]; x2 = [x]; x.append(x2); del x, x2; show("two lists")
d = {}; d["k"] = [d]; del d; show("dict+list")
class Node:
    def __init__(self, p): self.parent = p; self.kids = []
root = Node(None)
for i in range(5): root.kids.append(Node(root))
del root; show("tree")
