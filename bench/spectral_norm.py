# Spectral norm: the largest singular value of the infinite matrix A with
# A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), truncated to n x n, by the power method on
# A^T A. Exercises float division, function calls in tight loops and list comprehensions.


def entry(i, j):
    s = i + j
    return 1.0 / (s * (s + 1) // 2 + i + 1)


def times(v):
    n = len(v)
    return [sum([entry(i, j) * v[j] for j in range(n)]) for i in range(n)]


def times_transposed(v):
    n = len(v)
    return [sum([entry(j, i) * v[j] for j in range(n)]) for i in range(n)]


def at_times_a(v):
    return times_transposed(times(v))


def spectral_norm(n, iterations):
    u = [1.0] * n
    v = u
    for _ in range(iterations):
        v = at_times_a(u)
        u = at_times_a(v)
    vbv = 0.0
    vv = 0.0
    for a, b in zip(u, v):
        vbv += a * b
        vv += b * b
    return (vbv / vv) ** 0.5


print("checksum", f"{spectral_norm(300, 10):.9f}")
