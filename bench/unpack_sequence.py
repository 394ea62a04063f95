# Unpacking: tuples and lists of several sizes unpacked into locals, swaps, starred targets and
# unpacking in for-loop headers. The work per iteration is tiny so the unpack opcodes dominate.


def tuples(n):
    t = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    acc = 0
    for _ in range(n):
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        acc += a + j
    return acc


def lists(n):
    t = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    acc = 0
    for _ in range(n):
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        a, b, c, d, e, f, g, h, i, j = t
        acc += b + i
    return acc


def pairs_and_swaps(n):
    x, y = 0, 1
    acc = 0
    for k in range(n):
        x, y = y, x
        p, q = x, y
        p, q = q, p
        r, s, u = p, q, k
        acc += r - s + (u & 1)
    return acc


def starred(n):
    seq = (1, 2, 3, 4, 5, 6)
    acc = 0
    for _ in range(n):
        first, *middle, last = seq
        head, *tail = seq
        *init, end = seq
        acc += first + last + len(middle) + head + len(tail) + end + len(init)
    return acc


def loop_headers(n):
    rows = [(k, k * 2, (k % 3, k % 5)) for k in range(200)]
    acc = 0
    for _ in range(n):
        for a, b, (c, d) in rows:
            acc += a - b + c * d
    return acc


print(
    "checksum",
    tuples(600000),
    lists(600000),
    pairs_and_swaps(500000),
    starred(300000),
    loop_headers(800),
)
