# math: results and error messages as CPython 3.13 gives them.
import math

print(math.pi, math.e, math.tau, math.inf, math.nan)
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([1, 2, 3]), math.fsum([1e308, -1e308, 1e308]))
print(sum([0.1] * 10), sum([1, 0.5, 2**60, 0.25]), sum([1e100, 1.0, -1e100]))
print(math.hypot(3, 4), math.hypot(1.1, 2.2, 3.3), math.hypot(), math.hypot(-5), math.hypot(1e200, 1e200))
print(math.dist((1, 2), (4, 6)), math.dist((0.1, 0.2, 0.3), (1.5, -2.5, 3.25)))
print(math.factorial(0), math.factorial(30), math.factorial(100))
print(math.comb(50, 20), math.comb(5, 7), math.perm(10, 3), math.perm(5), math.perm(4, 0))
print(math.isqrt(0), math.isqrt(99), math.isqrt(10**40 + 12345), math.isqrt(2**200))
print(math.gcd(), math.gcd(12, 18, 27), math.gcd(-4, 6), math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5))
print(math.log(1024, 2), math.log(10**400), math.log10(1000), math.log2(2**100), math.log(8, 2.0))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-3.9), math.floor(10**20), math.ceil(1e20))
print(math.frexp(10.0), math.frexp(0.0), math.ldexp(0.625, 4), math.modf(-3.25), math.modf(2.0))
print(math.sqrt(2), math.exp(1), math.sin(1), math.cos(2), math.tan(0.5), math.atan2(1, -1))
print(math.asin(0.5), math.acos(0.5), math.atan(2), math.sinh(1), math.cosh(1), math.tanh(0.5))
print(math.asinh(1), math.acosh(2), math.atanh(0.5), math.expm1(1e-10), math.log1p(1e-10))
print(math.pow(2, 0.5), math.pow(-8, 3), math.pow(0.0, 0), math.copysign(3, -0.0), math.fabs(-2))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 4]), math.prod([2, 3], start=10))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.ulp(1.0), math.ulp(1e300))
print(math.degrees(math.pi), math.radians(180), math.fmod(10, 3), math.fmod(-10, 3), math.remainder(10, 3))
print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), round(math.cbrt(27), 12), math.exp2(10))
print(math.gamma(5), math.gamma(0.5), math.lgamma(1), math.erf(0), math.erfc(0))
print(math.sumprod([1, 2, 3], [4, 5, 6]))

for bad in ("math.sqrt(-1)", "math.log(0)", "math.log(-1, 2)", "math.exp(1000)",
            "math.factorial(-1)", "math.factorial(2.5)", "math.comb(-1, 2)", "math.comb(3, -1)",
            "math.isqrt(-1)", "math.fsum([math.inf, -math.inf])", "math.fsum([1e308, 1e308])",
            "math.floor(math.nan)", "math.ceil(math.inf)", "math.sqrt('x')", "math.asin(2)",
            "math.pow(0, -1)", "math.fmod(1, 0)", "math.isclose(1, 2, rel_tol=-1)",
            "math.dist((1,), (1, 2))", "math.log(10, 1)", "math.gcd(2.5)", "math.gamma(0)"):
    try:
        print(bad, eval(bad))
    except Exception as e:
        print(bad, type(e).__name__, e)
