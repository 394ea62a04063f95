# Micro-benchmark: list.append in a loop (growth by CPython's over-allocation), then pops.
def run(rounds, size):
    total = 0
    for r in range(rounds):
        items = []
        append = items.append
        for i in range(size):
            append(i ^ r)
        for i in range(size):
            items.append(i)
        total += len(items) + items[-1] + items.pop()
    return total


print("checksum", run(600, 2000))
