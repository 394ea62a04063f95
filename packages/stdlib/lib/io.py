"""io: text streams (StringIO) over Skein's _io."""

from _io import StringIO, TextIOWrapper, UnsupportedOperation

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

__all__ = ["StringIO", "TextIOWrapper", "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END"]
