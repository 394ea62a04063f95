# Ray tracing: a small scene of spheres over a checkered floor lit by two point lights, rendered
# with Lambert and Blinn-style highlights, hard shadows and mirror reflections to a fixed depth.
# The image is quantized to 8-bit channels and folded into a checksum. Only +, -, *, / and sqrt
# touch the floats, so every IEEE-754 engine renders the same pixels. Exercises a small vector
# class, method calls, attribute access and float arithmetic.
from math import sqrt

EPSILON = 1e-6
FAR = 1e30


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def plus(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def minus(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def times(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def mul(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z, self.x * o.y - self.y * o.x)

    def length(self):
        return sqrt(self.dot(self))

    def unit(self):
        return self.times(1.0 / self.length())


BLACK = Vec(0.0, 0.0, 0.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin.plus(self.direction.times(t))


class Material:
    def __init__(self, color, diffuse, specular, shininess, reflect):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess  # an integer exponent
        self.reflect = reflect

    def color_at(self, point):
        return self.color


class Checker(Material):
    def __init__(self, a, b, size, diffuse, reflect):
        Material.__init__(self, a, diffuse, 0.0, 1, reflect)
        self.other = b
        self.size = size

    def color_at(self, point):
        cell = int((point.x + 1000.0) / self.size) + int((point.z + 1000.0) / self.size)
        return self.color if cell % 2 == 0 else self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def hit(self, ray):
        oc = ray.origin.minus(self.center)
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return FAR
        root = sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return FAR

    def normal(self, point):
        return point.minus(self.center).unit()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.n = normal.unit()
        self.material = material

    def hit(self, ray):
        denom = ray.direction.dot(self.n)
        if -EPSILON < denom < EPSILON:
            return FAR
        t = self.point.minus(ray.origin).dot(self.n) / denom
        return t if t > EPSILON else FAR

    def normal(self, point):
        return self.n


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


def power(x, n):
    result = 1.0
    while n > 0:
        if n & 1:
            result *= x
        x *= x
        n >>= 1
    return result


class Scene:
    def __init__(self):
        self.objects = [
            Plane(Vec(0.0, -1.0, 0.0), Vec(0.0, 1.0, 0.0), Checker(Vec(0.9, 0.9, 0.9), Vec(0.1, 0.1, 0.1), 1.0, 0.8, 0.25)),
            Sphere(Vec(0.0, 0.0, 6.0), 1.0, Material(Vec(0.9, 0.2, 0.2), 0.7, 0.6, 32, 0.3)),
            Sphere(Vec(-2.2, 0.3, 7.5), 1.3, Material(Vec(0.2, 0.8, 0.3), 0.8, 0.3, 16, 0.1)),
            Sphere(Vec(2.0, -0.4, 5.0), 0.6, Material(Vec(0.3, 0.4, 0.95), 0.6, 0.8, 64, 0.5)),
            Sphere(Vec(0.8, 1.6, 9.0), 1.0, Material(Vec(0.95, 0.9, 0.2), 0.9, 0.2, 8, 0.0)),
        ]
        self.lights = [
            Light(Vec(-4.0, 6.0, 0.0), Vec(0.8, 0.8, 0.8)),
            Light(Vec(5.0, 4.0, 3.0), Vec(0.4, 0.35, 0.3)),
        ]
        self.ambient = 0.08

    def nearest(self, ray):
        best_t = FAR
        best = None
        for obj in self.objects:
            t = obj.hit(ray)
            if t < best_t:
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, light):
        to_light = light.position.minus(point)
        distance = to_light.length()
        ray = Ray(point, to_light.times(1.0 / distance))
        for obj in self.objects:
            if obj.hit(ray) < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            # sky: a vertical gradient
            k = 0.5 * (ray.direction.y + 1.0)
            return Vec(0.6, 0.75, 1.0).times(k).plus(Vec(1.0, 1.0, 1.0).times((1.0 - k) * 0.3))
        point = ray.at(t)
        normal = obj.normal(point)
        if normal.dot(ray.direction) > 0.0:
            normal = normal.times(-1.0)
        material = obj.material
        base = material.color_at(point)
        color = base.times(self.ambient)
        for light in self.lights:
            if self.shadowed(point, light):
                continue
            to_light = light.position.minus(point).unit()
            lambert = normal.dot(to_light)
            if lambert <= 0.0:
                continue
            color = color.plus(base.mul(light.color).times(lambert * material.diffuse))
            if material.specular > 0.0:
                halfway = to_light.minus(ray.direction).unit()
                h = normal.dot(halfway)
                if h > 0.0:
                    color = color.plus(light.color.times(material.specular * power(h, material.shininess)))
        if depth > 0 and material.reflect > 0.0:
            d = ray.direction
            reflected = d.minus(normal.times(2.0 * d.dot(normal)))
            color = color.times(1.0 - material.reflect).plus(self.trace(Ray(point, reflected), depth - 1).times(material.reflect))
        return color


def channel(v):
    if v <= 0.0:
        return 0
    if v >= 1.0:
        return 255
    return int(v * 255.0 + 0.5)


def render(width, height):
    scene = Scene()
    eye = Vec(0.0, 0.6, -1.0)
    forward = Vec(0.0, -0.05, 1.0).unit()
    right = Vec(0.0, 1.0, 0.0).cross(forward).unit()
    up = forward.cross(right)
    checksum = 0
    histogram = [0] * 8
    for j in range(height):
        y = 1.0 - 2.0 * (j + 0.5) / height
        for i in range(width):
            x = 2.0 * (i + 0.5) / width - 1.0
            direction = forward.plus(right.times(x * 0.6)).plus(up.times(y * 0.6)).unit()
            c = scene.trace(Ray(eye, direction), 3)
            r, g, b = channel(c.x), channel(c.y), channel(c.z)
            checksum = (checksum * 33 + r * 65536 + g * 256 + b) % 4294967291
            histogram[(r + g + b) * 8 // 766] += 1
    return checksum, histogram


print("checksum", *render(140, 140))
