# Loops over iterators whose class defines __next__ in Python, and over generators and
# coroutines, run often enough to be specialized (tier 1 runs __next__ and the generator's frame
# in its own loop).
import sys


class Count:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i


class Stop(StopIteration):
    pass


class Odd:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i == self.n:
            raise Stop("done", self.i)
        if self.i > 100:
            raise ValueError(f"too far at {self.i}")
        return self.i * 2


def sums():
    total = 0
    for k in range(50):
        for v in Count(k % 7):
            total += v
        for v in Odd(5):
            total -= v
    print(total)


def breaks_and_else():
    found = []
    for k in range(40):
        for v in Count(10):
            if v == k % 10 + 1:
                found.append(v)
                break
        else:
            found.append(None)
    print(found[:12])


def errors():
    msgs = []
    for k in range(30):
        try:
            for v in Odd(1000):
                pass
        except ValueError as e:
            tb = e.__traceback__
            names = []
            while tb is not None:
                names.append(tb.tb_frame.f_code.co_name)
                tb = tb.tb_next
            msgs.append((str(e), names))
    print(msgs[0], len(msgs))


def body_raises():
    caught = 0
    for k in range(30):
        try:
            for v in Count(5):
                if v == 3:
                    raise KeyError(v)
        except KeyError:
            caught += 1
    print(caught)


def frames_seen():
    class Peek:
        def __init__(self):
            self.n = 0

        def __iter__(self):
            return self

        def __next__(self):
            self.n += 1
            if self.n > 3:
                raise StopIteration
            return sys._getframe(1).f_code.co_name

    for k in range(30):
        seen = list(v for v in [0]) and [v for v in Peek()]
        for name in Peek():
            last = name
    print(seen, last)


def changed_method():
    class C:
        def __init__(self):
            self.n = 0

        def __iter__(self):
            return self

        def __next__(self):
            self.n += 1
            if self.n > 2:
                raise StopIteration
            return "a"

    out = []
    for k in range(40):
        if k == 20:
            C.__next__ = lambda self: (_ for _ in ()).throw(StopIteration) if self.n else setattr(self, "n", 1) or "b"
        out.extend(C())
    print(out[:4], out[-2:], len(out))


def gen(n):
    for i in range(n):
        yield i * i
    return "ret"


def generators():
    total = 0
    for k in range(60):
        for v in gen(k % 9):
            total += v
    print(total)


def delegate(n):
    r = yield from gen(n)
    yield r


def sends():
    def echo():
        got = []
        while True:
            x = yield len(got)
            if x is None:
                return got
            got.append(x)

    outs = []
    for k in range(40):
        g = echo()
        next(g)
        for i in range(k % 5):
            outs.append(g.send(i))
        try:
            g.send(None)
        except StopIteration as e:
            outs.append(e.value)
    print(outs[:10], len(outs))
    print([list(delegate(k)) for k in range(4)])


class Ready:
    def __await__(self):
        yield "tick"
        return 5


async def inner(k):
    v = await Ready()
    return v + k


async def outer(n):
    t = 0
    for k in range(n):
        t += await inner(k)
    return t


def coroutines():
    for k in range(3):
        c = outer(40)
        ticks = 0
        try:
            while True:
                c.send(None)
                ticks += 1
        except StopIteration as e:
            print(e.value, ticks)


def deep_generators():
    def chain(n):
        if n == 0:
            yield 0
            return
        for v in chain(n - 1):
            yield v + 1

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(3000)
    print(list(chain(500)))
    sys.setrecursionlimit(old)


sums()
breaks_and_else()
errors()
body_raises()
frames_seen()
changed_method()
generators()
sends()
coroutines()
deep_generators()
