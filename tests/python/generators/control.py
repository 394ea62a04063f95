# throw(), close(), finally blocks, GeneratorExit, PEP 479 and exception state in generators.
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


g = guarded()
print(next(g))
print(g.close(), g.gi_frame)
print(list(guarded()))


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", repr(e))
        except GeneratorExit:
            print("exit")
            raise


c = catcher()
next(c)
print(c.throw(ValueError("one")))
print(c.throw(ValueError))
print(c.throw(ValueError, ValueError("two")))
c.close()
print(c.gi_frame)

try:
    guarded().throw(KeyError("unstarted"))
except KeyError as e:
    print("unstarted throw", repr(e))

g = guarded()
next(g)
try:
    g.throw(RuntimeError("inside"))
except RuntimeError as e:
    print("propagated", e)
print(next(g, "exhausted"))


def ignore_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2


i = ignore_exit()
next(i)
try:
    i.close()
except RuntimeError as e:
    print("RuntimeError", e)


def returns_on_close():
    try:
        yield
    except GeneratorExit:
        return "closing value"


r = returns_on_close()
next(r)
print("close returned", r.close())

for bad in [1, "x", None]:
    try:
        guarded().throw(bad)
    except TypeError as e:
        print("TypeError", e)


# PEP 479: a StopIteration escaping a generator frame becomes RuntimeError.
def leaky():
    yield 1
    next(iter([]))


try:
    list(leaky())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)


def explicit():
    raise StopIteration("no")
    yield


try:
    next(explicit())
except RuntimeError as e:
    print(e, repr(e.__cause__))


# Exceptions propagate with a traceback through resumed frames.
def fails(n):
    yield n
    raise ValueError(f"bad {n}")


try:
    for v in fails(7):
        print("got", v)
except ValueError as e:
    print("ValueError", e)


