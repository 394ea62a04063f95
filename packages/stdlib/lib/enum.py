"""Enumerations: classes whose attributes are a fixed set of named, unique members.

Written for Skein; follows the behaviour, reprs and messages of CPython 3.13's enum.
"""

__all__ = [
    "EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum",
    "auto", "unique", "property", "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP",
    "member", "nonmember", "verify", "UNIQUE", "CONTINUOUS", "NAMED_FLAGS", "EnumCheck",
    "show_flag_values",
]

_builtin_property = property


class _AutoValue:
    """Placeholder for a value computed by the class's _generate_next_value_."""


_auto_null = _AutoValue()


class auto:
    """A member value that the enum computes (by default the next integer)."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return f"auto({self.value!r})"


class member:
    """Forces a value to become a member."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Keeps a value from becoming a member."""

    def __init__(self, value):
        self.value = value


class property(_builtin_property):
    """The name/value properties of members, which may be shadowed by members of the same name."""


class FlagBoundary:
    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return f"<FlagBoundary.{self._name}: {self._name.lower()!r}>"


STRICT = FlagBoundary("STRICT")
CONFORM = FlagBoundary("CONFORM")
EJECT = FlagBoundary("EJECT")
KEEP = FlagBoundary("KEEP")


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_private(cls_name, name):
    prefix = f"_{cls_name.lstrip('_')}__"
    return name.startswith(prefix) and not name.endswith("__")


_function_types = (type(_is_dunder), type(len), _builtin_property, staticmethod, classmethod)


