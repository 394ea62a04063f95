def f(a, b=1, c=(1, 2)):
    total = 0
    for i in range(a):
        total += i * b
    return total

def g(x):
    if x > 0 and x < 10:
        return x
    elif x is None:
        return -1
    else:
        return 0
