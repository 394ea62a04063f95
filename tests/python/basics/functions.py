# Functions: recursion, defaults, globals, nested calls, functions as values.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def greet(name, greeting="Hello"):
    return greeting + ", " + name


counter = 0


def bump():
    global counter
    counter = counter + 1
    return counter


def apply(f, x):
    return f(x)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


print(fact(10), fact(30))
print(greet("Ada"), greet("Bob", "Hi"))
bump()
bump()
print(counter, bump())
print(apply(fact, 5), apply(len, "four"))
print(ackermann(2, 3))
print(sorted([3, -4, 1], key=abs), max(["a", "ccc", "bb"], key=len))


def nothing():
    pass


print(nothing())
