"""Doc."""
from __future__ import annotations

x: list[int | None] = []
y: dict[str, tuple[int, ...]]
obj.attr: -1 ** 2


class C:
    a: Callable[[int], str] = None
    b: lambda x, *, y=1: x if y else not x


def f(a: a.b[1:2, ::3], *b: "q", c: {1: 2, **d} = 1) -> x and (y or z) < 3:
    pass
