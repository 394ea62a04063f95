# Chaos game: iterate a point under randomly chosen contractions (an iterated function system)
# and plot where it lands. Two fractals: a fern from four affine maps picked with weights, and a
# pentagon game that jumps part of the way toward a random vertex that differs from the last one.
# Randomness comes from a small linear congruential generator so every engine sees the same
# sequence. Exercises float arithmetic, small objects, method calls and 2-D list updates.


class Rng:
    def __init__(self, seed):
        self.state = seed

    def next_int(self):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return self.state

    def uniform(self):
        return self.next_int() / 2147483648.0


class Affine:
    def __init__(self, a, b, c, d, e, f):
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e
        self.f = f

    def apply(self, x, y):
        return self.a * x + self.b * y + self.e, self.c * x + self.d * y + self.f


class Canvas:
    def __init__(self, width, height, x0, x1, y0, y1):
        self.width = width
        self.height = height
        self.x0 = x0
        self.y0 = y0
        self.sx = (width - 1) / (x1 - x0)
        self.sy = (height - 1) / (y1 - y0)
        self.rows = [[0] * width for _ in range(height)]

    def plot(self, x, y):
        i = int((x - self.x0) * self.sx)
        j = int((y - self.y0) * self.sy)
        if 0 <= i < self.width and 0 <= j < self.height:
            self.rows[j][i] += 1

    def summary(self):
        lit = 0
        digest = 0
        for j, row in enumerate(self.rows):
            for i, v in enumerate(row):
                if v:
                    lit += 1
                    digest = (digest * 31 + i * 7 + j * 13 + min(v, 9)) % 1000000007
        return lit, digest


def fern(rng, points):
    maps = [
        (0.01, Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0)),
        (0.86, Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6)),
        (0.93, Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6)),
        (1.00, Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44)),
    ]
    canvas = Canvas(160, 240, -2.2, 2.7, 0.0, 10.0)
    x = y = 0.0
    for step in range(points):
        u = rng.uniform()
        for limit, m in maps:
            if u <= limit:
                x, y = m.apply(x, y)
                break
        if step > 20:
            canvas.plot(x, y)
    return canvas.summary()


def pentagon(rng, points, ratio):
    # Vertices of a regular pentagon on the unit circle, computed with a rational approximation
    # table so the program needs no imports.
    vertices = [
        (0.0, 1.0),
        (0.9510565162952, 0.3090169943749),
        (0.5877852522925, -0.8090169943749),
        (-0.5877852522925, -0.8090169943749),
        (-0.9510565162952, 0.3090169943749),
    ]
    canvas = Canvas(200, 200, -1.0, 1.0, -1.0, 1.0)
    x = y = 0.0
    last = -1
    for step in range(points):
        k = rng.next_int() % 5
        if k == last:
            continue
        last = k
        vx, vy = vertices[k]
        x += (vx - x) * ratio
        y += (vy - y) * ratio
        if step > 20:
            canvas.plot(x, y)
    return canvas.summary()


rng = Rng(20240601)
a = fern(rng, 300000)
b = pentagon(rng, 300000, 0.5)
print("checksum", a[0], a[1], b[0], b[1])
