# itertools: every iterator of the module.
import itertools
import operator

print(list(itertools.islice(itertools.count(5, 2), 4)), list(itertools.repeat("x", 3)))
print(itertools.count(3), itertools.count(1, 2), itertools.repeat(1, 2), itertools.repeat("a"))
print(list(itertools.chain([1, 2], (3,), "ab")), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], operator.mul)))
print(list(itertools.accumulate([3, 1, 4, 1, 5], max)), list(itertools.accumulate([])))
print(list(itertools.product("ab", repeat=2)), list(itertools.product([1, 2], "xy")))
print(list(itertools.permutations(range(3), 2)), len(list(itertools.permutations(range(5)))))
print(list(itertools.combinations("abcd", 2)), list(itertools.combinations_with_replacement("ab", 2)))
print(list(itertools.combinations(range(3), 5)), list(itertools.product()))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")], list(itertools.pairwise([1, 2, 3])))
print([(k, list(g)) for k, g in itertools.groupby([1, 3, 2, 4, 5], lambda x: x % 2)])
print(list(itertools.zip_longest([1, 2], "abc")), list(itertools.batched(range(7), 3)))
print(list(itertools.takewhile(lambda x: x < 3, range(10))), list(itertools.dropwhile(lambda x: x < 3, range(6))))
print(list(itertools.filterfalse(None, [0, 1, 0, 2])), list(itertools.filterfalse(lambda x: x > 2, range(5))))
a, b = itertools.tee([1, 2, 3])
print(list(a), list(b), list(itertools.starmap(pow, [(2, 3), (3, 2)])), list(itertools.compress("abcd", [1, 0, 1, 1])))
print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.islice(range(10), 2, 8, 3)))
print(list(itertools.islice("abcdefg", 2, None)), list(itertools.islice("abc", None)))
total = 0
for x, y in itertools.product(range(20), repeat=2):
    total += x * y
print(total)
for bad in ("itertools.islice('abc', -1)", "itertools.batched('abc', 0)", "itertools.repeat()",
            "itertools.permutations('abc', -1)"):
    try:
        eval(bad)
    except Exception as e:
        print(bad, type(e).__name__, e)
