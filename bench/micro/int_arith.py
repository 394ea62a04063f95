# Micro-benchmark: int arithmetic through the generic paths: values past the 30-bit tagged range
# (boxed ints), mixed with small ones, and operators the specializer leaves generic (//, %, <<,
# &, ^, **).
def run(n):
    acc = 0
    big = 1 << 40
    for i in range(n):
        x = big + i
        acc = (acc + x * 3 - (x // 7) + (x % 1000)) & 0xFFFFFFFFFFFF
        acc ^= (i << 5) | (acc >> 3)
        acc += i**2 % 97
    return acc


print("checksum", run(300000))
