# Generators: iteration, send, return values, state attributes, generator expressions.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "finished"


print(list(count(5)))
for v in count(3):
    print("for", v)

g = count(2)
print(type(g).__name__, g.__name__, g.__qualname__)
print(g.gi_running, g.gi_suspended, g.gi_frame is not None, type(g.gi_code).__name__)
print(next(g), g.gi_suspended)
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value, e.args)
print(g.gi_frame, g.gi_suspended)
try:
    next(g)
except StopIteration as e:
    print("again", e.value, e.args)


def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            return received
        received.append(x)


e = echo()
print(e.send(None))
print(e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop.value)

try:
    echo().send(1)
except TypeError as exc:
    print("TypeError", exc)


def running():
    yield me.gi_running
    try:
        next(me)
    except ValueError as exc:
        yield str(exc)


me = running()
print(list(me))

# Generator expressions and closures.
print(sum(x * x for x in range(10)))
print(list(str(x) + y for x in range(3) for y in "ab" if x != 1))
k = 10
adders = [(lambda j: (i + j + k for i in range(2)))(j) for j in range(2)]
print([list(a) for a in adders])
gen = (c.upper() for c in "hey")
print(next(gen), list(gen), list(gen))
print(sorted(x % 3 for x in range(7)), max(x for x in [3, 9, 2]), any(x > 5 for x in range(7)))
print(dict((x, x * x) for x in range(3)), tuple(str(x) for x in range(3)), "-".join(str(x) for x in range(4)))


# Locals survive across yields, including cells.
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


f = fib()
print([next(f) for _ in range(12)])


def closure_gen():
    total = 0

    def add(n):
        nonlocal total
        total += n

    for i in range(4):
        add(i)
        yield total


print(list(closure_gen()))


# Generators as methods, with super() and self.
class Tree:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def walk(self):
        yield self.value
        for c in self.children:
            yield from c.walk()

    def __iter__(self):
        return self.walk()


t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t), [v * 2 for v in t])


class Sub(Tree):
    def walk(self):
        yield "sub"
        yield from super().walk()


print(list(Sub(0, [Tree(5)])))

# zip/map/enumerate over generators, and unpacking.
a, b, c = count(3)
print(a, b, c, *count(2))
print(list(zip(count(3), "xyz")), list(enumerate(count(2))), list(map(str, count(3))))
print(repr(count(1)).startswith("<generator object count at 0x"))
