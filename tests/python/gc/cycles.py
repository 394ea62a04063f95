# Unreachable cycles of every container type are found and freed by gc.collect().
import gc

gc.collect()

l = []
l.append(l)
del l
print("list", gc.collect())

d = {}
d["self"] = d
del d
print("dict", gc.collect())

a = []
t = (a,)
a.append(t)
del a, t
print("tuple+list", gc.collect())

s = set()
class Holder:
    pass
h = Holder()
h.s = s
def f():
    return h
f.attr = f
del f
print("function", gc.collect() >= 1)

def outer():
    x = []
    def inner():
        return x
    x.append(inner)
    return None
outer()
print("closure", gc.collect() >= 3)

class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None
    def add(self, child):
        child.parent = self
        self.children.append(child)

root = Node("root")
for i in range(10):
    root.add(Node(i))
del root
print("tree", gc.collect() >= 11)

class C:
    def method(self):
        return __class__
C.me = C
del C
print("class", gc.collect() > 0)

try:
    raise ValueError("boom")
except ValueError as e:
    err = e
err.self = err
del err
print("exception", gc.collect() > 0)

big = []
for i in range(1000):
    x = [i]
    x.append(x)
    big.append(x)
del big, x
print("many", gc.collect())

alive = []
alive.append(alive)
print("reachable", gc.collect(), len(alive))
