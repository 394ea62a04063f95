# Numeric edge cases: huge ints and the 4300-digit conversion limit, floor division and modulo
# signs, shifts and bitwise operations on negatives, negative zero, inf and nan, rounding halves,
# pow with a modulus, float.hex/fromhex, int.to_bytes/from_bytes, conversions and their errors.
import math

big = 3**500
print(big % 1000, big.bit_length(), len(str(big)), -big // 7 % 1000, (big >> 700), big.bit_count())
print(2**64, -(2**63), 2**64 - 1, (2**100) // (2**50), 10**30 // -7, 10**30 % -7, divmod(-10**20, 3))
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, divmod(-7, 2), divmod(7.5, -2), -7.5 // 2, -7.5 % 2)
print(-1 >> 1, -8 >> 2, 1 << 70, -5 & 3, -5 | 3, -5 ^ 3, ~-1, ~(2**70), (-(2**70)) >> 3)
try:
    int("1" * 4301)
except ValueError as e:
    print(str(e)[:60])
try:
    str(10**4300)
except ValueError as e:
    print(str(e)[:60])
print(len(str(10**4299)), int("9" * 4300) % 97)
print(-0.0, 0.0 == -0.0, math.copysign(1, -0.0), repr(-0.0 * 1), 1 / float("inf"), -1 / float("inf"))
inf, nan = float("inf"), float("nan")
print(inf, -inf, nan, inf - inf, inf * 0, nan == nan, nan != nan, inf > 1e308, [nan] == [nan])
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(0.125, 2), round(0.375, 2))
print(round(2.675, 2), round(1e16 + 1), round(5, -1), round(15, -1), round(25, -1), round(-25, -1))
print("%.2f %.1f %.0f %.3e" % (0.125, 0.25, 2.5, 12345.6789), f"{0.5:.0f} {1.5:.0f} {2.675:.2f}")
print(pow(3, 200, 1000), pow(2, -1, 7), pow(-3, 3, 5), pow(3, 3, -5), pow(7, 0, 1), pow(2, 10, 1))
for bad in [lambda: pow(2, -1, 4), lambda: pow(2, 3, 0), lambda: pow(2.0, 3, 5), lambda: pow(0, -1)]:
    try:
        print(bad())
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
print((1.0).hex(), (-0.1).hex(), (0.0).hex(), float.hex(1e-320), (2.5).hex(), float.fromhex("0x1.8p1"))
print(float.fromhex("-0x1p-1074"), float.fromhex("0x1.fffffffffffffp+1023"), float.fromhex("inf"))
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\xff\xfe", "big"), int.from_bytes(b"\xff\xfe", "little", signed=True))
for bad in [lambda: (256).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"), lambda: 1 / 0]:
    try:
        print(bad())
    except (OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
for bad in [lambda: 1 % 0, lambda: 1.0 // 0, lambda: int("12x"), lambda: int("z", 37), lambda: float("x")]:
    try:
        print(bad())
    except (ValueError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
for bad in [lambda: int(inf), lambda: int(nan), lambda: 2.0**10000, lambda: math.floor(nan)]:
    try:
        print(bad())
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(int("  -0x_ff ", 0) if False else int(" -0xff ", 16), int("0b101", 0), int("1_000"), int("٣"))
print(1e16, 1e-5, 1.5e300 * 1e10, 123456789012345678.0, 0.1 + 0.2, 1 / 3, 2**53 + 1.0, 5e-324)
print(float(2**1023) * 2, (10**400) // 10**399, 10**400 / 10**399, 7 / 2, -7 / 2, 2**-1)
print(hash(-1), hash(-2), hash(2**61), hash(2**61 - 1), hash(1.5), hash(-0.0), hash(1e300))
print(hash(inf), hash(-inf), hash((1, 2)), hash(()), hash(True), hash(complex(1, 2)))
print(sorted({3, 1, 2, -1, 2**40, 100}), {10, 20, 30, 1000, -5}, {"a"} | {"a"}, {(1, 2), (0, 0)})
print(int.__add__(2**70, 1), (2**70).__neg__(), abs(-(2**70)), (-(2**70)).__abs__(), bool(0.0))
print(math.isclose(0.1 * 3, 0.3), (0.1).as_integer_ratio(), (-2.5).is_integer(), (3.0).is_integer())
