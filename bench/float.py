# Float: build many small point objects from trigonometric values, normalize each in place and
# fold them to a component-wise maximum. Exercises object creation with __slots__-free
# attributes, float arithmetic, math calls and method dispatch.
from math import cos, sin, sqrt


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3.0
        self.z = (x * x) / 2.0

    def normalize(self):
        length = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x = self.x / length
        self.y = self.y / length
        self.z = self.z / length

    def widen(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(count):
    points = [Point(i) for i in range(count)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.widen(p)
    return best


total = 0.0
for round_ in range(6):
    m = run(100000)
    total += m.x + m.y + m.z
print("checksum", f"{m.x:.6f}", f"{m.y:.6f}", f"{m.z:.6f}", f"{total:.6f}")
