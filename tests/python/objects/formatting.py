# format(), str.format and printf-style formatting.
values = [0, 7, -42, 1234567, 2**70, 3.14159, -0.5, 2.675, 1e-7, 1e22, float("inf"), float("nan"), "text"]
for v in values:
    print(repr(v), format(v, ""), format(v, ">12"), format(v, "^12"))
for spec in ["d", "+d", "08d", ",", "_", "x", "#x", "#X", "#o", "#b", "c", "n", "#010_b", "*^10,"]:
    print(spec, format(255, spec), format(-1234567, spec) if spec != "c" else "")
for spec in ["f", ".2f", ".0f", "e", ".3e", "E", "g", ".3g", "G", "%", ".1%", ",.2f", "+.1f", "010.3f", "z.1f", "#.0f", ".10"]:
    print(spec, format(1234.5678, spec), format(-0.000123, spec), format(0.125, spec))
print(format(0.125, ".2f"), format(2.675, ".2f"), format(1.005, ".2f"), format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"))
print(format(True, ""), format(True, "d"), format(None, ""), format([1, 2], ""), format("abc", ".2"), format("abc", "*<6"))
print("{} + {} = {}".format(1, 2, 3), "{1}{0}{1}".format("a", "b"), "{name}: {age}".format(name="Ann", age=7))
print("{0!r} {0!s} {0!a}".format("é"), "{:>8}|{:<8}|{:^8}".format("r", "l", "c"), "{:{}.{}f}".format(3.14159, 10, 3))
print("{0[0]} {0[1]} {1[key]} {2.real}".format([10, 20], {"key": "v"}, 5), "{{literal}} {}".format("x"))
point = {"x": 1.5, "y": -2}
print("({x:.2f}, {y:+d})".format(**point), "{x} and {y}".format_map(point))
print("%s is %d years and %.1f%% done" % ("Ann", 7, 42.25))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42), "%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%e|%E|%g|%G|%.3g" % (12345.678, 0.000123, 1e-5, 1e20, 3.14159), "%10.3f|%-10.2f|" % (3.14159, 2.5))
print("%c%c%c" % (72, "i", 0x1F600), "%r %a" % ("é", "é"), "%(a)s-%(b)s" % {"a": 1, "b": 2}, "%*d|%.*f" % (6, 42, 2, 3.14159))
print("%s" % [1, 2], "%s" % ((1, 2),), "%.2s" % "abc", "100%%" % ())
for bad in ["{", "}", "{0!x}", "{:d}", "{1}"]:
    try:
        bad.format("s")
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
for fmt, args in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%q", 1), ("%(k)s", {})]:
    try:
        fmt % args
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
for v, spec in [(1, ".2d"), ("s", "+"), (1.5, "d"), (1, "abc"), (-1, "c")]:
    try:
        format(v, spec)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
