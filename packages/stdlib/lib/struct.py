"""Functions to convert between Python values and C structs.

Python bytes objects are used to hold the data representing the C struct.
The packing and unpacking are done by the _struct module (written in TypeScript);
this module adds the Struct type and the iterator of iter_unpack.
"""

from _struct import (
    _clearcache,
    _iter_unpack_check,
    calcsize,
    error,
    pack,
    pack_into,
    unpack,
    unpack_from,
)

__all__ = [
    "calcsize", "pack", "pack_into", "unpack", "unpack_from",
    "iter_unpack", "Struct", "error",
]


class unpack_iterator:
    """The iterator iter_unpack returns: one tuple per struct in the buffer."""

    def __init__(self, format, data, size):
        self._format = format
        self._data = data
        self._size = size
        self._offset = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._data is None or self._offset >= len(self._data):
            self._data = None
            raise StopIteration
        item = unpack_from(self._format, self._data, self._offset)
        self._offset += self._size
        return item

    def __length_hint__(self):
        if self._data is None:
            return 0
        return (len(self._data) - self._offset) // self._size


unpack_iterator.__module__ = "_struct"


def iter_unpack(format, buffer, /):
    data = _iter_unpack_check(format, buffer)
    return unpack_iterator(format, data, calcsize(format))


class Struct:
    """Struct(format): a compiled struct format, with its size."""

    __slots__ = ("_format", "_size")

    def __init__(self, format):
        size = calcsize(format)
        if isinstance(format, bytes):
            format = format.decode("ascii")
        self._format = format
        self._size = size

    @property
    def format(self):
        return self._format

    @property
    def size(self):
        return self._size

    def pack(self, *values):
        return pack(self._format, *values)

    def pack_into(self, buffer, offset, *values):
        return pack_into(self._format, buffer, offset, *values)

    def unpack(self, buffer, /):
        return unpack(self._format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self._format, buffer, offset)

    def iter_unpack(self, buffer, /):
        return iter_unpack(self._format, buffer)

    def __repr__(self):
        return f"Struct({self._format!r})"


Struct.__module__ = "_struct"
