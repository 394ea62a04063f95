import functools
print(functools.reduce(lambda a, b: a + b, [1, 2, 3], 10), functools.reduce(max, [3, 9, 2]))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
p = functools.partial(pow, 2)
print(p(5), p.func is pow, p.args, p.keywords, repr(functools.partial(max, 1, key=abs)))
pp = functools.partial(p, 3)
print(pp(), pp.args)
@functools.lru_cache(maxsize=2)
def sq(x):
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2), sq.cache_info())
sq.cache_clear(); print(sq.cache_info(), sq.__wrapped__(5), sq.cache_parameters())
@functools.cache
def fact(n):
    return n * fact(n - 1) if n else 1
print(fact(10), fact.cache_info())
@functools.lru_cache
def ident(x):
    return x
print(ident(1), ident.cache_info().maxsize)
def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return f(*a, **k)
    return wrapper
@deco
def documented(x):
    "The doc."
    return x
print(documented.__name__, documented.__wrapped__.__name__, documented.__qualname__)
class C:
    def __init__(self):
        self.n = 0
    @functools.cached_property
    def val(self):
        self.n += 1
        return 42
c = C(); print(c.val, c.val, c.n, "val" in c.__dict__)
@functools.singledispatch
def show(x):
    return "obj"
@show.register
def _(x: int):
    return "int"
@show.register(list)
def _(x):
    return "list"
print(show(1), show([1]), show("s"), show(True), show.dispatch(str).__name__, len(show.registry))
@functools.total_ordering
class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(N(1) < N(2), N(1) <= N(1), N(2) > N(1), N(2) >= N(3))
print(sorted(["b", "A", "c"], key=functools.cmp_to_key(lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))))
pm = functools.partialmethod
class D:
    def f(self, a, b): return a + b
    g = pm(f, 10)
print(D().g(5))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
import functools, abc
print(functools.get_cache_token is abc.get_cache_token, type(functools.get_cache_token()))
