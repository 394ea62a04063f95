import math
from os import path as p


def h(obj, a, b, *rest, **kw):
    obj.value = a + b
    del obj.old
    s = f"{a!r}:{b:>3}"
    first, *others = rest
    return obj.method(s, key=a) if a in kw else ~b


def closure():
    n = 1

    def inner():
        nonlocal n
        n += 1
        return n

    return inner
