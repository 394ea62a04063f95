"""Arrays of numeric values (or characters) of one C type, with CPython's array API.

Each array keeps its items as a list of Python values that have already been checked (and, for
'f', rounded) against its typecode; conversion to and from machine bytes goes through struct.
"""

from operator import eq as _eq, ge as _ge, gt as _gt, le as _le, lt as _lt, ne as _ne
from struct import pack as _pack, unpack as _unpack

__all__ = ["ArrayType", "array", "typecodes"]

typecodes = "bBuwhHiIlLqQfd"

_ITEMSIZE = {
    "b": 1, "B": 1, "u": 4, "w": 4, "h": 2, "H": 2, "i": 4, "I": 4,
    "l": 8, "L": 8, "q": 8, "Q": 8, "f": 4, "d": 8,
}

# (minimum, maximum, message below the minimum, message above the maximum) of the integer codes.
_C_LONG = "Python int too large to convert to C long"
_NEG_UINT = "can't convert negative value to unsigned int"
_INT_LIMITS = {
    "b": (-128, 127, "signed char is less than minimum", "signed char is greater than maximum"),
    "B": (0, 255, "unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    "h": (-32768, 32767, "signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    "H": (0, 65535, "unsigned short is less than minimum", "unsigned short is greater than maximum"),
    "i": (-2**31, 2**31 - 1, "signed integer is less than minimum",
          "signed integer is greater than maximum"),
    "I": (0, 2**32 - 1, _NEG_UINT, "unsigned int is greater than maximum"),
    "l": (-2**63, 2**63 - 1, _C_LONG, _C_LONG),
    "L": (0, 2**64 - 1, _NEG_UINT, "Python int too large to convert to C unsigned long"),
    "q": (-2**63, 2**63 - 1, "int too big to convert", "int too big to convert"),
    "Q": (0, 2**64 - 1, "can't convert negative int to unsigned", "int too big to convert"),
}
_LONG_MIN = -2**63
_LONG_MAX = 2**63 - 1


def _index(value):
    if isinstance(value, int):
        return int(value) if type(value) is bool else value
    try:
        index = type(value).__index__
    except AttributeError:
        raise TypeError(
            f"'{type(value).__name__}' object cannot be interpreted as an integer") from None
    return index(value)


def _checker(typecode):
    """The function that checks (and converts) one item for arrays of `typecode`."""
    if typecode in "uw":
        def check(value):
            if type(value) is not str and not isinstance(value, str) or len(value) != 1:
                raise TypeError("array item must be unicode character")
            return value
        return check
    if typecode == "d":
        def check(value):
            if type(value) is float:
                return value
            return _to_float(value)
        return check
    if typecode == "f":
        def check(value):
            return _unpack("f", _pack("f", _to_float(value)))[0]
        return check
    low, high, below, above = _INT_LIMITS[typecode]
    small = typecode in "bBhHi"
    unsigned_int = typecode == "I"

    def check(value):
        if type(value) is not int:
            value = _index(value)
        if low <= value <= high:
            return value
        if small and not _LONG_MIN <= value <= _LONG_MAX:
            raise OverflowError(_C_LONG)
        if unsigned_int and value > 2**64 - 1:
            raise OverflowError("Python int too large to convert to C unsigned long")
        raise OverflowError(below if value < low else above)
    return check


def _to_float(value):
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int):
        return float(value)
    if hasattr(type(value), "__float__") or hasattr(type(value), "__index__"):
        # float() takes __float__ first, then __index__
        return float(value)
    raise TypeError(f"must be real number, not {type(value).__name__}")


_CHECKERS = {code: _checker(code) for code in typecodes}


