# random: the Mersenne Twister gives CPython's sequences for int, str and float seeds, and every
# derived method draws from it as CPython's random.py does.
import random

for seed in (0, 1, 42, 2**32, 12345678901234567890, -7, "hello", "", 3.5):
    random.seed(seed)
    print(repr(seed), random.random(), random.getrandbits(5), random.getrandbits(32))
    print("  ", random.getrandbits(70), random.getrandbits(100), random.randrange(10))
    print("  ", random.randint(1, 6), random.randrange(3, 100, 7), random.randrange(50, 10, -3))

for seed in (3, 2024):
    random.seed(seed)
    x = list(range(12))
    random.shuffle(x)
    print(seed, x, random.choice("abcdef"), random.choice([10, 20, 30]))
    print(random.sample(range(100), 5), random.sample(range(10), 3), random.sample("abcdefgh", 8))
    print(random.sample(range(10000), 30))
    print(random.choices([1, 2, 3], k=5), random.choices("abc", weights=[1, 5, 10], k=4))
    print(random.choices("xyz", cum_weights=[1, 2, 10], k=3))
    print(random.uniform(1, 5), random.uniform(-2.5, 0))
    print(random.gauss(0, 1), random.gauss(0, 1), random.gauss(10, 2))
    print(random.normalvariate(2, 3), random.normalvariate())
    print(random.expovariate(2.0), random.expovariate())
    print(random.triangular(0, 10, 3), random.triangular(), random.triangular(5, 5))
    print(random.gammavariate(2.0, 1.0), random.gammavariate(0.5, 2.0), random.gammavariate(1.0, 3.0))
    print(random.betavariate(2, 3), round(random.lognormvariate(0, 1), 12), round(random.vonmisesvariate(1, 2), 12))
    print(random.paretovariate(3), random.weibullvariate(1, 2))

random.seed(5)
state = random.getstate()
first = [random.random() for _ in range(3)]
random.setstate(state)
print(first == [random.random() for _ in range(3)], state[0], len(state[1]), state[2])

r = random.Random(99)
print(r.random(), r.randrange(0, 100, 7), r.getrandbits(16))
r2 = random.Random("seed")
print(r2.random(), r2.randint(-10, 10))

for bad in ("random.randrange(0)", "random.randrange(5, 5)", "random.randrange(1, 10, 0)",
            "random.choice([])", "random.sample(range(3), 5)", "random.getrandbits(-1)",
            "random.choices([1, 2], [1])", "random.seed([1, 2])"):
    try:
        eval(bad)
    except Exception as e:
        print(bad, type(e).__name__, e)
