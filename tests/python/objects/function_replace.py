# Replacing a function's code, defaults and keyword defaults, and the globals it reads, while a
# hot loop keeps calling it (under jit=uops, the executors that depend on them are invalidated).
K = 1


def g(x):
    return x + K


def h(x):
    return x * 2 + K


def loop(n):
    t = 0
    for i in range(n):
        t = g(t) % 1000003
    return t


print(loop(3000))
K = 5
print(loop(3000))
g.__code__ = h.__code__
print(loop(3000), g.__name__, g(10))


def d(x, y=3, *, z=4):
    return x + y + z


def loop2(n):
    t = 0
    for i in range(n):
        t = d(t) % 1000003
    return t


print(loop2(3000))
d.__defaults__ = (10,)
print(loop2(3000))
d.__kwdefaults__ = {"z": 100}
print(loop2(3000))
d.__defaults__ = None
try:
    d(1)
except TypeError as e:
    print("TypeError:", e)

for bad in (5, None, "code"):
    try:
        g.__code__ = bad
    except TypeError as e:
        print("TypeError:", e)


def outer():
    z = 1

    def inner():
        return z

    return inner


try:
    g.__code__ = outer().__code__
except ValueError as e:
    print("ValueError:", e)
f = outer()
try:
    f.__code__ = h.__code__
except ValueError as e:
    print("ValueError:", e)
f.__code__ = outer().__code__
print(f())
try:
    del g.__code__
except TypeError as e:
    print("TypeError:", e)


# A generator suspended in the old code goes on with it after __code__ changes.
def gen():
    yield 1
    yield 2


def gen2():
    yield 10


it = gen()
print(next(it))
gen.__code__ = gen2.__code__
print(next(it), list(gen()))
