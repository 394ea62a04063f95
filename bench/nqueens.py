# N-queens: count the placements of n non-attacking queens on an n x n board by depth-first search
# with sets of occupied columns and diagonals, and record the first solution found in
# lexicographic order. Exercises recursion, set membership and tuple building.


def solve(n):
    solutions = []
    columns = set()
    rising = set()
    falling = set()
    placed = []

    def place(row):
        if row == n:
            solutions.append(tuple(placed))
            return
        for col in range(n):
            if col in columns or (row + col) in rising or (row - col) in falling:
                continue
            columns.add(col)
            rising.add(row + col)
            falling.add(row - col)
            placed.append(col)
            place(row + 1)
            placed.pop()
            columns.remove(col)
            rising.remove(row + col)
            falling.remove(row - col)

    place(0)
    return solutions


def permutation_solutions(n):
    # The same count a second way: generate permutations of the columns recursively and keep those
    # whose diagonals are all distinct.
    count = 0

    def perms(prefix, rest):
        nonlocal count
        if not rest:
            if len({r + c for r, c in enumerate(prefix)}) == n and len({r - c for r, c in enumerate(prefix)}) == n:
                count += 1
            return
        for k in range(len(rest)):
            perms(prefix + [rest[k]], rest[:k] + rest[k + 1 :])

    perms([], list(range(n)))
    return count


total = 0
first = None
for repeat in range(6):
    for n in range(4, 11):
        sols = solve(n)
        total += len(sols)
        if n == 8:
            first = sols[0]
print("checksum", total, first, permutation_solutions(8))
