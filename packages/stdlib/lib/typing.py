"""Type hints at run time: enough of typing that annotated programs import and run.

Skein's typing is written in Python. The special forms are subscriptable placeholders that
print as CPython's do; nothing here checks types.
"""

__all__ = [
    "Annotated", "Any", "AnyStr", "Callable", "ClassVar", "Final", "ForwardRef", "Generic",
    "Literal", "NoReturn", "Never", "Optional", "ParamSpec", "Protocol", "Self", "Tuple", "Type",
    "TypeAlias", "TypeGuard", "TypeVar", "TypeVarTuple", "Union", "AbstractSet", "ByteString",
    "Container", "Collection", "Hashable", "ItemsView", "Iterable", "Iterator", "KeysView",
    "Mapping", "MappingView", "MutableMapping", "MutableSequence", "MutableSet", "Sequence",
    "Sized", "ValuesView", "Awaitable", "AsyncIterator", "AsyncIterable", "Coroutine",
    "AsyncGenerator", "Reversible", "SupportsAbs", "SupportsFloat", "SupportsIndex",
    "SupportsInt", "SupportsRound", "ChainMap", "Counter", "Deque", "Dict", "DefaultDict", "List",
    "OrderedDict", "Set", "FrozenSet", "NamedTuple", "TypedDict", "Generator", "IO", "TextIO",
    "BinaryIO", "Pattern", "Match", "cast", "final", "get_args", "get_origin", "get_type_hints",
    "NewType", "no_type_check", "overload", "runtime_checkable", "Text", "TYPE_CHECKING",
    "assert_never", "assert_type", "reveal_type", "override", "dataclass_transform",
]

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    return repr(obj)


class _Final:
    __slots__ = ()


