# Go: a small Monte Carlo player on a 9x9 board. Each move is chosen by "flat" Monte Carlo: a
# handful of candidate moves are each tried with several random playouts to the end of the game
# (random legal moves that do not fill the player's own eyes, captures, a simple ko rule), scored
# by area, and the candidate that wins most often is played. Randomness comes from a linear
# congruential generator written here. Exercises lists of ints, flood fills with explicit stacks,
# short functions and many branches.

SIZE = 9
POINTS = SIZE * SIZE
EMPTY, BLACK, WHITE = 0, 1, 2
KOMI = 7


def build_neighbors():
    orth = []
    diag = []
    for p in range(POINTS):
        r, c = divmod(p, SIZE)
        orth.append([(r + dr) * SIZE + c + dc for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)) if 0 <= r + dr < SIZE and 0 <= c + dc < SIZE])
        diag.append([(r + dr) * SIZE + c + dc for dr, dc in ((-1, -1), (-1, 1), (1, -1), (1, 1)) if 0 <= r + dr < SIZE and 0 <= c + dc < SIZE])
    return orth, diag


ORTH, DIAG = build_neighbors()


class Random:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
        return (self.state >> 33) % n


class Board:
    def __init__(self):
        self.cells = [EMPTY] * POINTS
        self.ko = -1
        self.to_move = BLACK
        self.passes = 0
        self.moves = 0
        self.captured = [0, 0, 0]

    def copy(self):
        b = Board.__new__(Board)
        b.cells = self.cells[:]
        b.ko = self.ko
        b.to_move = self.to_move
        b.passes = self.passes
        b.moves = self.moves
        b.captured = self.captured[:]
        return b

    def group(self, start):
        # The stones connected to `start` and whether the group has a liberty.
        cells = self.cells
        color = cells[start]
        seen = {start}
        stack = [start]
        free = False
        while stack:
            p = stack.pop()
            for q in ORTH[p]:
                v = cells[q]
                if v == EMPTY:
                    free = True
                elif v == color and q not in seen:
                    seen.add(q)
                    stack.append(q)
        return seen, free

    def is_eye(self, p, color):
        cells = self.cells
        for q in ORTH[p]:
            if cells[q] != color:
                return False
        enemy = 0
        for q in DIAG[p]:
            if cells[q] != color and cells[q] != EMPTY:
                enemy += 1
        if len(DIAG[p]) < 4:
            return enemy == 0
        return enemy <= 1

    def play(self, p):
        # Place a stone for the side to move; return False (and leave the board unchanged) if the
        # move is illegal.
        if p < 0:
            self.passes += 1
            self.ko = -1
            self.to_move = 3 - self.to_move
            self.moves += 1
            return True
        cells = self.cells
        if cells[p] != EMPTY or p == self.ko:
            return False
        color = self.to_move
        enemy = 3 - color
        cells[p] = color
        removed = []
        for q in ORTH[p]:
            if cells[q] == enemy:
                stones, free = self.group(q)
                if not free:
                    for s in stones:
                        cells[s] = EMPTY
                        removed.append(s)
        stones, free = self.group(p)
        if not free:
            cells[p] = EMPTY  # suicide
            return False
        self.ko = removed[0] if len(removed) == 1 and len(stones) == 1 else -1
        self.captured[color] += len(removed)
        self.passes = 0
        self.to_move = enemy
        self.moves += 1
        return True

    def random_move(self, rng):
        color = self.to_move
        candidates = [p for p in range(POINTS) if self.cells[p] == EMPTY and not self.is_eye(p, color)]
        while candidates:
            k = rng.below(len(candidates))
            p = candidates[k]
            if self.play(p):
                return p
            candidates[k] = candidates[-1]
            candidates.pop()
        self.play(-1)
        return -1

    def score(self):
        # Area scoring: stones plus empty regions that touch only one color. Positive means black
        # is ahead.
        cells = self.cells
        black = cells.count(BLACK)
        white = cells.count(WHITE)
        seen = [False] * POINTS
        for p in range(POINTS):
            if cells[p] != EMPTY or seen[p]:
                continue
            region = 0
            borders = 0
            stack = [p]
            seen[p] = True
            while stack:
                q = stack.pop()
                region += 1
                for r in ORTH[q]:
                    v = cells[r]
                    if v == EMPTY:
                        if not seen[r]:
                            seen[r] = True
                            stack.append(r)
                    else:
                        borders |= v
            if borders == BLACK:
                black += region
            elif borders == WHITE:
                white += region
        return black - white - KOMI


def playout(board, rng):
    b = board.copy()
    while b.passes < 2 and b.moves < 250:
        b.random_move(rng)
    return b.score()


def choose(board, rng, candidates, playouts):
    color = board.to_move
    legal = [p for p in range(POINTS) if board.cells[p] == EMPTY and not board.is_eye(p, color)]
    best_move = -1
    best_wins = -1
    tried = 0
    while legal and tried < candidates:
        k = rng.below(len(legal))
        p = legal[k]
        legal[k] = legal[-1]
        legal.pop()
        trial = board.copy()
        if not trial.play(p):
            continue
        tried += 1
        wins = 0
        for _ in range(playouts):
            s = playout(trial, rng)
            if (s > 0) == (color == BLACK):
                wins += 1
        if wins > best_wins:
            best_wins = wins
            best_move = p
    return best_move, best_wins


def game(seed, moves, candidates, playouts):
    rng = Random(seed)
    board = Board()
    record = []
    for _ in range(moves):
        move, wins = choose(board, rng, candidates, playouts)
        board.play(move)
        record.append(move)
    return record, board.score(), board.captured[BLACK] + board.captured[WHITE]


record, score, captures = game(12345, 6, 8, 4)
print("checksum", record, score, captures)
