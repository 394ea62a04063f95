# Scoping edge cases: closures in loops, class bodies, nonlocal, global, comprehension scopes


# Closures made in a loop share the loop variable's cell
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])

# ... unless it is bound as a default
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])

# Each call of a function gets fresh cells
def counter():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n

    return inc


a, b = counter(), counter()
print(a(), a(), b(), a())

# nonlocal through several levels; a cell deleted and rebound
def outer():
    x = 1

    def middle():
        def inner():
            nonlocal x
            x += 10
            return x

        return inner

    f = middle()
    f()
    del x
    try:
        f()
    except NameError as e:
        print("NameError:", e)
    x = 5
    return f()


print(outer())

# Class bodies do not enclose their methods; names resolve to globals instead
x = "global x"


class C:
    x = "class x"
    y = x + "!"

    def method(self):
        return x

    lam = lambda self: x
    listcomp = [x for _ in range(1)]
    genexp = list(x for _ in range(1))


print(C.y, C().method(), C().lam(), C.listcomp, C.genexp)


# The iterable of the first for of a comprehension is evaluated in the enclosing scope
class D:
    items = [1, 2, 3]
    doubled = [v * 2 for v in items]
    try:
        bad = [v * len(items) for v in range(2)]
    except NameError as e:
        err = str(e)


print(D.doubled, D.err)

# Comprehension variables do not leak; the walrus binds in the enclosing function
def walrus():
    values = [last := v for v in range(4)]
    return values, last, "v" in dir()


print(walrus())

# A comprehension inside a function sees the function's locals and its cells
def comp_cells():
    base = 10
    funcs = [lambda: base + k for k in range(2)]
    base = 20
    return [f() for f in funcs]


print(comp_cells())


# __class__ and super() in methods, and in nested functions
class Base:
    def who(self):
        return "base"


class Child(Base):
    def who(self):
        def helper():
            return super(Child, self).who()

        return "child of " + super().who() + " / " + helper()

    def cls(self):
        return __class__.__name__


print(Child().who(), Child().cls())

# global declarations inside functions and classes
counter_value = 0


def bump():
    global counter_value
    counter_value += 1


bump()
bump()
print(counter_value)


class G:
    global made_in_class
    made_in_class = "yes"


print(made_in_class)

# A name used before assignment in a function is local to all of it
def unbound():
    try:
        print(shadowed)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    shadowed = 1


shadowed = "global"
unbound()


# Class scope names are visible to nested class bodies? No: only globals
class Outer:
    name = "outer"

    class Inner:
        try:
            value = name
        except NameError as e:
            value = "NameError: " + str(e)


print(Outer.Inner.value)

# Nested functions referencing a variable assigned later in the enclosing scope
def late():
    def get():
        return value

    value = "assigned later"
    return get()


print(late())

# Generator expressions capture cells; their first iterable is evaluated at once
def gen_scope():
    n = 3
    g = (i * n for i in range(n))
    n = 10
    return list(g)


print(gen_scope())

# Exception names are unbound after the except block
def exc_name():
    e = "before"
    try:
        raise ValueError
    except ValueError as e:
        pass
    try:
        return e
    except UnboundLocalError as err:
        return "UnboundLocalError: " + str(err)


print(exc_name())

# Compile-time errors of scoping
for src in [
    "def f():\n    x = 1\n    global x",
    "def f():\n    nonlocal y",
    "nonlocal z",
    "def f(a):\n    global a",
    "class C:\n    nonlocal q",
    "def f():\n    print(x)\n    global x",
    "[i := 0 for i in range(3)]",
    "def f():\n    yield\n    return\n    x = [(yield) for _ in range(2)]",
]:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
