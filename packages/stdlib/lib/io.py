"""io: text streams (StringIO, TextIOWrapper) from Skein's _io, BytesIO, and the I/O ABCs."""

import abc
from _io import StringIO, TextIOWrapper, UnsupportedOperation

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

__all__ = ["BytesIO", "StringIO", "TextIOWrapper", "UnsupportedOperation", "IOBase",
           "RawIOBase", "BufferedIOBase", "TextIOBase", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "DEFAULT_BUFFER_SIZE", "open"]


class IOBase(metaclass=abc.ABCMeta):
    """The base of all streams: closing, context management and iteration by lines."""

    def close(self):
        self._io_closed = True

    @property
    def closed(self):
        return getattr(self, "_io_closed", False)

    def _check_closed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def flush(self):
        self._check_closed()

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._check_closed()
        return False

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)


class RawIOBase(IOBase):
    """Unbuffered binary streams."""


class BufferedIOBase(IOBase):
    """Buffered binary streams."""


class TextIOBase(IOBase):
    """Text streams."""


TextIOBase.register(StringIO)
TextIOBase.register(TextIOWrapper)


class BytesIO(BufferedIOBase):
    """BytesIO(initial_bytes=b''): a binary stream over an in-memory buffer."""

    def __init__(self, initial_bytes=b""):
        self._buffer = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._io_closed = False

    def _check_closed(self):
        if self._io_closed:
            raise ValueError("I/O operation on closed file.")

    def close(self):
        self._io_closed = True

    @property
    def closed(self):
        return self._io_closed

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def getvalue(self):
        self._check_closed()
        return bytes(self._buffer)

    def getbuffer(self):
        self._check_closed()
        return memoryview(self._buffer)

    def _size(self, size):
        if size is None:
            return -1
        if not isinstance(size, int):
            raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'")
        return size

    def read(self, size=-1, /):
        self._check_closed()
        size = self._size(size)
        end = len(self._buffer) if size < 0 else min(self._pos + size, len(self._buffer))
        if self._pos >= end:
            return b""
        data = bytes(self._buffer[self._pos:end])
        self._pos = end
        return data

    read1 = read

    def readline(self, size=-1, /):
        self._check_closed()
        size = self._size(size)
        buf = self._buffer
        start = self._pos
        newline = buf.find(b"\n", start)
        end = len(buf) if newline < 0 else newline + 1
        if size >= 0:
            end = min(end, start + size)
        if start >= end:
            return b""
        self._pos = end
        return bytes(buf[start:end])

    def readinto(self, target, /):
        self._check_closed()
        data = self.read(len(target))
        target[:len(data)] = data
        return len(data)

    def write(self, data, /):
        self._check_closed()
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(data)
        n = len(data)
        if n == 0:
            return 0
        pos = self._pos
        if pos > len(self._buffer):
            self._buffer.extend(bytes(pos - len(self._buffer)))
        self._buffer[pos:pos + n] = data
        self._pos = pos + n
        return n

    def seek(self, pos, whence=0, /):
        self._check_closed()
        if not isinstance(pos, int):
            raise TypeError(f"'{type(pos).__name__}' object cannot be interpreted as an integer")
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buffer) + pos)
        else:
            raise ValueError(
                f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check_closed()
        return self._pos

    def truncate(self, size=None, /):
        self._check_closed()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"negative size value {size}")
        del self._buffer[size:]
        return size

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
         opener=None):
    """The builtin open(): files are read through the embedder's capability."""
    import builtins
    return builtins.open(file, mode, buffering, encoding, errors, newline, closefd, opener)
