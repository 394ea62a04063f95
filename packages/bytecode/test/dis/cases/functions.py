def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def g():
    a = (1, 2)
    b = {a: len(a)}
    return len(b)


print(fib(20), g())