def _is_descriptor(obj):
    if isinstance(obj, _function_types):
        return True
    return (hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__"))


def _is_flag(cls):
    return Flag is not None and Flag in cls.__mro__


def _is_single_bit(num):
    if num == 0:
        return False
    num &= num - 1
    return num == 0


def _bit_count(num):
    return bin(num).count("1")


def _iter_bits_lsb(num):
    while num:
        b = num & (~num + 1)
        yield b
        num ^= b


class _EnumDict(dict):
    """An enum's class-body namespace: auto() resolves when assigned, as in CPython, so later
    lines of the body (WEEKDAYS = MON | TUE) see the values."""

    def __init__(self, cls_name, generate):
        super().__init__()
        self._cls_name = cls_name
        self._generate = generate
        self._last_values = []

    def __setitem__(self, key, value):
        if key == "_generate_next_value_":
            self._generate = value.__func__ if isinstance(value, staticmethod) else value
        elif not (
            _is_dunder(key)
            or _is_sunder(key)
            or _is_private(self._cls_name, key)
            or _is_descriptor(value)
            or isinstance(value, (type, nonmember, member))
        ):
            if isinstance(value, auto) and self._generate is not None:
                if value.value is _auto_null:
                    value.value = self._generate(
                        key, 1, len(self._last_values), self._last_values[:]
                    )
                value = value.value
            self._last_values.append(value)
        super().__setitem__(key, value)


class EnumType(type):
    """The metaclass of enumerations."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        generate = None
        if bases:
            first_enum = metacls._get_mixins_(cls, bases)[1]
            generate = getattr(first_enum, "_generate_next_value_", None)
        return _EnumDict(cls, generate)

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        members = []
        body = {}
        ignore = classdict.get("_ignore_", [])
        if isinstance(ignore, str):
            ignore = ignore.replace(",", " ").split()
        for key, value in classdict.items():
            if key == "_ignore_" or key in ignore:
                continue
            if isinstance(value, nonmember):
                body[key] = value.value
            elif isinstance(value, member):
                members.append((key, value.value))
            elif _is_dunder(key) or _is_sunder(key) or _is_private(cls, key):
                body[key] = value
            elif _is_descriptor(value) or isinstance(value, type):
                body[key] = value
            else:
                members.append((key, value))
        body["_new_member_"] = None
        # auto(): values come from _generate_next_value_, in definition order.
        generate = classdict.get("_generate_next_value_")
        if generate is None:
            generate = getattr(first_enum, "_generate_next_value_", None)
        elif isinstance(generate, staticmethod):
            generate = generate.__func__
        resolved = []
        last_values = []
        for index, (key, value) in enumerate(members):
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = generate(key, 1, len(last_values), last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                parts = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _auto_null:
                            v.value = generate(key, 1, len(last_values), last_values[:])
                        v = v.value
                    parts.append(v)
                value = tuple(parts)
            resolved.append((key, value))
            last_values.append(value)
        body["_member_names_"] = []
        body["_member_map_"] = {}
        body["_value2member_map_"] = {}
        body["_unhashable_values_"] = []
        body["_member_type_"] = member_type
        body["_value_repr_"] = metacls._find_data_repr_(cls, bases)
        body["_boundary_"] = boundary or getattr(first_enum, "_boundary_", None)
        body["_flag_mask_"] = 0
        body["_singles_mask_"] = 0
        body["_all_bits_"] = 0
        body["_inverted_"] = None
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        # A mixed-in data type's repr/str/format give way to the enum's, unless the class
        # defines its own (or is a ReprEnum, which keeps the data type's str and format).
        if Enum is not None:
            for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
                if name in classdict:
                    continue
                found = getattr(enum_class, name, None)
                if found is None:
                    continue
                if found == getattr(member_type, name, None) or found == getattr(object, name, None):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        enum_class._new_member_ = metacls._find_new_(classdict, member_type, first_enum)
        for key, value in resolved:
            enum_class._add_member_(key, value)
        if _is_flag(enum_class):
            single_bits = 0
            multi_bits = 0
            for m in enum_class._member_map_.values():
                v = m._value_
                if _is_single_bit(v):
                    single_bits |= v
                else:
                    multi_bits |= v
            enum_class._singles_mask_ = single_bits
            enum_class._flag_mask_ = single_bits | multi_bits
            enum_class._all_bits_ = 2 ** ((single_bits | multi_bits).bit_length()) - 1
        return enum_class

    def _add_member_(cls, name, value):
        member_type = cls._member_type_
        if isinstance(value, tuple) and member_type is not tuple:
            args = value
        else:
            args = (value,)
        if cls._new_member_ is None or cls._new_member_ is object.__new__:
            new_member = object.__new__(cls)
        else:
            new_member = cls._new_member_(cls, *args)
        if not hasattr(new_member, "_value_"):
            if member_type is object:
                new_member._value_ = value
            else:
                try:
                    new_member._value_ = member_type(*args)
                except Exception:
                    new_member._value_ = value
        value = new_member._value_
        new_member._name_ = name
        new_member.__objclass__ = cls
        new_member._sort_order_ = len(cls._member_names_)
        init = cls.__dict__.get("__init__") or _find_init(cls)
        if init is not None:
            if isinstance(value, tuple) and member_type is not tuple:
                init(new_member, *value)
            else:
                init(new_member, value)
        # An equal value makes an alias of the first member that had it.
        canonical = None
        try:
            canonical = cls._value2member_map_.get(value)
        except TypeError:
            for existing in cls._member_map_.values():
                if existing._value_ == value:
                    canonical = existing
                    break
        if canonical is not None:
            new_member = canonical
        elif not _is_flag(cls) or _is_single_bit(value):
            # Multi-bit flags (and 0) are aliases: iteration shows the single bits only.
            cls._member_names_.append(name)
        cls._member_map_[name] = new_member
        try:
            cls._value2member_map_.setdefault(value, new_member)
        except TypeError:
            cls._unhashable_values_.append(value)
        type.__setattr__(cls, name, new_member)

    @staticmethod
    def _get_mixins_(class_name, bases):
        if not bases:
            return object, Enum
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError(f"<enum {class_name!r}> cannot extend {base!r}")
        last = bases[-1]
        if not isinstance(last, EnumType):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        member_type = EnumType._find_data_type_(class_name, bases) or object
        return member_type, last

    @staticmethod
    def _find_data_type_(class_name, bases):
        for chain in bases:
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base._member_type_ is not object:
                        return base._member_type_
                    continue
                if "__new__" in base.__dict__ or "__dataclass_fields__" in base.__dict__:
                    return base
        return None

    @staticmethod
    def _find_data_repr_(class_name, bases):
        for chain in bases:
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    return base.__dict__.get("_value_repr_")
                if "__repr__" in base.__dict__:
                    return base.__dict__["__repr__"]
        return None

    @staticmethod
    def _find_new_(classdict, member_type, first_enum):
        new = classdict.get("__new__")
        if isinstance(new, staticmethod):
            new = new.__func__
        if new is not None:
            return new
        for base in (first_enum, member_type):
            if base is None:
                continue
            target = getattr(base, "__new_member__", None)
            if target is not None:
                return target
        if member_type is not object:
            return member_type.__new__
        return None

    def __call__(cls, value, names=None, *values, module=None, qualname=None, type=None,
                 start=1, boundary=None):
        if cls._new_member_ is None and not cls._member_names_ and names is not None:
            return cls._create_(value, names, module=module, qualname=qualname, type=type,
                                start=start, boundary=boundary)
        if names is not None:
            return cls._create_(value, names, module=module, qualname=qualname, type=type,
                                start=start, boundary=boundary)
        return Enum.__new__(cls, value)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        classdict = {}
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            last_values = []
            generate = cls._generate_next_value_
            for count, name in enumerate(names):
                value = generate(name, start, count, last_values[:])
                last_values.append(value)
                classdict[name] = value
        else:
            items = names.items() if isinstance(names, dict) else names
            for name, value in items:
                classdict[name] = value
        classdict["__module__"] = module or "__main__"
        if qualname is not None:
            classdict["__qualname__"] = qualname
        metacls = cls.__class__
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return value in cls._unhashable_values_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError(f"{cls.__name__!r} cannot delete member {attr!r}.")
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if _is_flag(cls):
            return f"<flag {cls.__name__!r}>"
        return f"<enum {cls.__name__!r}>"

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)

    def __dir__(cls):
        names = set(dir(type(cls))) | set(cls._member_names_)
        names |= {"__class__", "__contains__", "__doc__", "__getitem__", "__iter__",
                  "__len__", "__members__", "__module__", "__name__", "__qualname__"}
        return sorted(names)


EnumMeta = EnumType


def _find_init(cls):
    for base in cls.__mro__:
        if base is Enum or base is object:
            return None
        if "__init__" in base.__dict__ and isinstance(base, EnumType):
            return base.__dict__["__init__"]
    return None


Flag = None
Enum = None


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs.

    Members are reached as attributes (Color.RED), by value (Color(1)) or by name
    (Color['RED']); iterating the class gives the members in definition order.
    """

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if m._value_ == value:
                    return m
        try:
            result = cls._missing_(value)
        except Exception as exc:
            result = None
            error = ValueError(f"{value!r} is not a valid {cls.__qualname__}")
            error.__context__ = exc
            raise error from None
        if isinstance(result, cls):
            return result
        if _is_flag(cls) and cls._boundary_ is EJECT \
                and isinstance(result, int):
            return result
        if result is None:
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} instead of "
                        f"None or a valid member")

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            highest = sorted(last_values)[-1]
        except TypeError:
            raise TypeError("unable to sort non-numeric values") from None
        try:
            return highest + 1
        except TypeError:
            raise TypeError(f"unable to increment {highest!r}") from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return f"<{self.__class__.__name__}.{self._name_}: {v_repr(self._value_)}>"

    def __str__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    def __dir__(self):
        names = {"__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"}
        for cls in type(self).__mro__:
            for key in cls.__dict__:
                if key[0] != "_" and key not in type(self)._member_map_:
                    names.add(key)
        names.update(k for k in self.__dict__ if k[0] != "_")
        return sorted(names)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the member."""
        return self._name_

    @property
    def value(self):
        """The value of the member."""
        return self._value_


class ReprEnum(Enum):
    """An enum whose str() and format() are the mixed-in type's, not the enum's."""


class IntEnum(int, ReprEnum):
    """An enum whose members are also ints."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


