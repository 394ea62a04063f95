# Operator overloading and the object protocols: reflected operands and NotImplemented, in-place
# operators falling back to the binary ones, rich comparisons and their reflection, the rules
# tying __eq__ and __hash__, truth through __bool__/__len__, iteration through __iter__ or the
# __getitem__ fallback, __contains__, __index__, __call__, context managers, and descriptors
# (data before instance attributes before non-data), __getattr__ and __getattribute__.


class V:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return f"V({self.x})"

    def __add__(self, o):
        return V(self.x + o.x) if isinstance(o, V) else NotImplemented

    def __radd__(self, o):
        return V(o + self.x)

    def __mul__(self, k):
        return V(self.x * k)

    def __rmul__(self, k):
        return V(k * self.x * 10)

    def __neg__(self):
        return V(-self.x)

    def __lt__(self, o):
        return self.x < o.x

    def __eq__(self, o):
        return isinstance(o, V) and self.x == o.x

    def __index__(self):
        return self.x

    def __bool__(self):
        return self.x != 0


class W(V):
    def __radd__(self, o):
        return "W.__radd__ first"


print(V(1) + V(2), 3 + V(1), V(2) * 3, 3 * V(2), -V(4), V(1) + W(2), sorted([V(3), V(1), V(2)]))
print(V(1) > V(0), V(1) == V(1), V(1) != V(2), V(1) in [V(1)], bool(V(0)), [10, 20, 30][V(1)])
print(hex(V(255)), bin(V(5)), range(10)[V(2):V(5)], "ab" * V(2), V(1) == 1, 1 == V(1))
try:
    V(1) + 1
except TypeError as e:
    print(e)
try:
    V(1) < 3
except AttributeError as e:
    print("AttributeError", e)
try:
    hash(V(1))
except TypeError as e:
    print(e)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, o):
        self.items.append(o)
        return self

    def __add__(self, o):
        return "plain add"


a = Acc()
b = a
a += 1
a += 2
print(a is b, a.items)


class OnlyAdd:
    def __add__(self, o):
        return "add used for +="


o = OnlyAdd()
o += 1
print(o)


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(Seq()), 20 in Seq(), 5 in Seq(), [x for x in Seq()])


class Sized:
    def __len__(self):
        return 0


class Contains:
    def __contains__(self, x):
        return x == "yes"


print(bool(Sized()), "yes" in Contains(), "no" in Contains(), "no" not in Contains())


class Hashy:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k)

    def __eq__(self, o):
        return self.k == o.k


print(len({Hashy(1), Hashy(1), Hashy(2)}), {Hashy(1): "a"}[Hashy(1)], hash(Hashy(-1)) == hash(-1))


class Call:
    def __call__(self, *a, **k):
        return a, k


print(Call()(1, x=2), callable(Call()), callable(Call))


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None, ev)
        return True


with Ctx() as c:
    raise ValueError("swallowed")
print("after with", type(c).__name__)


class Data:
    def __get__(self, obj, owner):
        return "data" if obj is not None else "data on class"

    def __set__(self, obj, v):
        obj.__dict__["stored"] = v


class NonData:
    def __get__(self, obj, owner):
        return "non-data"


class Holder:
    d = Data()
    n = NonData()

    def __init__(self):
        self.__dict__["d"] = "instance d"
        self.__dict__["n"] = "instance n"


h = Holder()
h.d = 5
print(h.d, h.n, Holder.d, h.stored, vars(h))


class Named:
    def __set_name__(self, owner, name):
        self.name = f"{owner.__name__}.{name}"

    def __get__(self, obj, owner):
        return self.name


class UsesNamed:
    field = Named()


print(UsesNamed().field)


class Dyn:
    x = 1

    def __getattr__(self, name):
        return f"dynamic {name}"


class Logged:
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        if name == "secret":
            raise AttributeError(name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        return f"fallback {name}"


print(Dyn().x, Dyn().y, Logged().a, Logged().secret, getattr(Dyn(), "z", "default"))


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1


sl = Slotted()
sl.b = 2
print(sl.a, sl.b, hasattr(sl, "__dict__"), Slotted.a.__name__, type(Slotted.a).__name__)
try:
    sl.c = 3
except AttributeError as e:
    print(e)
del sl.b
try:
    sl.b
except AttributeError as e:
    print(e)


class SlotChild(Slotted):
    pass


sc = SlotChild()
sc.c = 3
print(sc.c, sc.a, sorted(vars(sc)))


class WithDictSlot:
    __slots__ = ("x", "__dict__")


wd = WithDictSlot()
wd.x = 1
wd.y = 2
print(wd.x, vars(wd), sorted(k for k in WithDictSlot.__dict__ if not k.startswith("__")))


class Private:
    __slots__ = ("__hidden", "shown")

    def __init__(self):
        self.__hidden = 5

    def get(self):
        return self.__hidden


print(Private().get(), [k for k in Private.__dict__ if "hidden" in k])
for make in [
    lambda: type("Bad", (), {"__slots__": ("v",), "v": 1}),
    lambda: type("Z", (type("X", (), {"__slots__": ("a",)}), type("Y", (), {"__slots__": ("b",)})), {}),
    lambda: type("J", (int,), {"__slots__": ("q",)}),
    lambda: type("K", (), {"__slots__": (1,)}),
]:
    try:
        make()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


# divmod dispatches to __divmod__ and __rdivmod__ (nb_divmod).
class A:
    def __divmod__(self, o): return "dm"
    def __rdivmod__(self, o): return ("rdm", o)
class B(int):
    def __rdivmod__(self, o): return "B first"
print(divmod(A(), 2), divmod(2, A()), divmod(7, B(2)), divmod(7, 2), divmod(-7.5, 2), divmod(2**70, 3), divmod(True, 2))
for f in [lambda: divmod(1.0, 0), lambda: divmod(1, 0), lambda: divmod(1j, 1), lambda: divmod("a", 1), lambda: divmod(1, 0.0)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