class array:
    """array(typecode[, initializer]) -> array

    Return a new array whose items are restricted by typecode, and
    initialized from the optional initializer value, which must be a list,
    a bytes-like object, or iterable over elements of the appropriate type.
    """

    __slots__ = ("_code", "_items", "_check", "__weakref__")
    __hash__ = None

    def __init__(self, typecode, initializer=None, /):
        if type(typecode) is not str or len(typecode) != 1:
            what = "str" if isinstance(typecode, str) else type(typecode).__name__
            raise TypeError(f"array() argument 1 must be a unicode character, not {what}")
        if typecode not in _ITEMSIZE:
            raise ValueError(
                "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._code = typecode
        self._check = _CHECKERS[typecode]
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode not in "uw":
                raise TypeError(
                    f"cannot use a str to initialize an array with typecode '{typecode}'")
            self._items = list(initializer)
        elif isinstance(initializer, array):
            if (initializer._code in "uw") != (typecode in "uw"):
                raise TypeError(
                    f"cannot use a unicode array to initialize an array with typecode '{typecode}'")
            self.extend(initializer._items)
        elif isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        else:
            self.extend(initializer)

    # ---- attributes ----

    @property
    def typecode(self):
        return self._code

    @property
    def itemsize(self):
        return _ITEMSIZE[self._code]

    def buffer_info(self):
        return (id(self._items), len(self._items))

    # ---- the sequence protocol ----

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __contains__(self, value):
        return value in self._items

    def __getitem__(self, index):
        if type(index) is slice:
            return self._new(self._items[index])
        try:
            return self._items[index]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, index, value):
        if type(index) is slice:
            if not isinstance(value, array) or value._code != self._code:
                if isinstance(value, array):
                    raise TypeError("bad argument type for built-in operation")
                raise TypeError(
                    f'can only assign array (not "{type(value).__name__}") to array slice')
            items = list(value._items)
            if index.step not in (None, 1):
                size = len(range(*index.indices(len(self._items))))
                if len(items) != size:
                    raise ValueError(
                        f"attempt to assign array of size {len(items)} "
                        f"to extended slice of size {size}")
            self._items[index] = items
            return
        value = self._check(value)
        try:
            self._items[index] = value
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, index):
        try:
            del self._items[index]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __add__(self, other):
        if not isinstance(other, array):
            self._cannot("append", other)
        if other._code != self._code:
            raise TypeError("bad argument type for built-in operation")
        return self._new(self._items + other._items)

    def __iadd__(self, other):
        if not isinstance(other, array):
            self._cannot("extend", other)
        self.extend(other)
        return self

    def _cannot(self, what, other):
        raise TypeError(f'can only {what} array (not "{type(other).__name__}") to array')

    def __mul__(self, n):
        if not isinstance(n, int) and not hasattr(type(n), "__index__"):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        return self._new(self._items * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int) and not hasattr(type(n), "__index__"):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        self._items *= n
        return self

    def _compare(self, other, op):
        if not isinstance(other, array):
            return NotImplemented
        return op(self._items, other._items)

    def __eq__(self, other):
        return self._compare(other, _eq)

    def __ne__(self, other):
        return self._compare(other, _ne)

    def __lt__(self, other):
        return self._compare(other, _lt)

    def __le__(self, other):
        return self._compare(other, _le)

    def __gt__(self, other):
        return self._compare(other, _gt)

    def __ge__(self, other):
        return self._compare(other, _ge)

    def __repr__(self):
        if not self._items:
            return f"array('{self._code}')"
        if self._code in "uw":
            return f"array('{self._code}', {''.join(self._items)!r})"
        return f"array('{self._code}', {self._items!r})"

    def __copy__(self):
        return self._new(self._items)

    def __deepcopy__(self, memo):
        return self._new(self._items)

    def __reduce_ex__(self, protocol):
        return (type(self), (self._code, list(self._items)), None)

    def _new(self, items):
        result = array(self._code)
        result._items = list(items)
        return result

    # ---- methods ----

    def append(self, value, /):
        self._items.append(self._check(value))

    def extend(self, iterable, /):
        if isinstance(iterable, array):
            if iterable._code != self._code:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        check = self._check
        self._items.extend([check(value) for value in iterable])

    def insert(self, index, value, /):
        self._items.insert(index, self._check(value))

    def pop(self, index=-1, /):
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(index)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, value, /):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def index(self, value, start=0, stop=None, /):
        items = self._items
        n = len(items)
        if stop is None:
            stop = n
        try:
            return items.index(value, start, stop)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def count(self, value, /):
        return self._items.count(value)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def fromlist(self, items, /):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        check = self._check
        self._items.extend([check(value) for value in items])

    def tobytes(self):
        if self._code in "uw":
            return _pack(f"{len(self._items)}I", *[ord(c) for c in self._items])
        return _pack(f"{len(self._items)}{self._code}", *self._items)

    def __skein_buffer__(self):
        return self.tobytes()

    # bytes(a) reads an array's buffer in CPython; without the buffer protocol, __bytes__ gives
    # the same bytes.
    __bytes__ = tobytes

    def frombytes(self, buffer, /):
        data = bytes(buffer)
        size = _ITEMSIZE[self._code]
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        if self._code in "uw":
            self._items.extend([chr(c) for c in _unpack(f"{len(data) // size}I", data)])
        else:
            self._items.extend(_unpack(f"{len(data) // size}{self._code}", data))

    def tounicode(self):
        if self._code not in "uw":
            raise ValueError("tounicode() may only be called on unicode type arrays ('u' or 'w')")
        return "".join(self._items)

    def fromunicode(self, text, /):
        if self._code not in "uw":
            raise ValueError(
                "fromunicode() may only be called on unicode type arrays ('u' or 'w')")
        if not isinstance(text, str):
            raise TypeError(
                f"fromunicode() argument must be str, not {type(text).__name__}")
        self._items.extend(text)

    def byteswap(self):
        size = _ITEMSIZE[self._code]
        data = self.tobytes()
        swapped = b"".join([data[i:i + size][::-1] for i in range(0, len(data), size)])
        self._items = []
        self.frombytes(swapped)

    def tofile(self, f, /):
        f.write(self.tobytes())

    def fromfile(self, f, n, /):
        size = _ITEMSIZE[self._code]
        data = f.read(n * size)
        if not isinstance(data, bytes):
            raise TypeError("read() didn't return bytes")
        whole = len(data) - len(data) % size
        self.frombytes(data[:whole])
        if len(data) != n * size:
            raise EOFError("read() didn't return enough bytes")

    def __sizeof__(self):
        return 64 + len(self._items) * _ITEMSIZE[self._code]


ArrayType = array
