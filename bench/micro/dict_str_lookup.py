# Micro-benchmark: dict lookups by interned str keys (attribute-like names), hits and misses,
# through d[k], d.get(k) and `k in d`.
keys = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
table = {k: i for i, k in enumerate(keys)}
missing = ["iota", "kappa"]


def run(rounds):
    total = 0
    for _ in range(rounds):
        for k in keys:
            total += table[k]
            total += table.get(k, 0)
        for k in missing:
            if k in table:
                total += 1
            total += table.get(k, -1)
    return total


print("checksum", run(120000))
