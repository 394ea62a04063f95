# Exceptions: try/except/else/finally, raise, re-raise, and messages printed by the handler.
def risky(n):
    if n == 0:
        raise ValueError("zero is not allowed")
    return 10 // n


for n in [2, 0, 5]:
    try:
        print("result", risky(n))
    except ValueError as e:
        print("caught", e)
    else:
        print("no error")
    finally:
        print("done", n)

try:
    [1, 2, 3][10]
except IndexError as e:
    print("index:", e)

try:
    {"a": 1}["b"]
except KeyError as e:
    print("key:", e)

try:
    1 / 0
except ZeroDivisionError as e:
    print("zero:", e)

try:
    undefined_name
except NameError as e:
    print("name:", e)

try:
    1 + "a"
except TypeError as e:
    print("type:", e)

try:
    int("abc")
except (ValueError, TypeError) as e:
    print("tuple:", e)


def outer():
    try:
        risky(0)
    except ValueError:
        print("inner handler")
        raise


try:
    outer()
except ValueError as e:
    print("re-raised:", e)

print("before the uncaught one")
risky(0)
print("never printed")