class _SpecialForm(_Final):
    """A bare special form (Any, Union, Optional, ...): subscripting makes a _GenericAlias."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __getitem__(self, params):
        if self._getitem is not None:
            return self._getitem(self, params)
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self, params, name=self._name)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")


class _GenericAlias(_Final):
    """X[args]: remembers its origin and arguments; calling it calls the origin."""

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name

    @property
    def __parameters__(self):
        return tuple(a for a in self.__args__ if isinstance(a, TypeVar))

    def __repr__(self):
        args = self.__args__
        if self.__origin__ is Union and len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return f"typing.Optional[{_type_repr(other)}]"
        name = "typing." + self._name if self._name else _type_repr(self.__origin__)
        if not self.__args__:
            return name
        return f"{name}[{', '.join(_type_repr(a) for a in self.__args__)}]"

    def __call__(self, *args, **kwargs):
        origin = self.__origin__
        if isinstance(origin, _SpecialForm):
            raise TypeError(f"Type {self._name} cannot be instantiated")
        return origin(*args, **kwargs)

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(type(None) if p is None else p for p in params)
        return _GenericAlias(self.__origin__, params, name=self._name)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __mro_entries__(self, bases):
        origin = self.__origin__
        return (origin,) if isinstance(origin, type) else ()

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)


class _SpecialGenericAlias(_Final):
    """List, Dict, ...: the deprecated aliases of builtin and collections classes."""

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if self._name == "Callable":
            return _callable_getitem(self, params)
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple(type(None) if p is None else p for p in params)
        return _GenericAlias(self.__origin__, params, name=self._name)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __instancecheck__(self, obj):
        return isinstance(obj, self.__origin__)

    def __subclasscheck__(self, cls):
        return issubclass(cls, self.__origin__)

    def __or__(self, other):
        return Union[self, other]


class _CallableGenericAlias(_GenericAlias):
    """Callable[[arg, ...], result]: __args__ is the argument types then the result."""

    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return f"typing.Callable[..., {_type_repr(args[1])}]"
        params = ", ".join(_type_repr(a) for a in args[:-1])
        return f"typing.Callable[[{params}], {_type_repr(args[-1])}]"


def _callable_getitem(form, params):
    if not isinstance(params, tuple) or len(params) != 2:
        raise TypeError("Callable must be used as Callable[[arg, ...], result].")
    args, result = params
    result = type(None) if result is None else result
    if args is ...:
        return _CallableGenericAlias(form.__origin__, (..., result), name="Callable")
    if not isinstance(args, (list, tuple)):
        raise TypeError(f"Callable[args, result]: args must be a list. Got {_type_repr(args)}")
    args = tuple(type(None) if a is None else a for a in args)
    return _CallableGenericAlias(form.__origin__, (*args, result), name="Callable")


def _union_getitem(form, params):
    if not isinstance(params, tuple):
        params = (params,)
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (p,)
        for item in items:
            if item not in flat:
                flat.append(item)
    if len(flat) == 1:
        return flat[0]
    return _GenericAlias(Union, tuple(flat), name="Union")


def _optional_getitem(form, param):
    return Union[param, None]


Any = _SpecialForm("Any")
NoReturn = _SpecialForm("NoReturn")
Never = _SpecialForm("Never")
Self = _SpecialForm("Self")
LiteralString = _SpecialForm("LiteralString")
ClassVar = _SpecialForm("ClassVar")
Final = _SpecialForm("Final")
Union = _SpecialForm("Union", _union_getitem)
Optional = _SpecialForm("Optional", _optional_getitem)
Literal = _SpecialForm("Literal")
TypeAlias = _SpecialForm("TypeAlias")
TypeGuard = _SpecialForm("TypeGuard")
TypeIs = _SpecialForm("TypeIs")
Concatenate = _SpecialForm("Concatenate")
Unpack = _SpecialForm("Unpack")
Required = _SpecialForm("Required")
NotRequired = _SpecialForm("NotRequired")
ReadOnly = _SpecialForm("ReadOnly")


class _AnnotatedForm(_SpecialForm):
    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) < 2:
            raise TypeError("Annotated[...] should be used with at least two arguments "
                            "(a type and an annotation).")
        return _AnnotatedAlias(params[0], params[1:])


class _AnnotatedAlias(_GenericAlias):
    """Annotated[T, x, ...]: the type T with metadata; its origin and only argument is T."""

    def __init__(self, origin, metadata):
        super().__init__(origin, (origin,), name="Annotated")
        self.__metadata__ = metadata

    def __repr__(self):
        parts = [_type_repr(self.__origin__)] + [repr(m) for m in self.__metadata__]
        return f"typing.Annotated[{', '.join(parts)}]"

    def __eq__(self, other):
        if not isinstance(other, _AnnotatedAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__metadata__ == other.__metadata__

    def __hash__(self):
        return hash((self.__origin__, self.__metadata__))


Annotated = _AnnotatedForm("Annotated")


class TypeVar(_Final):
    """A type variable: T = TypeVar('T')."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False,
                 infer_variance=False, default=None):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
        self.__infer_variance__ = infer_variance

    def __repr__(self):
        if self.__infer_variance__:
            prefix = ""
        elif self.__covariant__:
            prefix = "+"
        elif self.__contravariant__:
            prefix = "-"
        else:
            prefix = "~"
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]


class ParamSpec(TypeVar):
    @property
    def args(self):
        return self

    @property
    def kwargs(self):
        return self


class TypeVarTuple(TypeVar):
    pass


