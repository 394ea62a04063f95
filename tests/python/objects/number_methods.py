# int and float methods.
for n in [0, 1, 255, -256, 2**100, True]:
    print(n, n.bit_length(), n.bit_count(), n.conjugate(), n.as_integer_ratio(), n.is_integer())
for x in [0.0, -0.0, 1.5, 0.1, -2.5, 1e300, 5e-324, 3.0]:
    print(x, x.is_integer(), x.as_integer_ratio(), x.hex(), float.fromhex(x.hex()) == x, x.conjugate())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"), float.fromhex("inf"), float.fromhex(" 0x.8 "))
print((5).real, (5).imag, (5).numerator, (5).denominator, (2.5).real, (2.5).imag)
for bad in ["0x1p1024", "nope"]:
    try:
        float.fromhex(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
for bad in [float("inf"), float("nan")]:
    try:
        bad.as_integer_ratio()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
