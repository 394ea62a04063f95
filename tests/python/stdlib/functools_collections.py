import functools, heapq, copy, string, collections, contextlib, abc, typing
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple, ChainMap
print(functools.reduce(lambda a, b: a * b, range(1, 6)))
p = functools.partial(int, base=2)
print(p("101"), p)
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(50), fib.cache_info())
@functools.total_ordering
class V:
    def __init__(s, x): s.x = x
    def __eq__(s, o): return s.x == o.x
    def __lt__(s, o): return s.x < o.x
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2))
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
h = []
for x in [5, 1, 4, 2, 3]: heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(5)], heapq.nlargest(2, [1, 5, 3]), list(heapq.merge([1, 3], [2, 4])))
d = deque([1, 2, 3], maxlen=3); d.append(4); d.appendleft(0); print(d, d.popleft(), len(d))
dd = defaultdict(list); dd["a"].append(1); print(dd, dd["b"], isinstance(dd, dict))
c = Counter("abracadabra"); print(c, c.most_common(2), c["z"])
od = OrderedDict(a=1, b=2); od.move_to_end("a"); print(od, od.popitem(last=False))
P = namedtuple("P", "x y"); pt = P(1, y=2); print(pt, pt.x, pt[1], pt._asdict(), pt._replace(x=5)); a, b = pt; print(a, b)
print(ChainMap({"a": 1}, {"a": 2, "b": 3})["b"])
x = [[1, 2], {"k": [3]}]; y = copy.deepcopy(x); y[0].append(9); print(x, y, copy.copy(x)[0] is x[0])
print(string.ascii_letters, string.capwords("hello world"), string.Template("$a-${b}").substitute(a=1, b=2))
with contextlib.suppress(KeyError): {}["x"]
class Base(abc.ABC):
    @abc.abstractmethod
    def f(self): ...
try: Base()
except TypeError as e: print(e)
class Impl(Base):
    def f(self): return 1
print(Impl().f(), isinstance(Impl(), Base))
print(typing.List[int], typing.Optional[str], typing.Dict[str, typing.Any], typing.Union[int, str])
T = typing.TypeVar("T")
class Stack(typing.Generic[T]): pass
print(type(Stack()).__name__, T)
import collections.abc as cabc
print(isinstance([], cabc.Sequence), isinstance({}, cabc.Mapping), isinstance(3, cabc.Iterable), isinstance([], cabc.Iterable))
