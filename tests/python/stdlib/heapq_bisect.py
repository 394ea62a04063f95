import heapq, bisect
h = [5, 3, 8, 1, 9, 2]
heapq.heapify(h); print(h, h[0])
heapq.heappush(h, 0); print(heapq.heappop(h), heapq.heappushpop(h, 4), heapq.heapreplace(h, 7), sorted(h) == sorted(h), len(h))
print([heapq.heappop(h) for _ in range(len(h))])
print(heapq.nlargest(3, [1, 8, 3, 9, 4]), heapq.nsmallest(2, [5, 1, 4]), heapq.nlargest(2, ["aa", "b", "ccc"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 9])), list(heapq.merge([3, 1], [2], key=lambda x: -x, reverse=False)))
print(list(heapq.merge([7, 4, 1], [5, 2], reverse=True)))
try:
    heapq.heappop([])
except IndexError as e:
    print(e)
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 2))
bisect.insort(a, 3); bisect.insort_left(a, 4); bisect.insort_right(a, 9); print(a)
recs = [(1, "a"), (3, "c"), (5, "e")]
print(bisect.bisect_left(recs, 3, key=lambda r: r[0]), bisect.bisect_right([10, 20], 15, key=None))
bisect.insort(recs, (4, "d"), key=lambda r: r[0]); print(recs)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print(e)
