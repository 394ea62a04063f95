from typing import (Any, Callable, ClassVar, Dict, Final, Generic, Iterable, Iterator, List, Literal,
                    NamedTuple, Optional, Protocol, Sequence, Set, Tuple, TypedDict, TypeVar, Union,
                    cast, get_type_hints, overload, TYPE_CHECKING, get_origin, get_args, NewType, Annotated,
                    NotRequired)
import typing
T = TypeVar("T")
K = TypeVar("K", bound=int)
print(T, K.__bound__, T.__name__, TYPE_CHECKING)
print(List[int], Dict[str, List[int]], Optional[int], Union[int, str], Tuple[int, ...], Callable[[int], str])
print(Callable[..., int], Callable[[], None], Callable[[int], str].__args__)
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Optional[int]) is Union, get_args(Optional[int]))
class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
    def get(self) -> T:
        return self.item
print(Box[int](3).get(), Box.__parameters__)
class Point(NamedTuple):
    x: int
    y: int = 0
    def norm(self):
        return abs(self.x) + abs(self.y)
p = Point(1); print(p, p._replace(y=5), Point._fields, p.x + p.y, p.norm(), Point.__annotations__, Point._field_defaults)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print(e)
class Movie(TypedDict):
    title: str
    year: int
class Extra(Movie, total=False):
    rating: float
    note: NotRequired[str]
m: Movie = Movie(title="x", year=1); print(m, type(m).__name__, sorted(Movie.__required_keys__), sorted(Extra.__optional_keys__), Extra.__total__)
print(Extra.__annotations__)
def f(a: int, b: "str" = "x", c: None = None) -> List[int]:
    return [a]
print(get_type_hints(f), f.__annotations__)
class Node:
    value: int
    next: "Node"
print(get_type_hints(Node))
print(cast(int, "s"), Literal[1, 2], Final[int], ClassVar[int], Annotated[int, "meta"])
UserId = NewType("UserId", int); print(UserId(5), UserId.__name__)
@overload
def g(x: int) -> int: ...
@overload
def g(x: str) -> str: ...
def g(x):
    return x
print(g(1), g("a"))
class Closer(Protocol):
    def close(self) -> None: ...
print(Any, typing.NoReturn, typing.Self, typing.Iterable[int], List)
print(Union[int, str, None], Optional[List[int]], get_args(Annotated[int, "a", 2]), List[None])
