def outer(a):
    b = 1
    def inner(c):
        nonlocal b
        b += c
        return a + b
    return inner

def counter():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return fns

class C:
    x = 1
    def m(self):
        self.y = 2
        return __class__

def comp(xs):
    return [x * 2 for x in xs if x], {k: v for k, v in xs}

g = 0
def setg():
    global g
    g = 1
