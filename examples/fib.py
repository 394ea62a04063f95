# Fibonacci three ways, and a small list and dict workload.

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_list(n):
    seq = [0, 1]
    while len(seq) <= n:
        seq = seq + [seq[-1] + seq[-2]]
    return seq


print("fib(20) =", fib(20))
print("fib_iter(90) =", fib_iter(90))
print("first fifteen:", fib_list(14))

counts = {}
for n in fib_list(60):
    digit = n % 10
    if digit in counts:
        counts[digit] = counts[digit] + 1
    else:
        counts[digit] = 1
print("last digits:", counts)
total = 0
for digit in sorted(counts):
    total = total + digit * counts[digit]
print("weighted sum:", total)
print("big:", fib_iter(300))
