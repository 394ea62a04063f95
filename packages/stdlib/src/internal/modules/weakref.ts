// The weakref module: ref, proxy and the counts from @skein/objects' weak references (CPython's
// _weakref), and WeakValueDictionary, WeakKeyDictionary, WeakSet and finalize in Python (after
// CPython's Lib/weakref.py and _weakrefset.py, in small), run in the module's namespace.
import { listFromRefs, parseArgs, weakrefsOf } from "@skein/objects";
import { ERROR } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const PYTHON_PART = `
ProxyTypes = (ProxyType, CallableProxyType)


class WeakValueDictionary:
    def __init__(self, other=(), /, **kw):
        def remove(wr, key, selfref=ref(self)):
            self = selfref()
            if self is not None:
                d = self.data
                if key in d and d[key] is wr:
                    del d[key]
        self._remove = remove
        self.data = {}
        self.update(other, **kw)

    def _ref(self, key, value):
        remove = self._remove
        return ref(value, lambda wr: remove(wr, key))

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        del self.data[key]

    def __len__(self):
        return len([k for k, wr in self.data.items() if wr() is not None])

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[key] = self._ref(key, value)

    def copy(self):
        new = WeakValueDictionary()
        for key, value in self.items():
            new[key] = value
        return new

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def items(self):
        out = []
        for k, wr in list(self.data.items()):
            v = wr()
            if v is not None:
                out.append((k, v))
        return out

    def keys(self):
        return [k for k, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def values(self):
        return [v for k, v in self.items()]

    def valuerefs(self):
        return list(self.data.values())

    def pop(self, key, *args):
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            self.data[key] = self._ref(key, default)
            return default
        return o

    def update(self, other=None, /, **kwargs):
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for key, o in other.items():
                self[key] = o
        for key, o in kwargs.items():
            self[key] = o


class WeakKeyDictionary:
    def __init__(self, dict=None):
        self.data = {}
        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                try:
                    del self.data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        return len([k for k in self.data if k() is not None])

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def copy(self):
        return WeakKeyDictionary(dict(self.items()))

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def items(self):
        out = []
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                out.append((key, value))
        return out

    def keys(self):
        return [k for k, v in self.items()]

    def __iter__(self):
        return iter(self.keys())

    def values(self):
        return [v for k, v in self.items()]

    def keyrefs(self):
        return list(self.data)

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, self._remove)] = value
        if len(kwargs):
            self.update(kwargs)


class WeakSet:
    def __init__(self, data=None):
        self.data = set()
        def remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.discard(item)
        self._remove = remove
        if data is not None:
            for item in data:
                self.add(item)

    def _items(self):
        return [o for o in [wr() for wr in list(self.data)] if o is not None]

    def __iter__(self):
        return iter(self._items())

    def __len__(self):
        return len(self._items())

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def clear(self):
        self.data.clear()

    def copy(self):
        return WeakSet(self._items())

    def pop(self):
        while True:
            itemref = self.data.pop()
            item = itemref()
            if item is not None:
                return item

    def remove(self, item):
        self.data.remove(ref(item))

    def discard(self, item):
        self.data.discard(ref(item))

    def update(self, other):
        for element in other:
            self.add(element)


class _FinalizeInfo:
    pass


class finalize:
    _registry = {}
    _counter = [0]

    def __init__(self, obj, func, /, *args, **kwargs):
        info = _FinalizeInfo()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._counter[0] += 1
        info.index = finalize._counter[0]
        finalize._registry[self] = info

    def __call__(self, _=None):
        info = finalize._registry.pop(self, None)
        if info:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and finalize._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in finalize._registry

    @property
    def atexit(self):
        info = finalize._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = finalize._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = finalize._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return '<%s object at %#x; dead>' % (type(self).__name__, id(self))
        return '<%s object at %#x; for %r at %#x>' % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))
`;

/** Fill the weakref module's namespace (the stdlib registry's initializer). */
export function initWeakref(rt: Stdlib, m: ModuleBuilder): void {
  const s = rt.s;
  const w = weakrefsOf(s);
  m.ref("ref", w.refType.addr | 1);
  m.ref("ReferenceType", w.refType.addr | 1);
  m.ref("ProxyType", w.proxyType.addr | 1);
  m.ref("CallableProxyType", w.callableProxyType.addr | 1);
  m.fn("proxy", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "proxy",
      { names: ["object", "callback"], required: 1, positionalOnly: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    return w.newProxy(a[0]!, a[1]!);
  });
  m.fn("getweakrefcount", (_self, args, nargs) => {
    if (nargs !== 1) return s.raise(s.b.TypeError, "getweakrefcount() takes exactly one argument");
    return s.newInt(w.count(s.i32[args]!));
  });
  m.fn("getweakrefs", (_self, args, nargs) => {
    if (nargs !== 1) return s.raise(s.b.TypeError, "getweakrefs() takes exactly one argument");
    return listFromRefs(
      s,
      w.refsOf(s.i32[args]!).map((r) => s.refs.asOwned(r)),
    );
  });
  if (m.failed) return;
  const unit = rt.compileSource(PYTHON_PART, "<frozen weakref>", "exec");
  if (unit === null) {
    m.failed = true;
    return;
  }
  const r = rt.runUnit(unit, m.dict, m.dict);
  if (r === ERROR) m.failed = true;
  else s.refs.close(r);
}
