// The weakref module: ref, proxy and the counts from @skein/objects' weak references (CPython's
// _weakref), and KeyedRef, WeakMethod, WeakValueDictionary, WeakKeyDictionary, WeakSet and
// finalize (with its exit behaviour) in Python, run in the module's namespace.
import { listFromRefs, parseArgs, weakrefsOf } from "@skein/objects";
import { ERROR, NULL, TAG_MASK } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const PYTHON_PART = `
ProxyTypes = (ProxyType, CallableProxyType)


class KeyedRef(ref):
    """A weak reference that remembers the dictionary key it is stored under."""

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


class WeakMethod(ref):
    """A weak reference to a bound method: dead as soon as its object or its function dies."""

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not %s" % type(meth)) from None

        def died(_):
            me = me_ref()
            if me is not None and me._alive:
                me._alive = False
                if callback is not None:
                    callback(me)

        self = ref.__new__(cls, obj, died)
        self._func_ref = ref(func, died)
        self._alive = True
        me_ref = ref(self)
        return self

    def __init__(self, meth, callback=None):
        pass

    def __call__(self):
        obj = _referent(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return func.__get__(obj, type(obj))

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class _WeakMapping:
    """What both weak dictionaries share, over self._live(): (key, value) pairs still alive."""

    def __len__(self):
        return sum(1 for _ in self._live())

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __iter__(self):
        for k, _ in self._live():
            yield k

    def keys(self):
        for k, _ in self._live():
            yield k

    def values(self):
        for _, v in self._live():
            yield v

    def items(self):
        yield from self._live()

    def clear(self):
        self.data.clear()

    def copy(self):
        new = self.__class__()
        for key, value in self._live():
            new[key] = value
        return new

    __copy__ = copy

    def __or__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        c = self.copy()
        c.update(other)
        return c

    def __ror__(self, other):
        if not hasattr(other, "keys"):
            return NotImplemented
        c = self.__class__()
        c.update(other)
        c.update(dict(self._live()))
        return c

    def __ior__(self, other):
        self.update(other)
        return self


class WeakValueDictionary(_WeakMapping):
    """A mapping whose values are held weakly: an entry goes when its value dies."""

    def __init__(self, other=(), /, **kw):
        def remove(wr, selfref=ref(self)):
            self = selfref()
            if self is not None and self.data.get(wr.key) is wr:
                del self.data[wr.key]

        self._remove = remove
        self.data = {}
        self.update(other, **kw)

    def _live(self):
        for k, wr in list(self.data.items()):
            o = wr()
            if o is not None:
                yield k, o

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self.data[key] = KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self.data[key]

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def itervaluerefs(self):
        yield from list(self.data.values())

    def valuerefs(self):
        return list(self.data.values())

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

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
            self[key] = default
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

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        for key, value in self._live():
            new[deepcopy(key, memo)] = value
        return new


class WeakKeyDictionary(_WeakMapping):
    """A mapping whose keys are held weakly: an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}

        def remove(k, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.pop(k, None)

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def _live(self):
        for wr, value in list(self.data.items()):
            key = wr()
            if key is not None:
                yield key, value

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self.data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def keyrefs(self):
        return list(self.data)

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def pop(self, key, *args):
        return self.data.pop(ref(key), *args)

    def popitem(self):
        while True:
            wr, value = self.data.popitem()
            o = wr()
            if o is not None:
                return o, value

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, self._remove)] = value
        if kwargs:
            self.update(kwargs)

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        for key, value in self._live():
            new[key] = deepcopy(value, memo)
        return new


class WeakSet:
    """A set whose elements are held weakly: an element goes when it dies."""

    def __init__(self, data=None):
        self.data = set()

        def remove(item, selfref=ref(self)):
            self = selfref()
            if self is not None:
                self.data.discard(item)

        self._remove = remove
        if data is not None:
            self.update(data)

    def __iter__(self):
        for wr in list(self.data):
            item = wr()
            if item is not None:
                yield item

    def __len__(self):
        return sum(1 for _ in self)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def __reduce__(self):
        return self.__class__, (list(self),), self.__getstate__()

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def pop(self):
        while True:
            try:
                itemref = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
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

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        new = self.copy()
        new.difference_update(other)
        return new

    __sub__ = difference

    def difference_update(self, other):
        self.__isub__(other)

    def __isub__(self, other):
        if self is other:
            self.data.clear()
        else:
            self.data.difference_update(ref(item) for item in other)
        return self

    def intersection(self, other):
        return self.__class__(item for item in other if item in self)

    __and__ = intersection

    def intersection_update(self, other):
        self.__iand__(other)

    def __iand__(self, other):
        self.data.intersection_update(ref(item) for item in other)
        return self

    def issubset(self, other):
        return self.data.issubset(ref(item) for item in other)

    __le__ = issubset

    def __lt__(self, other):
        return self.data < set(map(ref, other))

    def issuperset(self, other):
        return self.data.issuperset(ref(item) for item in other)

    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > set(map(ref, other))

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == set(map(ref, other))

    __hash__ = None

    def symmetric_difference(self, other):
        new = self.copy()
        new.symmetric_difference_update(other)
        return new

    __xor__ = symmetric_difference

    def symmetric_difference_update(self, other):
        self.__ixor__(other)

    def __ixor__(self, other):
        if self is other:
            self.data.clear()
        else:
            self.data.symmetric_difference_update(ref(item, self._remove) for item in other)
        return self

    def union(self, other):
        return self.__class__(e for s in (self, other) for e in s)

    __or__ = union

    def isdisjoint(self, other):
        return len(self.intersection(other)) == 0


class _FinalizeInfo:
    __slots__ = ("weakref", "func", "args", "kwargs", "atexit", "index")


class finalize:
    """Call func(*args, **kwargs) once, when obj dies, when called, or at exit (atexit)."""

    # The methods reach the registry through the class, which outlives the module's namespace
    # (a referent may die while the program's modules are being cleared).

    _registry = {}
    _shutdown = False
    _index = 0
    _registered_with_atexit = False

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._registered_with_atexit:
            # The first finalizer of a program (an engine may run several, one after another).
            _register_exit(finalize._exitfunc)
            finalize._registered_with_atexit = True
            finalize._shutdown = False
        info = _FinalizeInfo()
        info.weakref = ref(obj, self)
        info.func = func
        info.args = args
        info.kwargs = kwargs or None
        info.atexit = True
        finalize._index += 1
        info.index = finalize._index
        finalize._registry[self] = info

    def __call__(self, _=None):
        info = self._registry.pop(self, None)
        if info and not self._shutdown:
            return info.func(*info.args, **(info.kwargs or {}))

    def detach(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None and self._registry.pop(self, None):
            return (obj, info.func, info.args, info.kwargs or {})

    def peek(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is not None:
            return (obj, info.func, info.args, info.kwargs or {})

    @property
    def alive(self):
        return self in self._registry

    @property
    def atexit(self):
        info = self._registry.get(self)
        return bool(info) and info.atexit

    @atexit.setter
    def atexit(self, value):
        info = self._registry.get(self)
        if info:
            info.atexit = bool(value)

    def __repr__(self):
        info = self._registry.get(self)
        obj = info and info.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _exitfunc(cls):
        # At exit: the finalizers still alive with atexit set, the latest first; none after.
        try:
            while True:
                pending = [f for f, i in cls._registry.items() if i.atexit]
                if not pending:
                    break
                f = max(pending, key=lambda f: cls._registry[f].index)
                try:
                    f()
                except Exception:
                    import sys
                    sys.excepthook(*sys.exc_info())
        finally:
            finalize._shutdown = True
            finalize._registered_with_atexit = False
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
  // ReferenceType.__new__ (CPython's tp_new_wrapper), for subclasses whose __new__ calls it: the
  // weakref types are made after the builtin types received theirs.
  if (!w.refType.classMethods.has("__new__")) {
    w.refType.classMethods.set("__new__", (_self, args, nargs, kwnames) => {
      const cls = nargs < 1 ? NULL : s.i32[args]!;
      if (cls === NULL || !s.typeOf(cls).isSubtypeOf(s.b.type)) {
        return s.raise(s.b.TypeError, "ReferenceType.__new__(X): X is not a type object");
      }
      const t = s.typeFromAddr(cls & ~TAG_MASK);
      if (!t.isSubtypeOf(w.refType)) {
        return s.raise(
          s.b.TypeError,
          `ReferenceType.__new__(${t.name}): ${t.name} is not a subtype of ReferenceType`,
        );
      }
      const a = parseArgs(
        s,
        "__new__",
        { names: ["object", "callback"], required: 1, positionalOnly: 2 },
        args + 1,
        nargs - 1,
        kwnames,
      );
      if (a === null) return ERROR;
      return w.newRef(t, a[0]!, a[1]!);
    });
  }
  // finalize registers its exit function here once per program (CPython's atexit.register).
  m.fn("_register_exit", (_self, args, nargs) => {
    if (nargs !== 1) return s.raise(s.b.TypeError, "_register_exit() takes exactly one argument");
    const fn = s.refs.asOwned(s.i32[args]!);
    rt.exitHooks.push(() => {
      const saved = s.fetchException();
      const r = s.call(fn, []);
      if (r === ERROR) s.refs.close(s.fetchException());
      else s.refs.close(r);
      s.refs.close(fn);
      s.curexc = saved;
    });
    return s.None;
  });
  // The referent of a weak reference whose class overrides __call__ (WeakMethod), or None.
  m.fn("_referent", (_self, args, nargs) => {
    if (nargs !== 1 || !w.isRef(s.i32[args]!)) {
      return s.raise(s.b.TypeError, "_referent() takes one weak reference");
    }
    const o = w.referent(s.i32[args]!);
    return o === 0 ? s.None : s.refs.asOwned(o);
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
