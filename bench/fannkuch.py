# Fannkuch: for every permutation of 1..n, count how many prefix reversals it takes until the
# first element is 1 ("pancake flips"); report the maximum and an alternating-sign checksum.
# Permutations are generated in the order of rotating prefixes with a counter array.


def fannkuch(n):
    perm = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    index = 0
    r = n
    while True:
        while r > 1:
            count[r - 1] = r
            r -= 1
        # count the flips on a copy
        p = perm[:]
        flips = 0
        first = p[0]
        while first != 0:
            p[: first + 1] = p[first::-1]
            flips += 1
            first = p[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if index % 2 == 0 else -flips
        index += 1
        # next permutation: rotate prefixes
        while True:
            if r == n:
                return max_flips, checksum, index
            perm[: r + 1] = perm[1 : r + 1] + perm[:1]
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


print("checksum", *fannkuch(9))
