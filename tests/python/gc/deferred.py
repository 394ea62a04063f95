# Deferred reference counting: loading a module-level function, a class or a module pushes a
# reference that costs no count, so their counts do not move however often they are used; they
# still die, and a deferred reference on a waiting frame's stack keeps its object alive.
import gc
import sys
import weakref


def f():
    return 1


class C:
    pass


def use_many_times():
    before = (sys.getrefcount(f), sys.getrefcount(C), sys.getrefcount(sys))
    total = 0
    for _ in range(100000):
        total += f()
        C
        sys
    after = (sys.getrefcount(f), sys.getrefcount(C), sys.getrefcount(sys))
    print("calls", total, "counts unchanged", before == after)


use_many_times()

before = sys.getrefcount(f)
for _ in range(100000):
    f()
print("module level unchanged", sys.getrefcount(f) == before)


# A deferred function dies after its last reference goes (here at the next collection).
def doomed():
    pass


r = weakref.ref(doomed)
del doomed
gc.collect()
print("function freed", r() is None)


class Doomed:
    pass


rc = weakref.ref(Doomed)
del Doomed
gc.collect()
print("class freed", rc() is None)


# `victim` is on driver()'s evaluation stack (loaded by LOAD_GLOBAL) when its global is deleted
# and a collection runs inside a nested call: the stack keeps it alive.
def victim():
    return "victim still callable"


def drop_victim_and_collect():
    global victim
    del victim
    gc.collect()
    return "collected"


def call_later(fn, note):
    return fn(), note


def driver():
    return call_later(victim, drop_victim_and_collect())


wr = weakref.ref(victim)
print(driver())
gc.collect()
print("victim gone afterwards", wr() is None)


# The same for a class, through a comprehension and a nested call.
class Temp:
    def __init__(self, n):
        self.n = n


def drop_temp():
    global Temp
    del Temp
    gc.collect()
    return 3


def build():
    return [Temp, drop_temp()]


cls, n = build()
print([cls(i).n for i in range(n)], cls.__name__)
del cls
gc.collect()


# A generator suspended while a deferred reference is on its stack keeps the object alive.
def helper():
    return "helper alive"


def gen():
    yield (helper, (yield "first"))


g = gen()
print(next(g))
wh = weakref.ref(helper)
del helper
gc.collect()
fn, sent = g.send("sent")
print(fn(), sent)
del fn, g
gc.collect()
print("helper gone afterwards", wh() is None)


# Closures are counted normally: they die as soon as they are dropped.
def make_closure():
    x = []

    def inner():
        return x

    return inner


c = make_closure()
rcl = weakref.ref(c)
del c
print("closure freed at once", rcl() is None)
