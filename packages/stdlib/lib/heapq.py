"""Heap queue: a binary min-heap kept in a list, heap[k] <= heap[2*k+1] and heap[2*k+2]."""

__all__ = ["heappush", "heappop", "heapify", "heapreplace", "merge", "nlargest", "nsmallest",
           "heappushpop"]


def _sift_up(heap, start, pos):
    # Move heap[pos] towards the root until its parent is no greater.
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if item < parent:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_down(heap, pos):
    # Move the hole at pos down to a leaf along the smaller children, then bubble the item up
    # (fewer comparisons than stopping early, as in Knuth's exercise 5.2.3-18).
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_up(heap, start, pos)


def heappush(heap, item, /):
    heap.append(item)
    _sift_up(heap, 0, len(heap) - 1)


def heappop(heap, /):
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_down(heap, 0)
        return top
    return last


def heapreplace(heap, item, /):
    if not heap:
        raise IndexError("index out of range")
    top = heap[0]
    heap[0] = item
    _sift_down(heap, 0)
    return top


def heappushpop(heap, item, /):
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_down(heap, 0)
    return item


def heapify(x, /):
    for i in reversed(range(len(x) // 2)):
        _sift_down(x, i)


def _sift_up_max(heap, start, pos):
    item = heap[pos]
    while pos > start:
        parent_pos = (pos - 1) >> 1
        parent = heap[parent_pos]
        if parent < item:
            heap[pos] = parent
            pos = parent_pos
            continue
        break
    heap[pos] = item


def _sift_down_max(heap, pos):
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[right] < heap[child]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_up_max(heap, start, pos)


def _heappop_max(heap):
    last = heap.pop()
    if heap:
        top = heap[0]
        heap[0] = last
        _sift_down_max(heap, 0)
        return top
    return last


def _heapify_max(x):
    for i in reversed(range(len(x) // 2)):
        _sift_down_max(x, i)


def _heapreplace_max(heap, item):
    top = heap[0]
    heap[0] = item
    _sift_down_max(heap, 0)
    return top


def merge(*iterables, key=None, reverse=False):
    """Merge sorted inputs into one sorted iterator; ties keep the order of the inputs.

    Skein's merge is eager (no generators yet): it reads the inputs, then merges them k-way.
    """
    sources = [list(it) for it in iterables]
    heap = []
    for order, items in enumerate(sources):
        if items:
            first = items[0]
            heap.append([first if key is None else key(first), order, 0])
    out = []
    if reverse:
        # A max-heap ordered by key, then by input order (earlier inputs first on ties).
        heap = [[_Reversed(e[0]), e[1], e[2]] for e in heap]
    heapify(heap)
    while heap:
        entry = heap[0]
        items = sources[entry[1]]
        out.append(items[entry[2]])
        nxt = entry[2] + 1
        if nxt < len(items):
            k = items[nxt] if key is None else key(items[nxt])
            heapreplace(heap, [_Reversed(k) if reverse else k, entry[1], nxt])
        else:
            heappop(heap)
    return iter(out)


class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        return other.value < self.value

    def __eq__(self, other):
        return self.value == other.value


def nsmallest(n, iterable, key=None):
    """The n smallest elements, as sorted(iterable, key=key)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key)[:n]


def nlargest(n, iterable, key=None):
    """The n largest elements, as sorted(iterable, key=key, reverse=True)[:n]."""
    if n <= 0:
        return []
    return sorted(iterable, key=key, reverse=True)[:n]
