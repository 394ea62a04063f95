# PEP 695: generic functions and classes, type aliases with lazy values, bounds, constraints
def first[T](xs: T) -> T:
    return xs[0]

print(first([3, 4]), first.__type_params__, first.__annotations__)

def bounded[T: int, *Ts, **P](a: T, b=1, *, c=2):
    return (a, b, c)

T, Ts, P = bounded.__type_params__
print(T, Ts, P, T.__bound__, type(T).__name__, bounded(5), bounded.__defaults__, bounded.__kwdefaults__)

class Box[T]:
    def __init__(self, item: T):
        self.item = item
    def get(self) -> T:
        return self.item
    def kind(self):
        return T

b = Box(3)
print(b.get(), Box.__type_params__, b.kind(), Box.__mro__[1:], Box.__qualname__, Box.get.__qualname__)

type Alias = int
type Pair[K, V] = K
print(Alias, Alias.__value__, Pair.__type_params__, type(Alias).__name__)
type Later = Undefined
try:
    Later.__value__
except NameError as e:
    print("NameError", e)

class Outer:
    X = int
    def meth[U: X](self, u: U) -> U:
        return u
    type Inner = X

print(Outer.meth.__type_params__[0].__bound__, Outer.Inner.__value__, Outer().meth(9), Outer.meth.__qualname__)
def constrained[S: (int, str)](s: S) -> S: return s
print(constrained.__type_params__[0].__constraints__)


# Defaults of type parameters (PEP 696) and their lazy evaluation
def with_default[T = int, *Ts = *tuple[int], **P = [str]]():
    pass


print([p.__default__ for p in with_default.__type_params__[:1]])

# A type parameter is a local of its own scope: it does not leak, and shadows outer names
T = "outer"


def shadow[T](x: T) -> T:
    return T


print(shadow(1), T)


# Generic classes see names of the class around them; their methods close over T
class Registry:
    Default = str

    class Item[T: Default]:
        def bound(self):
            return T.__bound__

    def make[K](self, k: K) -> K:
        return k


print(Registry.Item().bound(), Registry().make("k"), Registry.Item.__qualname__)


# Decorators apply to the generic function object
def tag(f):
    f.tagged = True
    return f


@tag
def decorated[T](x: T) -> T:
    return x


print(decorated.tagged, decorated.__name__, decorated.__type_params__)

# Errors from the compiler
for src in [
    "def f[T, T](): pass",
    "def f[T = int, U](): pass",
    "type A[T, T] = int",
    "class C[**P, **P]: pass",
]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
