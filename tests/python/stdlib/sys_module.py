import sys
print(sys.flags.optimize, sys.flags.verbose, type(sys.flags).__name__, len(sys.flags) > 10)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.radix)
print(sys.float_info.min, sys.float_info.max_exp, sys.float_info.min_10_exp, sys.float_info.rounds)
print(sys.int_info.bits_per_digit, sys.int_info.sizeof_digit, sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.nan, sys.hash_info.imag, sys.hash_info.algorithm in ("siphash13", "siphash24", "fnv"))
print(sys.maxsize, sys.byteorder, sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 8))
print(sys.getrecursionlimit() > 100, type(sys.argv), type(sys.path), "sys" in sys.modules)
s = sys.intern("hello" + str(1))
print(s is sys.intern("hello1"))
print(type(sys.getrefcount(object())))
try:
    raise KeyError("k")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t, repr(v), type(tb).__name__, sys.exception() is v)
print(sys.exc_info(), sys.exception())
old = sys.getrecursionlimit()
sys.setrecursionlimit(500)
print(sys.getrecursionlimit())
sys.setrecursionlimit(old)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
print(sys.implementation.name != "", hasattr(sys.implementation, "version"), sys.implementation.cache_tag is None or True)
print(callable(sys.stdout.write), sys.stdout.write("x\n"))
print(sys.getdefaultencoding(), sys.getsizeof(1) > 0, sys.float_repr_style)
try:
    sys.exit(3)
except SystemExit as e:
    print("exit", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("exit", e.code)
