# gc.get_count() after known allocations of containers, and how collections of each
# generation move the counts (thresholds 2000/10/10 semantics).
import gc
gc.disable()
class K:
    pass
class S:
    __slots__ = ("a",)
K(); S()
gc.collect()
# A full collection empties CPython's free lists; the first get_count() tuple after it is counted
# and goes back to a free list uncounted: take it before measuring.
gc.get_count()
c0 = gc.get_count()[0]
ls = [[i] for i in range(50)]
c1 = gc.get_count()[0]
print("51 lists", c1 - c0)
c0 = gc.get_count()[0]
ds = [{"i": []} for i in range(30)]
c1 = gc.get_count()[0]
print("30 dicts, 30 lists, a list", c1 - c0)
c0 = gc.get_count()[0]
ss = [S() for i in range(40)]
c1 = gc.get_count()[0]
print("40 slotted, a list", c1 - c0)
gc.collect()
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
for i in range(9):
    gc.collect(0)
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(1)
print(gc.get_count())

# Instances whose attributes live in their dict count once each, as CPython's inline values.
class KA:
    def __init__(self, i):
        self.i = i


kept = []


def fill(n):
    i = 0
    while i < n:
        kept.append(KA(i))
        i += 1


fill(3)
gc.collect()
gc.get_count()
fill(2)  # the first measurement after a collection counts one more object in CPython
for n in (6, 10):
    c0 = gc.get_count()[0]
    fill(n)
    c1 = gc.get_count()[0]
    print(n, "instances with attributes:", c1 - c0)