class StrEnum(str, ReprEnum):
    """An enum whose members are also strs."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError(f"too many arguments for str(): {values!r}")
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError(f"{values[0]!r} is not a string")
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return str.__str__(self)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum, boundary=STRICT):
    """An enum whose members can be combined with the bitwise operators."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last = max(last_values)
        try:
            high_bit = last.bit_length() - 1
        except Exception:
            raise TypeError(f"invalid flag value {last!r}") from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        neg_value = None
        if (not ~all_bits <= value <= all_bits) or (value & (all_bits ^ flag_mask)):
            boundary = cls._boundary_
            if boundary is STRICT:
                bits = max(value.bit_length(), flag_mask.bit_length())
                raise ValueError(f"{cls!r} invalid value {value!r}\n"
                                 f"    given {_bin(value, bits)}\n"
                                 f"  allowed {_bin(flag_mask, bits)}")
            if boundary is CONFORM:
                value = value & flag_mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value = max(all_bits + 1, 2 ** value.bit_length()) + value
        if value < 0:
            neg_value = value
            value = all_bits + 1 + value
        unknown = value & ~flag_mask
        aliases = value & ~cls._singles_mask_
        member_value = value & cls._singles_mask_
        if unknown and cls._boundary_ is not KEEP:
            raise ValueError(f"{cls.__name__}({value!r}) -->  unknown values {unknown!r} "
                             f"[{_bin(unknown)}]")
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        if not hasattr(pseudo, "_value_"):
            pseudo._value_ = value
        if member_value or aliases:
            combined = []
            combined_value = 0
            for m in cls._iter_member_(member_value):
                combined.append(m)
                combined_value |= m._value_
            if aliases:
                v = value
                for name, m in cls._member_map_.items():
                    if name not in cls._member_names_ and m._value_ and m._value_ & v == m._value_:
                        combined.append(m)
                        combined_value |= m._value_
            unknown = value ^ combined_value
            pseudo._name_ = "|".join(m._name_ for m in combined)
            if not combined_value:
                pseudo._name_ = None
            elif unknown and cls._boundary_ is STRICT:
                raise ValueError(f"{cls.__qualname__}: no members with value {unknown!r}")
            elif unknown:
                pseudo._name_ += f"|{cls._member_type_(unknown)}"
        else:
            pseudo._name_ = None
        pseudo = cls._value2member_map_.setdefault(value, pseudo)
        if neg_value is not None:
            cls._value2member_map_[neg_value] = pseudo
        return pseudo

    @classmethod
    def _iter_member_(cls, value):
        found = []
        for bit in _iter_bits_lsb(value & cls._flag_mask_):
            m = cls._value2member_map_.get(bit)
            if m is not None:
                found.append(m)
        # In definition order, as the members were written.
        found.sort(key=lambda m: m._sort_order_)
        return iter(found)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(f"unsupported operand type(s) for 'in': {type(other).__qualname__!r} "
                            f"and {self.__class__.__qualname__!r}")
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return self._iter_member_(self._value_)

    def __len__(self):
        return _bit_count(self._value_)

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return f"<{cls_name}: {v_repr(self._value_)}>"
        return f"<{cls_name}.{self._name_}: {v_repr(self._value_)}>"

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return f"{cls_name}({self._value_!r})"
        return f"{cls_name}.{self._name_}"

    def __bool__(self):
        return bool(self._value_)

    def _get_value(self, flag):
        if isinstance(flag, self.__class__):
            return flag._value_
        if self._member_type_ is not object and isinstance(flag, self._member_type_):
            return flag
        return NotImplemented

    def __or__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | other_value)

    def __and__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & other_value)

    def __xor__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ other_value)

    def __invert__(self):
        if self._inverted_ is None:
            if self._boundary_ in (EJECT, KEEP):
                inverted = self.__class__(~self._value_)
            else:
                inverted = self.__class__(self._singles_mask_ & ~self._value_)
            object.__setattr__(self, "_inverted_", inverted)
        return self._inverted_

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


