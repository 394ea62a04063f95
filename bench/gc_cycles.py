# Cyclic garbage: trees whose nodes point at their parents, and small graphs whose nodes point at
# each other, built and dropped many times, so that reference counting frees nothing and the
# cycle collector (run by allocation thresholds, as CPython runs it) reclaims everything.
# Exercises instance creation, list appends and the collector's generations. Besides the
# checksum it reports, as `metric` lines, how many collections ran and their pauses, timed
# through gc.callbacks (bench/run.mjs tabulates them beside CPython's).
import gc
import time

pauses = []
_started = [0.0]


def _time_collections(phase, info):
    if phase == "start":
        _started[0] = time.perf_counter()
    else:
        pauses.append(time.perf_counter() - _started[0])


class Node:
    def __init__(self, value, parent):
        self.value = value
        self.parent = parent
        self.children = []


def build_tree(depth, fanout, parent, counter):
    node = Node(counter[0], parent)
    counter[0] += 1
    if depth > 0:
        for _ in range(fanout):
            node.children.append(build_tree(depth - 1, fanout, node, counter))
    return node


def tree_sum(node):
    total = node.value
    for child in node.children:
        total += tree_sum(child)
    return total


def build_graph(n, seed):
    nodes = [[i] for i in range(n)]
    x = seed
    for node in nodes:
        for _ in range(3):
            x = (x * 1103515245 + 12345) % 2147483648
            node.append(nodes[x % n])
    return nodes


def main():
    checksum = 0
    for round in range(60):
        counter = [0]
        root = build_tree(5, 4, None, counter)
        checksum = (checksum + tree_sum(root) + counter[0]) % 1000000007
        del root
        graph = build_graph(500, round)
        checksum = (checksum + sum(len(n) for n in graph[:10])) % 1000000007
        del graph
    print("checksum", checksum)


gc.callbacks.append(_time_collections)
main()
gc.callbacks.remove(_time_collections)
print("metric gc_collections", len(pauses))
print("metric gc_max_pause_ms", round(max(pauses, default=0.0) * 1000, 3))
print("metric gc_total_pause_ms", round(sum(pauses) * 1000, 3))
