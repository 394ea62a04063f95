# Class creation hooks: __init_subclass__ with the class statement's keywords, a metaclass's
# __new__ and __call__, super() in class methods, keyword arguments of builtin exceptions.
class Base:
    registry = []
    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.registry.append(cls.__name__)
class A(Base, tag="a"): pass
class B(A): pass
print(A.tag, B.tag, Base.registry)
try:
    class C(Base, nope=1): pass
except TypeError as e:
    print(e)
class Meta(type):
    def __call__(cls, *a, **k):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a, **k)
    def __new__(mcls, name, bases, ns, **kw):
        ns["made_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)
class M(metaclass=Meta):
    def __init__(self, x): self.x = x
m = M(3)
print(m.x, M.made_by, type(M).__name__, isinstance(M, Meta))
class K:
    @classmethod
    def make(cls): return cls.__name__
    @staticmethod
    def st(): return "st"
class K2(K):
    @classmethod
    def make(cls): return "K2:" + super().make()
print(K2.make(), K2().make(), K.st(), K2().st())
try:
    ValueError(x=1)
except TypeError as e:
    print(e)
print(object.__init_subclass__(), type(object.__init_subclass__).__name__)
print(int.__init_subclass__ is not None, object.__subclasshook__(int))
class E(Exception):
    def __init__(self, a, b=2):
        super().__init__(a)
        self.b = b
print(E(1, b=3).b, E(1).args)
try:
    raise KeyError("k")
except KeyError as e: print(repr(e))
