# dir() of every core type equals CPython 3.13's (the buffer protocol's __buffer__ and
# __release_buffer__ aside, as Skein has no memoryview yet), and dir() of classes and instances.
import types

BUFFER = {"__buffer__", "__release_buffer__"}
core = [int, float, complex, str, bytes, bytearray, tuple, list, dict, set, frozenset, range]
core += [slice, object, type, bool, type(None), types.FunctionType, types.MethodType]
core += [property, classmethod, staticmethod, BaseException, Exception, ValueError, KeyError]
core += [StopIteration, TypeError, AttributeError, OSError, type(NotImplemented), type(...)]
for T in core:
    print(T.__name__, [name for name in dir(T) if name not in BUFFER])


class Point:
    """A point."""

    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return abs(self.x) + abs(self.y)


p = Point(1, 2)
p.extra = 3
print([n for n in dir(Point) if not n.startswith("__") or n in ("__dict__", "__weakref__")])
print([n for n in dir(p) if not n.startswith("__")])
print(dir(p) == sorted(set(dir(Point)) | set(vars(p))), "__init__" in dir(p))


class WithDir:
    def __dir__(self):
        return ["b", "a", "c"]


print(dir(WithDir()), dir(types)[:3] == sorted(dir(types))[:3])
print(sorted(set(dir(int)) - set(dir(object))) == sorted(set(dir(bool)) - set(dir(object))))
print(sorted(set(dir(True)) ^ set(dir(bool))), sorted(set(dir([])) ^ set(dir(list))))
