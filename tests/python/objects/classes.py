# Classes: attributes, methods, inheritance, properties, class and static methods, dunders.
class Point:
    dims = 2

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    @property
    def swapped(self):
        return Point(self.y, self.x)

    @classmethod
    def origin(cls):
        return cls(0, 0)

    @staticmethod
    def describe():
        return "a point in the plane"


class Point3(Point):
    dims = 3

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def norm2(self):
        return super().norm2() + self.z * self.z


p = Point(1, 2)
q = Point(3, 4)
print(p, q, p + q, p == Point(1, 2), p != q, p.norm2(), p.swapped)
print(Point.origin(), Point.describe(), p.describe(), Point.dims, p.dims)
r = Point3(1, 2, 3)
print(r.norm2(), r.dims, isinstance(r, Point), issubclass(Point3, Point), type(r).__name__)
p.label = "p"
print(p.label, hasattr(p, "label"), hasattr(p, "nothing"), getattr(p, "nothing", 42))
print([c.__name__ for c in Point3.__mro__] if False else Point3.__mro__)


class Counter:
    count = 0

    def __init__(self):
        Counter.count = Counter.count + 1

    def __len__(self):
        return 3

    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10

    def __call__(self, n):
        return n + 1


c = Counter()
Counter()
print(Counter.count, len(c), c[1], list(c), c(41), bool(c))


class Temperature:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value


t = Temperature()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)


class MyError(Exception):
    pass


class DetailedError(ValueError):
    def __init__(self, code):
        super().__init__("code " + str(code))
        self.code = code


try:
    raise DetailedError(7)
except ValueError as e:
    print(type(e).__name__, e, e.code, e.args)
try:
    raise MyError("custom")
except Exception as e:
    print(repr(e))

try:
    p.missing
except AttributeError as e:
    print(e)
