import random
for seed in (1, 2, 99):
    random.seed(seed)
    print([random.binomialvariate(100, 0.3) for _ in range(8)], random.binomialvariate(1000, 0.5), random.binomialvariate(50, 0.9), random.binomialvariate(20, 0.2))
