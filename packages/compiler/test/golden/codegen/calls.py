def f(a, *args, k=1, **kw):
    print(a, *args, sep='', **kw)
    a.b.c(1, k=2)
    return f(*args), f(**kw), f(a, k=k)

def s(x):
    return x[1:2], x[::2], x[a:], f"{x!r:>10} and {x}"

import os.path
from os import path as p, sep
