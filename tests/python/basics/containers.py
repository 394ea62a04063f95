# Lists, tuples, dicts and ranges, without method calls.
squares = []
for i in range(10):
    squares = squares + [i * i]
print(squares, len(squares), squares[3], squares[-1])
squares[0] = -1
print(squares)
t = (1, "two", 3.0, None, True)
print(t, len(t), t[1], t[-1])
print((1,), ())
d = {"one": 1, "two": 2}
d["three"] = 3
d["one"] = 11
print(d, len(d), d["two"])
print("two" in d, "four" in d, 3 in squares, 4 in squares)
nested = {1: [1, 2], 2: {"x": (1, 2)}}
print(nested)
r = range(2, 20, 3)
print(r, len(r), r[2], list(r), 11 in r, 12 in r)
print(list(range(5, 0, -1)), tuple(range(3)))
print(sorted([5, 2, 9, 1]), sorted(["pear", "apple", "fig"]), sorted([3, 1, 2], reverse=True))
pairs = list(zip([1, 2, 3], "abc"))
print(pairs, list(enumerate("xy")), list(reversed([1, 2, 3])))
a, b, c = 1, 2, 3
print(a, b, c)
a, b = b, a
print(a, b)
x, y = [10, 20]
print(x + y)
print(dict([(1, 2), (3, 4)]), list("abc"), tuple([1, 2]))
print(any([0, 0, 1]), all([1, 2, 0]), any([]), all([]))
print(list(map(abs, [-1, -2])), list(filter(None, [0, 1, 2, 0])))
print([1, 2] + [3], (1,) + (2,), [0] * 0)
