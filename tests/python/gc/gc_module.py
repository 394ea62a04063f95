# The gc module's interface: thresholds, enable/disable, counts after a collection, callbacks,
# tracking, referents and referrers, freeze, stats.
import gc

print(gc.get_threshold())
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
gc.set_threshold(700, 5)
print(gc.get_threshold())
gc.set_threshold(2000, 10, 10)
print(gc.get_threshold())

gc.collect()
print(gc.get_count()[1:])
gc.collect(0)
print(gc.get_count()[1:])
gc.collect(1)
print(gc.get_count()[1:])

events = []
def cb(phase, info):
    events.append((phase, info["generation"], sorted(info)))
gc.callbacks.append(cb)
l = []
l.append(l)
del l
print(gc.collect(), events)
gc.callbacks.remove(cb)

print(gc.is_tracked(1), gc.is_tracked("text"), gc.is_tracked([]), gc.is_tracked(gc))

a = [1, 2]
b = {"k": a}
print(a in gc.get_referents(b), b in gc.get_referrers(a))
print(sorted(gc.get_referents([10, "x"]), key=str))

class K:
    pass
k = K()
print(gc.is_finalized(k))

stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
print(gc.garbage)

try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)

gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
