# Nested loops over ranges with integer arithmetic, list building and dict counting.

def primes_below(n):
    count = 0
    for k in range(2, n):
        is_prime = True
        d = 2
        while d * d <= k:
            if k % d == 0:
                is_prime = False
                break
            d = d + 1
        if is_prime:
            count = count + 1
    return count


def collatz_longest(limit):
    best = 0
    best_start = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps = steps + 1
        if steps > best:
            best = steps
            best_start = start
    return best_start, best


counts = {}
for i in range(20000):
    key = i % 7
    if key in counts:
        counts[key] = counts[key] + i
    else:
        counts[key] = i
print("checksum", primes_below(20000), collatz_longest(20000), sorted(counts))
