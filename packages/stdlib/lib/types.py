"""Names for the types the interpreter uses, and helpers for creating classes dynamically.

The builtin types come from _types (TypeScript); the types only Python code can produce
(generators, coroutines, asynchronous generators, frames) are taken from such objects here.
"""

from _types import *  # noqa: F403
from _types import SimpleNamespace


def _generator():
    yield 1


_gen = _generator()
GeneratorType = type(_gen)
FrameType = type(_gen.gi_frame)
del _gen, _generator


async def _coroutine():
    pass


_co = _coroutine()
CoroutineType = type(_co)
_co.close()
del _co, _coroutine


async def _async_generator():
    yield


_ag = _async_generator()
AsyncGeneratorType = type(_ag)
del _ag, _async_generator


class _Slotted:
    __slots__ = ("_slot",)


MemberDescriptorType = type(_Slotted._slot)
del _Slotted


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class as a class statement would: resolved bases, the metaclass's namespace,
    `exec_body(ns)` to fill it."""
    resolved = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved is not bases:
        ns["__orig_bases__"] = bases
    return meta(name, resolved, ns, **kwds)


def resolve_bases(bases):
    """Replace the bases that define __mro_entries__ by what it returns (PEP 560)."""
    new_bases = list(bases)
    updated = False
    shift = 0
    for i, base in enumerate(bases):
        if isinstance(base, type):
            continue
        if not hasattr(base, "__mro_entries__"):
            continue
        new_base = base.__mro_entries__(bases)
        updated = True
        if not isinstance(new_base, tuple):
            raise TypeError("__mro_entries__ must return a tuple")
        new_bases[i + shift:i + shift + 1] = new_base
        shift += len(new_base) - 1
    if not updated:
        return bases
    return tuple(new_bases)


def prepare_class(name, bases=(), kwds=None):
    """(metaclass, namespace, remaining keywords) for a class statement's name, bases and
    keywords."""
    kwds = {} if kwds is None else dict(kwds)
    if "metaclass" in kwds:
        meta = kwds.pop("metaclass")
    else:
        meta = type(bases[0]) if bases else type
    if isinstance(meta, type):
        meta = _calculate_meta(meta, bases)
    if hasattr(meta, "__prepare__"):
        ns = meta.__prepare__(name, bases, **kwds)
    else:
        ns = {}
    return meta, ns, kwds


def _calculate_meta(meta, bases):
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        raise TypeError("metaclass conflict: the metaclass of a derived class must be a "
                        "(non-strict) subclass of the metaclasses of all its bases")
    return winner


def get_original_bases(cls, /):
    """The bases of `cls` as written in its class statement (before __mro_entries__)."""
    try:
        return cls.__dict__.get("__orig_bases__", cls.__bases__)
    except AttributeError:
        raise TypeError(f"Expected an instance of type, not {type(cls).__name__!r}") from None


class DynamicClassAttribute(property):
    """A property on instances that falls back to the class's __getattr__ on the class."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        super().__init__(fget, fset, fdel, doc)
        self.__isabstractmethod__ = bool(getattr(fget, "__isabstractmethod__", False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        return super().__get__(instance, ownerclass)


class _GeneratorWrapper:
    """A generator made awaitable: await drives it, and it answers the coroutine methods."""

    def __init__(self, gen):
        self.__wrapped = gen
        self.__name__ = getattr(gen, "__name__", None)
        self.__qualname__ = getattr(gen, "__qualname__", None)

    def send(self, value):
        return self.__wrapped.send(value)

    def throw(self, *args):
        return self.__wrapped.throw(*args)

    def close(self):
        return self.__wrapped.close()

    @property
    def gi_code(self):
        return self.__wrapped.gi_code

    @property
    def gi_frame(self):
        return self.__wrapped.gi_frame

    @property
    def gi_running(self):
        return self.__wrapped.gi_running

    cr_code = gi_code
    cr_frame = gi_frame
    cr_running = gi_running

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        return self.__wrapped

    __await__ = __iter__


_CO_COROUTINE = 0x80
_CO_ITERABLE_COROUTINE = 0x100


def coroutine(func):
    """Make a generator-based function awaitable: its generators can be awaited by coroutines
    (coroutine functions are returned unchanged)."""
    if not callable(func):
        raise TypeError("types.coroutine() expects a callable")
    code = getattr(func, "__code__", None)
    if code is not None and code.co_flags & (_CO_COROUTINE | _CO_ITERABLE_COROUTINE):
        return func

    import functools

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        result = func(*args, **kwargs)
        if isinstance(result, (CoroutineType, _GeneratorWrapper)):
            return result
        if isinstance(result, GeneratorType):
            return _GeneratorWrapper(result)
        return result

    return wrapped


__all__ = [name for name in globals() if name[:1] != "_" and name[0].isupper()] + [
    "new_class", "resolve_bases", "prepare_class", "get_original_bases", "coroutine",
]
