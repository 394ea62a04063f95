# Generators: pipelines of generator functions and generator expressions, a binary tree walked
# in order with `yield from`, send() into a running generator and early close. Exercises frame
# suspension and resumption, StopIteration plumbing and the iteration protocol.


def count_up(n):
    k = 0
    while k < n:
        yield k
        k += 1


def squares(it):
    for v in it:
        yield v * v


def only_odd(it):
    for v in it:
        if v & 1:
            yield v


def take(it, n):
    for v in it:
        if n <= 0:
            return
        n -= 1
        yield v


class Node:
    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid), mid, build(mid + 1, hi))


def in_order(node):
    if node is not None:
        yield from in_order(node.left)
        yield node.value
        yield from in_order(node.right)


def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return total
        total += value
        count += 1
        average = total // count


def pipeline(n):
    return sum(take(only_odd(squares(count_up(n))), n // 3))


def tree_walk(size, rounds):
    root = build(0, size)
    acc = 0
    for _ in range(rounds):
        previous = -1
        for v in in_order(root):
            if v <= previous:
                raise AssertionError("tree out of order")
            previous = v
            acc += v
    return acc


def coroutine_sends(n):
    g = averager()
    next(g)
    last = 0
    for k in range(n):
        last = g.send(k % 97)
    try:
        g.send(None)
    except StopIteration as stop:
        return last, stop.value
    return last, None


def genexps(n):
    acc = 0
    for r in range(n):
        acc += sum(x * r for x in range(50) if x % 3)
        acc += max(y for y in (r, r + 1, r - 1))
    return acc


def early_close(n):
    closed = 0
    for _ in range(n):
        g = count_up(100)
        for v in g:
            if v == 3:
                break
        g.close()
        closed += 1
    return closed


print(
    "checksum",
    pipeline(600000),
    tree_walk(2047, 120),
    coroutine_sends(400000),
    genexps(16000),
    early_close(80000),
)
