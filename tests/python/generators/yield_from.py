# yield from: delegation of next/send/throw/close, return values, non-generator iterables.
def inner():
    x = yield "i1"
    print("inner got", x)
    y = yield "i2"
    print("inner got", y)
    return "inner result"


def outer():
    r = yield from inner()
    print("outer got", r)
    yield "o1"
    return "outer result"


g = outer()
print(next(g))
print(g.send("A"))
print(g.send("B"))
try:
    next(g)
except StopIteration as e:
    print("done", e.value)

print(list(outer()))


def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x


print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))


def chain(*its):
    for it in its:
        yield from it


print(list(chain([1, 2], "ab", range(3), (x for x in [9]))))


# throw() and close() reach the innermost generator.
def leaf():
    try:
        while True:
            try:
                yield "leaf"
            except KeyError as e:
                print("leaf caught", repr(e))
    finally:
        print("leaf closed")


def middle():
    try:
        yield from leaf()
    finally:
        print("middle closed")


m = middle()
print(next(m))
print(m.throw(KeyError("k")))
print(m.gi_yieldfrom.__name__)
m.close()
print(m.gi_yieldfrom)


def stop_inner():
    yield 1
    return 42


def catch_outer():
    try:
        v = yield from stop_inner()
    except ValueError:
        print("outer caught ValueError")
        v = "recovered"
    yield v


co = catch_outer()
print(next(co))
print(co.throw(ValueError))


# An inner generator whose throw raises StopIteration ends the delegation with its value.
def returns_on_throw():
    try:
        yield 1
    except ValueError:
        return "handled value"


def delegator():
    v = yield from returns_on_throw()
    yield "delegation ended with " + v


d = delegator()
next(d)
print(d.throw(ValueError))


# yield from an iterator object with send/throw methods.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration("countdown done")
        self.n -= 1
        return self.n

    def send(self, value):
        print("Countdown.send", value)
        return self.__next__()

    def throw(self, *args):
        print("Countdown.throw", args[0].__name__ if isinstance(args[0], type) else repr(args[0]))
        raise StopIteration("thrown out")


def use_countdown():
    r = yield from Countdown(3)
    print("countdown returned", r)
    r2 = yield from Countdown(5)
    print("second returned", r2)


u = use_countdown()
print(next(u), u.send("x"), u.send(None))
print(next(u))
try:
    u.throw(IndexError)
except StopIteration:
    print("finished after throw")


# Recursion through yield from (an in-order tree walk).
def walk(node):
    if node is not None:
        left, value, right = node
        yield from walk(left)
        yield value
        yield from walk(right)


def build(lo, hi):
    if lo > hi:
        return None
    mid = (lo + hi) // 2
    return (build(lo, mid - 1), mid, build(mid + 1, hi))


print(list(walk(build(1, 20))) == list(range(1, 21)))
