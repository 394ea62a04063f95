# Micro-benchmark: float arithmetic through the generic paths: floats mixed with ints, division,
# floor division, modulo and powers, and comparisons.
def run(n):
    acc = 0.0
    count = 0
    for i in range(n):
        x = i * 0.5 + 1
        y = x / 3 + x * 2 - i
        acc += y % 7.25 + (x // 2.5) - 1.5**2
        if y > acc:
            count += 1
    return acc, count


total, count = run(400000)
print("checksum", f"{total:.6f}", count)
