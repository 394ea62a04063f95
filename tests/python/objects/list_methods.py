# list methods, repetition and comparison.
a = [3, 1, 2]
a.append(4)
a.extend([5, 6])
a.extend((7,))
a.extend("xy")
a.insert(0, "first")
a.insert(-1, "before-last")
a.insert(100, "end")
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove("x")
print(a, a.index(2), a.count(1), 1 in a, "zz" in a, a.__contains__(3))
b = a.copy()
b.reverse()
print(b, a == b, a != b)
nums = [5, 2, 9, 1, 5, 6]
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 30)]
people.sort(key=lambda p: p[1])
print(people)
people.sort(key=lambda p: p[1], reverse=True)
print(people)
words = ["banana", "Apple", "cherry", "apple"]
words.sort(key=str.lower)
print(words)
print([1, 2] * 3, 2 * [0], [] * 5, [1] * 0, [[0] * 2] * 2)
c = [1, 2]
c *= 2
print(c)
c.clear()
print(c, len(c))
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [1, [2, 3]] == [1, [2, 3]])
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].index(9)
except ValueError as e:
    print("ValueError:", e)
try:
    [1].remove(2)
except ValueError as e:
    print("ValueError:", e)
try:
    [3, "a"].sort()
except TypeError as e:
    print("TypeError:", e)
t = (1, 2, 3, 2, 1)
print(t.index(2), t.index(2, 2), t.count(1), t * 2, 2 * (9,))
r = [1]
r.append(r)
print(r)
r.clear()