def _bin(num, max_bits=None):
    ceiling = 2 ** num.bit_length()
    if num >= 0:
        s = bin(num + ceiling).replace("1", "0", 1)
    else:
        s = bin(~num ^ (ceiling - 1) + ceiling)
    sign = s[:3]
    digits = s[3:]
    if max_bits is not None and len(digits) < max_bits:
        digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return f"{sign} {digits}"


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """A Flag whose members are also ints."""

    # Flag's operators, not int's (which come first in the MRO), as CPython's EnumType sets them
    # on Flag subclasses.
    __or__, __and__, __xor__ = Flag.__or__, Flag.__and__, Flag.__xor__
    __ror__, __rand__, __rxor__ = Flag.__ror__, Flag.__rand__, Flag.__rxor__
    __invert__ = Flag.__invert__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


def unique(enumeration):
    """Class decorator: refuse aliases (members sharing a value)."""
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != m.name:
            duplicates.append((name, m.name))
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration


def show_flag_values(value):
    """The powers of two that make up `value`, lowest first."""
    return list(_iter_bits_lsb(value))


def verify(*checks):
    """Class decorator: check an enumeration against EnumCheck constraints (UNIQUE,
    CONTINUOUS, NAMED_FLAGS), raising ValueError with CPython's messages."""
    def decorator(enumeration):
        name = enumeration.__name__
        is_flag = issubclass(enumeration, Flag)
        for check in checks:
            if check == UNIQUE:
                aliases = [(alias, m.name) for alias, m in enumeration.__members__.items()
                           if alias != m.name]
                if aliases:
                    details = ", ".join(f"{alias} -> {real}" for alias, real in aliases)
                    raise ValueError(f"aliases found in {enumeration!r}: {details}")
            elif check == CONTINUOUS:
                values = {m.value for m in enumeration}
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                if is_flag:
                    wanted = [2 ** i for i in range(low.bit_length(), high.bit_length() - 1)]
                else:
                    wanted = range(low + 1, high)
                missing = [v for v in wanted if v not in values]
                if missing:
                    kind = "flag" if is_flag else "enum"
                    text = ", ".join(str(m) for m in missing)
                    raise ValueError(
                        f"invalid {kind} {name!r}: missing values {text}"[:256])
            elif check == NAMED_FLAGS:
                canonical = [m.value for m in enumeration]
                missing_names = []
                missing_value = 0
                for alias, member in enumeration._member_map_.items():
                    if alias in enumeration._member_names_ or member.value < 0:
                        continue
                    missed = [v for v in _iter_bits_lsb(member.value) if v not in canonical]
                    if missed:
                        missing_names.append(alias)
                        for v in missed:
                            missing_value |= v
                if missing_names:
                    if len(missing_names) == 1:
                        what = f"alias {missing_names[0]} is missing"
                    else:
                        what = (f"aliases {', '.join(missing_names[:-1])} and "
                                f"{missing_names[-1]} are missing")
                    if _is_single_bit(missing_value):
                        value = f"value 0x{missing_value:x}"
                    else:
                        value = f"combined values of 0x{missing_value:x}"
                    raise ValueError(
                        f"invalid Flag {name!r}: {what} {value} "
                        f"[use enum.show_flag_values(value) for details]")
        return enumeration

    return decorator


class EnumCheck(StrEnum):
    """The constraints verify() checks."""

    CONTINUOUS = "no skipped integer values"
    NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags"
    UNIQUE = "one name per value"


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck.CONTINUOUS, EnumCheck.NAMED_FLAGS, EnumCheck.UNIQUE
