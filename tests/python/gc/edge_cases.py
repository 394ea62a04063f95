# Bad arguments to the gc and weakref functions: CPython's exceptions, never a host error; a
# gc.callbacks entry that fails is reported as unraisable and the collection goes on.
import gc, weakref
tests = [
 lambda: gc.get_referents(1, None, "s", 2.5, 10**30),
 lambda: len(gc.get_referrers(1, None)) >= 0,
 lambda: gc.is_finalized(1),
 lambda: gc.is_tracked(10**30),
 lambda: gc.collect(True),
 lambda: gc.set_threshold(10**20),
 lambda: gc.set_debug(-1) or gc.get_debug(),
 lambda: gc.set_debug(0),
 lambda: gc.get_objects(generation=None) is not None,
 lambda: weakref.ref(object()),
 lambda: weakref.proxy(1),
 lambda: weakref.getweakrefcount(1),
 lambda: weakref.getweakrefs(None),
 lambda: weakref.ref(),
 lambda: weakref.ref(gc, 1, 2),
 lambda: weakref.WeakMethod(len),
 lambda: weakref.finalize(1, print),
 lambda: weakref.WeakSet([1]),
 lambda: weakref.WeakKeyDictionary({1: 2}),
 lambda: weakref.WeakValueDictionary({1: 2}),
 lambda: gc.callbacks.append(1) or gc.collect(),
]
for i, t in enumerate(tests):
    try:
        r = t()
        print(i, "ok", type(r).__name__)
    except Exception as e:
        print(i, type(e).__name__, e)
gc.callbacks.clear()
class O: pass
o = O()
for kw in [dict(callback=None), dict(x=1)]:
    try: print(weakref.ref(o, **kw))
    except Exception as e: print(type(e).__name__, e)
class R(weakref.ref):
    def __init__(self, ob, callback=None, **kw): super().__init__(ob, callback)
print(type(R(o, extra=1)).__name__)
