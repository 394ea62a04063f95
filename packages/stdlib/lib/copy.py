"""Shallow and deep copies of Python objects."""

__all__ = ["Error", "copy", "deepcopy", "replace"]


class Error(Exception):
    pass


error = Error

import builtins as _builtins

# Objects copied by reference. (Skein lacks some builtin types yet: only those present count.)
_ATOMIC = (type(None), int, float, bool, str, type, range, type(Ellipsis), type(NotImplemented),
           type(len), type(lambda: 0), property) + tuple(
    getattr(_builtins, name) for name in ("complex", "bytes") if hasattr(_builtins, name))
_bytearray = getattr(_builtins, "bytearray", None)


def copy(x):
    """A shallow copy of x."""
    cls = type(x)
    if cls in _ATOMIC or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls is _bytearray:
        return _bytearray(x)
    if isinstance(x, type):
        return x
    hook = getattr(cls, "__copy__", None)
    if hook is not None:
        return hook(x)
    return _reconstruct(x, None)


def deepcopy(x, memo=None, _nil=[]):
    """A deep copy of x; `memo` maps id(original) to its copy (shared and cyclic structure)."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC or isinstance(x, type):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls is set:
        y = {deepcopy(item, memo) for item in x}
    elif cls is frozenset:
        y = frozenset(deepcopy(item, memo) for item in x)
    elif cls is _bytearray:
        y = _bytearray(x)
    else:
        hook = getattr(x, "__deepcopy__", None)
        if hook is not None:
            y = hook(memo)
        else:
            y = _reconstruct(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _keep_alive(x, memo):
    # The memo holds the originals too, so their ids stay unique while copying.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _own_reduce(cls):
    # A __reduce__ that a class (not object) defines, else None.
    for klass in cls.__mro__:
        if klass is object:
            return None
        if "__reduce__" in klass.__dict__:
            return klass.__dict__["__reduce__"]
    return None


def _reconstruct(x, memo):
    cls = type(x)
    reduce = _own_reduce(cls)
    if reduce is not None:
        rv = reduce(x)
        if isinstance(rv, tuple) and len(rv) >= 2:
            return _from_reduce(x, rv, memo)
    # Everything else: the copyreg protocol of object.__reduce_ex__, which knows classes over
    # builtin types and __slots__ (a new object of the class, then its state).
    return _from_reduce(x, x.__reduce_ex__(4), memo)


def _from_reduce(x, rv, memo):
    deep = memo is not None
    func, args = rv[0], rv[1]
    state = rv[2] if len(rv) > 2 else None
    listiter = rv[3] if len(rv) > 3 else None
    dictiter = rv[4] if len(rv) > 4 else None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y


def replace(obj, /, **changes):
    """A new object like obj with some fields changed (obj's class defines __replace__)."""
    cls = obj.__class__
    func = getattr(cls, "__replace__", None)
    if func is None:
        raise TypeError(f"replace() does not support {cls.__name__} objects")
    return func(obj, **changes)
