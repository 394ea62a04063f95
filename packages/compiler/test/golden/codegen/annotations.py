x: int = 1
y: "str"
obj.attr: float
items[0]: list = []
if x:
    z: bytes


class Point:
    """A point."""
    a: int
    b: dict[str, int] = {}
    __secret: bool = False

    def move(self, dx: int, *args: float, k: str = "s", **kw: object) -> "Point":
        local: int = dx
        other.attr: int
        return self


def plain(a, b=1):
    return a