AnyStr = TypeVar("AnyStr", str)
T = TypeVar("T")
KT = TypeVar("KT")
VT = TypeVar("VT")
T_co = TypeVar("T_co", covariant=True)
V_co = TypeVar("V_co", covariant=True)
VT_co = TypeVar("VT_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)
CT_co = TypeVar("CT_co", covariant=True, bound=type)


class Generic:
    """Base of user generic classes: class Stack(Generic[T])."""

    __slots__ = ()

    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if cls is Generic or cls is Protocol:
            return _GenericAlias(cls, params, name=None)
        return _GenericAlias(cls, params, name=None)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        # The type variables of the subscripted bases, in order of first appearance.
        params = []
        for base in cls.__dict__.get("__orig_bases__", ()):
            for arg in getattr(base, "__args__", ()) if isinstance(base, _GenericAlias) else ():
                if isinstance(arg, TypeVar) and arg not in params:
                    params.append(arg)
        if not params:
            for base in cls.__bases__:
                for p in getattr(base, "__parameters__", ()):
                    if p not in params:
                        params.append(p)
        cls.__parameters__ = tuple(params)


class Protocol(Generic):
    """Base of structural types (no run-time checks unless runtime_checkable)."""

    __slots__ = ()


def is_protocol(tp, /):
    """True for a class defined with Protocol among its bases (not Protocol itself)."""
    return (isinstance(tp, type) and tp is not Protocol and issubclass(tp, Generic)
            and Protocol in tp.__mro__ and tp.__dict__.get("_is_protocol", True) is True
            and any(b is Protocol or is_protocol(b) for b in tp.__bases__))


def get_protocol_members(tp, /):
    """The frozenset of the names a protocol class declares (methods and annotations)."""
    if not is_protocol(tp):
        raise TypeError(f"{tp!r} is not a Protocol")
    members = set()
    for base in tp.__mro__[:-1]:
        if base in (Protocol, Generic, object):
            continue
        for name in list(base.__dict__) + list(base.__dict__.get("__annotations__", {})):
            if not name.startswith("_abc_") and name not in _PROTOCOL_SPECIAL:
                members.add(name)
    return frozenset(members)


_PROTOCOL_SPECIAL = frozenset({
    "__abstractmethods__", "__annotations__", "__dict__", "__doc__", "__init__", "__module__",
    "__new__", "__slots__", "__subclasshook__", "__weakref__", "__class_getitem__",
    "__match_args__", "__static_attributes__", "__firstlineno__", "__parameters__",
    "__orig_bases__", "__protocol_attrs__", "__non_callable_proto_members__",
    "__type_params__", "__qualname__", "_is_protocol", "_is_runtime_protocol",
    "__init_subclass__"})


def runtime_checkable(cls):
    return cls


def _alias(origin, name, nparams=-1):
    return _SpecialGenericAlias(origin, name, nparams)


import collections as _collections  # noqa: E402
import collections.abc as _abc  # noqa: E402

Hashable = _alias(_abc.Hashable, "Hashable", 0)
Awaitable = _alias(_abc.Awaitable, "Awaitable", 1)
Coroutine = _alias(_abc.Coroutine, "Coroutine", 3)
AsyncIterable = _alias(_abc.AsyncIterable, "AsyncIterable", 1)
AsyncIterator = _alias(_abc.AsyncIterator, "AsyncIterator", 1)
Iterable = _alias(_abc.Iterable, "Iterable", 1)
Iterator = _alias(_abc.Iterator, "Iterator", 1)
Reversible = _alias(_abc.Reversible, "Reversible", 1)
Sized = _alias(_abc.Sized, "Sized", 0)
Container = _alias(_abc.Container, "Container", 1)
Collection = _alias(_abc.Collection, "Collection", 1)
Callable = _alias(_abc.Callable, "Callable", 2)
AbstractSet = _alias(_abc.Set, "AbstractSet", 1)
MutableSet = _alias(_abc.MutableSet, "MutableSet", 1)
Mapping = _alias(_abc.Mapping, "Mapping", 2)
MutableMapping = _alias(_abc.MutableMapping, "MutableMapping", 2)
Sequence = _alias(_abc.Sequence, "Sequence", 1)
MutableSequence = _alias(_abc.MutableSequence, "MutableSequence", 1)
ByteString = _alias(object, "ByteString", 0)
Tuple = _alias(tuple, "Tuple", -1)
List = _alias(list, "List", 1)
Deque = _alias(_collections.deque, "Deque", 1)
Set = _alias(set, "Set", 1)
FrozenSet = _alias(frozenset, "FrozenSet", 1)
MappingView = _alias(_abc.MappingView, "MappingView", 1)
KeysView = _alias(_abc.KeysView, "KeysView", 1)
ItemsView = _alias(_abc.ItemsView, "ItemsView", 2)
ValuesView = _alias(_abc.ValuesView, "ValuesView", 1)
Dict = _alias(dict, "Dict", 2)
DefaultDict = _alias(_collections.defaultdict, "DefaultDict", 2)
OrderedDict = _alias(_collections.OrderedDict, "OrderedDict", 2)
Counter = _alias(_collections.Counter, "Counter", 1)
ChainMap = _alias(_collections.ChainMap, "ChainMap", 2)
Generator = _alias(_abc.Generator, "Generator", 3)
AsyncGenerator = _alias(_abc.AsyncGenerator, "AsyncGenerator", 2)
Type = _alias(type, "Type", 1)
Text = str
IO = _alias(object, "IO", 1)
TextIO = _alias(object, "TextIO", 0)
BinaryIO = _alias(object, "BinaryIO", 0)
Pattern = _alias(object, "Pattern", 1)
Match = _alias(object, "Match", 1)
SupportsInt = _alias(object, "SupportsInt", 0)
SupportsFloat = _alias(object, "SupportsFloat", 0)
SupportsIndex = _alias(object, "SupportsIndex", 0)
SupportsAbs = _alias(object, "SupportsAbs", 1)
SupportsRound = _alias(object, "SupportsRound", 1)
SupportsComplex = _alias(object, "SupportsComplex", 0)
SupportsBytes = _alias(object, "SupportsBytes", 0)


class ForwardRef(_Final):
    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        self.__forward_arg__ = arg

    def __repr__(self):
        return f"ForwardRef({self.__forward_arg__!r})"


def cast(typ, val):
    """Return val unchanged (a hint for type checkers)."""
    return val


def assert_type(val, typ, /):
    return val


def reveal_type(obj, /):
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def assert_never(arg, /):
    raise AssertionError(f"Expected code to be unreachable, but got: {arg!r}")


_overload_registry = {}


def overload(func):
    """Mark an overload signature; get_overloads() returns them for the implementation."""
    inner = getattr(func, "__func__", func)
    key = (getattr(inner, "__module__", None), getattr(inner, "__qualname__", None))
    _overload_registry.setdefault(key, []).append(func)

    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. A series of @typing.overload-decorated "
            "functions outside a stub module should always be followed by an implementation "
            "that is not @typing.overload-ed.")
    return _overload_dummy


