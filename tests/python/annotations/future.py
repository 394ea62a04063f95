"""With the annotations future, annotations are stored as their source text."""
from __future__ import annotations

import __future__

print(__future__.annotations.compiler_flag > 0)

x: list[int | None] = []
y: dict[str, tuple[int, ...]]
n: -1 ** 2
m: (-1) ** 2
t: (a, b)
s: x[1:2, ::3]
c: lambda q, *, r=1: q if r else not q
fs: f"{x!r:>10}"
cmp: a < b <= c is not d
calls: f(a, *b, k=1, **d)
st: {1, 2}
dc: {k: v for k, v in items if k}
attr: (1).real
strs: "it's"
e: ...
print(__annotations__)


def f(a: UndefinedName, *b: "q", c: {1: 2, **d} = 1) -> x and (y or z) < 3:
    return a


print(f.__annotations__)


class C:
    a: C
    b: int = 2


print(C.__annotations__, C.b)
