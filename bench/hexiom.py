# Hexiom: a puzzle on a hexagonal board. Numbered tiles (0 to 6) must be placed on the cells so
# that every tile's number equals how many of its neighboring cells hold a tile; some cells may
# stay empty and some tiles are fixed in place from the start. Puzzles are made here from a
# seeded random layout (so at least one solution exists) and solved by backtracking over the
# cells from the center outward, pruning with the bounds each placed tile puts on its
# neighborhood. The program counts every solution. Exercises recursion, list indexing, small
# loops and integer comparisons.


class Random:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def make_board(side):
    cells = []
    r = side - 1
    for q in range(-r, r + 1):
        for s in range(-r, r + 1):
            if -r <= -q - s <= r:
                cells.append((q, s))
    index = {c: i for i, c in enumerate(cells)}
    neighbors = []
    for q, s in cells:
        around = []
        for dq, ds in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)):
            j = index.get((q + dq, s + ds))
            if j is not None:
                around.append(j)
        neighbors.append(around)
    # visit order: by distance from the center, then by index
    order = sorted(range(len(cells)), key=lambda i: (max(abs(cells[i][0]), abs(cells[i][1]), abs(cells[i][0] + cells[i][1])), i))
    return cells, neighbors, order


UNDECIDED = -2
HOLE = -1


class Puzzle:
    def __init__(self, neighbors, order, tiles, holes, fixed):
        self.neighbors = neighbors
        self.value = [UNDECIDED] * len(neighbors)
        self.left = [0] * 7  # tiles of each number still to place
        for t in tiles:
            self.left[t] += 1
        self.holes = holes
        for cell, v in fixed:
            self.value[cell] = v
            if v == HOLE:
                self.holes -= 1
            else:
                self.left[v] -= 1
        self.order = [i for i in order if self.value[i] == UNDECIDED]
        self.solutions = 0
        self.nodes = 0
        self.first = None

    def consistent(self, cell):
        value = self.value
        neighbors = self.neighbors
        for c in [cell] + neighbors[cell]:
            want = value[c]
            if want < 0:
                continue
            full = 0
            open_ = 0
            for n in neighbors[c]:
                v = value[n]
                if v >= 0:
                    full += 1
                elif v == UNDECIDED:
                    open_ += 1
            if full > want or full + open_ < want:
                return False
        return True

    def search(self, k):
        self.nodes += 1
        if k == len(self.order):
            self.solutions += 1
            if self.first is None:
                self.first = tuple(self.value)
            return
        cell = self.order[k]
        value = self.value
        if self.holes > 0:
            value[cell] = HOLE
            self.holes -= 1
            if self.consistent(cell):
                self.search(k + 1)
            self.holes += 1
        left = self.left
        for t in range(7):
            if left[t] == 0:
                continue
            value[cell] = t
            left[t] -= 1
            if self.consistent(cell):
                self.search(k + 1)
            left[t] += 1
        value[cell] = UNDECIDED


def generate(rng, side, tiles_wanted, fixed_count):
    cells, neighbors, order = make_board(side)
    n = len(cells)
    occupied = [False] * n
    placed = 0
    while placed < tiles_wanted:
        c = rng.below(n)
        if not occupied[c]:
            occupied[c] = True
            placed += 1
    numbers = [sum(1 for j in neighbors[i] if occupied[j]) if occupied[i] else HOLE for i in range(n)]
    tiles = [v for v in numbers if v >= 0]
    fixed = []
    while len(fixed) < fixed_count:
        c = rng.below(n)
        if all(c != f[0] for f in fixed):
            fixed.append((c, numbers[c]))
    return Puzzle(neighbors, order, tiles, n - tiles_wanted, fixed), numbers


def main():
    rng = Random(7)
    total_solutions = 0
    total_nodes = 0
    digest = 0
    for round_ in range(6):
        puzzle, answer = generate(rng, 3, 11 + round_ % 3, 2)
        puzzle.search(0)
        if puzzle.solutions == 0:
            raise AssertionError("a generated puzzle must have a solution")
        total_solutions += puzzle.solutions
        total_nodes += puzzle.nodes
        for v in puzzle.first:
            digest = (digest * 11 + v + 2) % 1000000007
    return total_solutions, total_nodes, digest


print("checksum", *main())