def get_overloads(func):
    """The @overload signatures registered for the function `func`."""
    inner = getattr(func, "__func__", func)
    key = (getattr(inner, "__module__", None), getattr(inner, "__qualname__", None))
    return list(_overload_registry.get(key, []))


def clear_overloads():
    """Forget every registered overload."""
    _overload_registry.clear()


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def override(method, /):
    try:
        method.__override__ = True
    except (AttributeError, TypeError):
        pass
    return method


def no_type_check(arg):
    return arg


def dataclass_transform(**kwargs):
    def decorator(cls_or_fn):
        return cls_or_fn
    return decorator


def get_origin(tp):
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        value = eval(value, globalns, localns)
        return type(None) if value is None else value
    if isinstance(value, ForwardRef):
        return _eval_hint(value.__forward_arg__, globalns, localns)
    return value


def _strip_extras(hint):
    if isinstance(hint, _AnnotatedAlias):
        return hint.__origin__
    return hint


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations of a function, module or class (with its bases), with string
    annotations evaluated in their module's namespace."""
    import sys
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            annotations = base.__dict__.get("__annotations__", {})
            module = sys.modules.get(base.__module__)
            base_globals = globalns if globalns is not None else \
                (module.__dict__ if module is not None else {})
            base_locals = dict(vars(base)) if localns is None else localns
            for name, value in annotations.items():
                hints[name] = _eval_hint(value, base_globals, base_locals)
    else:
        annotations = getattr(obj, "__annotations__", None) or {}
        if globalns is None:
            globalns = getattr(obj, "__globals__", None)
            if globalns is None:
                globalns = getattr(obj, "__dict__", {}) if hasattr(obj, "__file__") else {}
        for name, value in annotations.items():
            hints[name] = _eval_hint(value, globalns, localns)
    if include_extras:
        return hints
    return {k: _strip_extras(v) for k, v in hints.items()}


