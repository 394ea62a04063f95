"""Abstract base classes: ABCMeta, ABC, abstractmethod and virtual subclasses (register)."""

__all__ = ["ABCMeta", "ABC", "abstractmethod", "abstractclassmethod", "abstractstaticmethod",
           "abstractproperty", "get_cache_token", "update_abstractmethods"]


def abstractmethod(funcobj):
    """Mark a method abstract: a class that keeps it cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractclassmethod(classmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractproperty(property):
    __isabstractmethod__ = True


_token = [0]


def get_cache_token():
    return _token[0]


def _is_abstract(value):
    return getattr(value, "__isabstractmethod__", False) is True


def update_abstractmethods(cls):
    """Recompute cls.__abstractmethods__ (after methods were added or replaced)."""
    abstracts = set()
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABCMeta(type):
    """The metaclass of abstract base classes."""

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        update_abstractmethods(cls)
        cls._abc_registry = []
        # The direct subclasses that are ABCs, which __subclasscheck__ consults (CPython asks
        # type.__subclasses__()).
        cls._abc_subclasses = []
        for base in bases:
            if isinstance(base, ABCMeta):
                base._abc_subclasses.append(cls)
        return cls

    def register(cls, subclass):
        """Make `subclass` a virtual subclass of this ABC."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        _token[0] += 1
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, "__mro__", ()):
            return True
        hook = cls.__dict__.get("__subclasshook__")
        if hook is not None:
            ok = hook.__get__(None, cls)(subclass)
            if ok is not NotImplemented:
                return bool(ok)
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for sub in cls.__dict__.get("_abc_subclasses", ()):
            if issubclass(subclass, sub):
                return True
        return False

    def __call__(cls, *args, **kwargs):
        abstracts = getattr(cls, "__abstractmethods__", None)
        if abstracts:
            names = sorted(abstracts)
            s = "s" if len(names) > 1 else ""
            listed = ", ".join(f"'{n}'" for n in names)
            raise TypeError(
                f"Can't instantiate abstract class {cls.__name__} without an implementation "
                f"for abstract method{s} {listed}")
        return super().__call__(*args, **kwargs)


class ABC(metaclass=ABCMeta):
    """Helper class: subclass it to make an abstract base class."""
    __slots__ = ()
