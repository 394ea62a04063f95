# super().name and super(C, self).name compile to LOAD_SUPER_ATTR (attribute and method forms)
class A:
    def hello(self):
        return "A.hello"
    @classmethod
    def make(cls):
        return cls.__name__
    x = 5
class B(A):
    def hello(self):
        return "B+" + super().hello()
    def two(self):
        return super(B, self).hello()
    def attr(self):
        return super().x
    @classmethod
    def make(cls):
        return "B:" + super().make()
    def missing(self):
        return super().nope
    def closure(self):
        def inner():
            return self
        return super().hello(), inner
print(B().hello(), B().two(), B().attr(), B.make(), B().closure()[0])
try:
    B().missing()
except AttributeError as e:
    print("AttributeError:", e)
def super_shadow():
    super = lambda: A()
    return super().hello()
print(super_shadow())
class C(A):
    def m(self):
        return super(A, self).__class__
print(C().m())