class NewType:
    """NewType('UserId', int): a callable that returns its argument, named for checkers."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name.rpartition(".")[2]
        self.__supertype__ = tp

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x


class _NamedTupleMeta(type):
    """Turns `class P(NamedTuple): x: int` into a namedtuple class with those fields."""

    def __new__(mcls, typename, bases, ns):
        annotations = ns.get("__annotations__", {})
        defaults = []
        default_names = []
        for name in annotations:
            if name in ns:
                defaults.append(ns[name])
                default_names.append(name)
            elif defaults:
                raise TypeError(
                    f"Non-default namedtuple field {name} cannot follow default "
                    f"field{'s' if len(default_names) > 1 else ''} {', '.join(default_names)}")
        cls = _collections.namedtuple(typename, list(annotations), defaults=defaults,
                                      module=ns.get("__module__"))
        cls.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key in _NAMEDTUPLE_RESERVED:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            if key not in annotations and key not in _NAMEDTUPLE_KEEP:
                setattr(cls, key, value)
        return cls


_NAMEDTUPLE_RESERVED = frozenset({"_make", "_asdict", "_replace", "_fields", "_field_defaults"})
_NAMEDTUPLE_KEEP = frozenset({"__module__", "__qualname__", "__annotations__", "__orig_bases__",
                              "__dict__", "__weakref__", "__slots__"})


def NamedTuple(typename, fields=None, /, **kwargs):
    """The functional form: NamedTuple('Point', [('x', int), ('y', int)])."""
    if fields is None:
        fields = kwargs.items()
    names = [name for name, _ in fields]
    cls = _collections.namedtuple(typename, names)
    cls.__annotations__ = dict(fields)
    return cls


_NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
NamedTuple.__mro_entries__ = lambda bases: (_NamedTuple,)


class _TypedDictMeta(type):
    """`class Movie(TypedDict): title: str` makes a dict subclass whose instances are dicts."""

    def __new__(mcls, name, bases, ns, total=True):
        for base in bases:
            if type(base) is not _TypedDictMeta and base is not dict:
                raise TypeError("cannot inherit from both a TypedDict type and a non-TypedDict "
                                "base class")
        tp = type.__new__(_TypedDictMeta, name, (dict,), ns)
        annotations = {}
        required = set()
        optional = set()
        for base in bases:
            annotations.update(base.__dict__.get("__annotations__", {}))
            required.update(base.__dict__.get("__required_keys__", ()))
            optional.update(base.__dict__.get("__optional_keys__", ()))
        own = ns.get("__annotations__", {})
        annotations.update(own)
        for key, hint in own.items():
            origin = getattr(hint, "__origin__", None)
            if origin is Required:
                is_required = True
            elif origin is NotRequired:
                is_required = False
            else:
                is_required = total
            (required if is_required else optional).add(key)
            (optional if is_required else required).discard(key)
        tp.__annotations__ = annotations
        tp.__required_keys__ = frozenset(required)
        tp.__optional_keys__ = frozenset(optional)
        tp.__total__ = total
        return tp

    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __instancecheck__(cls, obj):
        raise TypeError("TypedDict does not support instance and class checks")

    __subclasscheck__ = __instancecheck__


def is_typeddict(tp):
    """True for a class made with TypedDict."""
    return isinstance(tp, _TypedDictMeta) and tp is not _TypedDict


def no_type_check_decorator(decorator):
    """Deprecated: the decorator itself, applying no_type_check to what it decorates."""
    import functools

    @functools.wraps(decorator)
    def wrapped(*args, **kwds):
        return no_type_check(decorator(*args, **kwds))
    return wrapped


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """TypedDict('Movie', {'name': str}) or a base class: instances are plain dicts."""
    if fields is None:
        fields = kwargs
    ns = {"__annotations__": dict(fields), "__module__": "__main__"}
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)


# --- PEP 695: what `def f[T]`, `class C[T]` and `type X = ...` create. The compiler's
# CALL_INTRINSIC_1/2 call the _intrinsic_* functions; bounds, constraints, defaults and alias
# values arrive as functions, evaluated when first read.

class _Deferred:
    __slots__ = ("evaluate",)

    def __init__(self, evaluate):
        self.evaluate = evaluate


def _resolve(obj, name, missing=None):
    value = obj.__dict__.get(name, missing)
    if type(value) is _Deferred:
        value = value.evaluate()
        obj.__dict__[name] = value
    return value


def _lazy_attribute(name, missing=None):
    def store(self, value):
        self.__dict__[name] = value

    return property(lambda self: _resolve(self, name, missing), store)


NoDefault = _SpecialForm("NoDefault")
TypeVar.__bound__ = _lazy_attribute("_bound")
TypeVar.__constraints__ = _lazy_attribute("_constraints", ())
TypeVar.__default__ = _lazy_attribute("_default", NoDefault)


def _new_type_param(cls, name):
    return cls(name, infer_variance=True)


def _intrinsic_typevar(name):
    return _new_type_param(TypeVar, name)


def _intrinsic_paramspec(name):
    return _new_type_param(ParamSpec, name)


def _intrinsic_typevartuple(name):
    return _new_type_param(TypeVarTuple, name)


def _intrinsic_typevar_with_bound(name, evaluate_bound):
    tp = _new_type_param(TypeVar, name)
    tp.__bound__ = _Deferred(evaluate_bound)
    return tp


def _intrinsic_typevar_with_constraints(name, evaluate_constraints):
    tp = _new_type_param(TypeVar, name)
    tp.__constraints__ = _Deferred(evaluate_constraints)
    return tp


def _intrinsic_set_typeparam_default(tp, evaluate_default):
    tp.__default__ = _Deferred(evaluate_default)
    return tp


def _intrinsic_set_function_type_params(func, type_params):
    func.__type_params__ = type_params
    return func


def _intrinsic_subscript_generic(type_params):
    return _GenericAlias(Generic, type_params)


class TypeAliasType:
    """The object a `type X = value` statement makes: value is computed when first read."""

    def __init__(self, name, value, *, type_params=()):
        if not isinstance(name, str):
            raise TypeError("TypeAliasType.__init__() argument 'name' must be str, not "
                            + type(name).__name__)
        self.__dict__["__name__"] = name
        self.__dict__["_value"] = value
        self.__dict__["__type_params__"] = tuple(type_params)
        self.__dict__["__parameters__"] = tuple(type_params)

    __value__ = property(lambda self: _resolve(self, "_value"))

    def __setattr__(self, name, value):
        if name in ("__name__", "__value__", "__type_params__", "__parameters__", "__module__"):
            raise AttributeError("readonly attribute")
        raise AttributeError(f"'typing.TypeAliasType' object has no attribute '{name}'")

    def __repr__(self):
        return self.__name__

    def __getitem__(self, params):
        if not self.__type_params__:
            raise TypeError("Only generic type aliases are subscriptable")
        return _GenericAlias(self, params)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __reduce__(self):
        return self.__name__


def _intrinsic_typealias(args):
    name, type_params, evaluate_value = args
    alias = TypeAliasType(name, None, type_params=() if type_params is None else type_params)
    alias.__dict__["_value"] = _Deferred(evaluate_value)
    return alias
