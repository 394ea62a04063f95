# Recursive calls: frame push/pop on the data stack, small-int arithmetic, comparisons.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


total = 0
for i in range(3):
    total = total + fib(27)
print("checksum", total)
