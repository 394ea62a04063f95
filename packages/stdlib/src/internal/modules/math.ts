// The math module: CPython 3.13's functions, results and error messages. fsum is Shewchuk's
// exact summation as CPython does it; hypot and dist use CPython's scaled, corrected norm; the
// integer functions (factorial, comb, perm, isqrt, gcd, lcm) work on big ints.
import {
  collect,
  floatValue,
  intFromBigInt,
  intToBigInt,
  isFloat,
  isInt,
  NB,
  type ObjectSpace,
  parseArgs,
  type VectorCall,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

/** PyFloat_AsDouble: a float, an int, or an object with __float__ / __index__; null on error. */
export function asDouble(s: ObjectSpace, v: StackRef): number | null {
  if (isFloat(s, v)) return floatValue(s, v);
  if (isInt(s, v)) {
    if ((v & 3) === 3) return v >> 2;
    const n = Number(intToBigInt(s, v));
    if (!Number.isFinite(n)) {
      s.raise(s.b.OverflowError, "int too large to convert to float");
      return null;
    }
    return n;
  }
  const t = s.typeOf(v);
  if (t.heap) {
    for (const name of ["__float__", "__index__"]) {
      const f = s.getAttr(v, s.intern(name));
      if (f === ERROR) {
        s.refs.close(s.fetchException());
        continue;
      }
      const r = s.call(f, []);
      s.refs.close(f);
      if (r === ERROR) return null;
      const d = asDouble(s, r);
      s.refs.close(r);
      return d;
    }
  }
  s.raise(s.b.TypeError, `must be real number, not ${t.name}`);
  return null;
}

/** An int argument (PyNumber_Index); null with TypeError. */
function asBigInt(s: ObjectSpace, v: StackRef): bigint | null {
  if (isInt(s, v)) return intToBigInt(s, v);
  s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
  return null;
}

function domainError(s: ObjectSpace): StackRef {
  return s.raise(s.b.ValueError, "math domain error");
}

function rangeError(s: ObjectSpace): StackRef {
  return s.raise(s.b.OverflowError, "math range error");
}

/** CPython's math_1: errors from a libm-style function's inputs and result. */
function math1(s: ObjectSpace, x: number, r: number, canOverflow: boolean): StackRef {
  if (Number.isNaN(r) && !Number.isNaN(x)) return domainError(s);
  if (!Number.isFinite(r) && Number.isFinite(x)) {
    return canOverflow ? rangeError(s) : domainError(s);
  }
  return s.newFloat(r);
}

function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  return n === 0n ? 0 : n.toString(2).length;
}

export function isqrtBig(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's method from an overestimate.
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function productRange(lo: bigint, hi: bigint): bigint {
  // The product lo * (lo+1) * ... * hi by binary splitting.
  if (lo > hi) return 1n;
  if (hi - lo < 8n) {
    let p = lo;
    for (let i = lo + 1n; i <= hi; i++) p *= i;
    return p;
  }
  const mid = (lo + hi) >> 1n;
  return productRange(lo, mid) * productRange(mid + 1n, hi);
}

/** Two-product: x*y as hi + lo exactly (Dekker's split). */
function twoProduct(x: number, y: number): [number, number] {
  const p = x * y;
  const split = 134217729; // 2**27 + 1
  const xs = x * split;
  const xh = xs - (xs - x);
  const xl = x - xh;
  const ys = y * split;
  const yh = ys - (ys - y);
  const yl = y - yh;
  const err = xh * yh - p + xh * yl + xl * yh + xl * yl;
  return [p, err];
}

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = Math.max(-1023, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

function ldexp(m: number, e: number): number {
  if (e > 1023) {
    m *= 2 ** 1023;
    e -= 1023;
    if (e > 1023) {
      m *= 2 ** 1023;
      e -= 1023;
      if (e > 1023) e = 1023;
    }
  } else if (e < -1022) {
    m *= 2 ** -1022;
    e += 1022;
    if (e < -1022) {
      m *= 2 ** -1022;
      e += 1022;
      if (e < -1022) e = -1022;
    }
  }
  return m * 2 ** e;
}

/** CPython's vector_norm: the Euclidean norm, scaled and corrected to be nearly exact. */
function vectorNorm(vec: number[], max: number, foundNan: boolean): number {
  if (max === Number.POSITIVE_INFINITY) return max;
  if (foundNan) return Number.NaN;
  if (max === 0 || vec.length <= 1) return max;
  const maxE = frexp(max)[1];
  if (maxE < -1023) {
    const DBL_MIN = 2.2250738585072014e-308;
    return (
      DBL_MIN *
      vectorNorm(
        vec.map((x) => x / DBL_MIN),
        max / DBL_MIN,
        foundNan,
      )
    );
  }
  const scale = ldexp(1, -maxE);
  let csum = 1;
  let frac1 = 0;
  let frac2 = 0;
  for (let x of vec) {
    x *= scale;
    const [hi, lo] = twoProduct(x, x);
    const sum = csum + hi;
    frac2 += csum - sum + hi;
    csum = sum;
    frac1 += lo;
  }
  let h = Math.sqrt(csum - 1 + (frac1 + frac2));
  const [phi, plo] = twoProduct(-h, h);
  const sum = csum + phi;
  frac2 += csum - sum + phi;
  csum = sum;
  frac1 += plo;
  const x = csum - 1 + (frac1 + frac2);
  h += x / (2 * h);
  return h / scale;
}

/** CPython's m_log family on ints: exact for huge values through the bit length. */
function logOf(s: ObjectSpace, v: StackRef, f: (x: number) => number): number | null {
  if (isInt(s, v)) {
    const n = intToBigInt(s, v);
    if (n <= 0n) {
      domainError(s);
      return null;
    }
    const d = Number(n);
    if (Number.isFinite(d)) return f(d);
    const e = bitLength(n) - 60;
    const top = Number(n >> BigInt(e));
    return f(top) + e * f(2);
  }
  const x = asDouble(s, v);
  if (x === null) return null;
  if (Number.isNaN(x)) return x;
  if (x <= 0) {
    domainError(s);
    return null;
  }
  return f(x);
}

function cPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return x ** y;
}

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y % 2) === 1;
}

/** IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even). */
function ieeeRemainder(x: number, y: number): number {
  const absx = Math.abs(x);
  const absy = Math.abs(y);
  const m = absx % absy;
  const c = absy - m;
  let r: number;
  if (m < c) r = m;
  else if (m > c) r = -c;
  else {
    // Half-way: choose the even multiple.
    r = m - 2 * ((0.5 * (absx - m)) % absy);
  }
  return x < 0 ? -r : r;
}

function nextAfter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  let bits = buf.getBigUint64(0);
  if (y > x === x > 0) bits += 1n;
  else bits -= 1n;
  buf.setBigUint64(0, bits);
  return buf.getFloat64(0);
}

// Lanczos approximation (g = 6.024680040776729583740234375, 13 terms), as CPython's m_tgamma.
const LANCZOS_G = 6.02468004077673;
const LANCZOS_G_MINUS_HALF = 5.52468004077673;
const LANCZOS_NUM = [
  23531376880.41076, 42919803642.6491, 35711959237.35567, 17921034426.03721, 6039542586.352028,
  1439720407.3117216, 248874557.86205417, 31426415.585400194, 2876370.6289353725,
  186056.26539522348, 8071.672002365816, 210.82427775157936, 2.5066282746310002,
];
const LANCZOS_DEN = [
  0, 39916800, 120543840, 150917976, 105258076, 45995730, 13339535, 2637558, 357423, 32670, 1925,
  66, 1,
];

function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 5) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + LANCZOS_NUM[i]!;
      den = den * x + LANCZOS_DEN[i]!;
    }
  } else {
    for (let i = 0; i < 13; i++) {
      num = num / x + LANCZOS_NUM[i]!;
      den = den / x + LANCZOS_DEN[i]!;
    }
  }
  return num / den;
}

const GAMMA_INTEGRAL = [
  1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800,
  87178291200, 1307674368000, 20922789888000, 355687428096000, 6402373705728000, 121645100408832000,
  2432902008176640000, 51090942171709440000, 1.1240007277776077e21,
];

function sinpi(x: number): number {
  const y = Math.abs(x) % 2;
  const n = Math.round(2 * y);
  let r: number;
  switch (n) {
    case 0:
      r = Math.sin(Math.PI * y);
      break;
    case 1:
      r = Math.cos(Math.PI * (y - 0.5));
      break;
    case 2:
      r = Math.sin(Math.PI * (1 - y));
      break;
    case 3:
      r = -Math.cos(Math.PI * (y - 1.5));
      break;
    default:
      r = Math.sin(Math.PI * (y - 2));
  }
  return (x > 0 ? 1 : -1) * r;
}

/** m_tgamma: null for a domain error, Infinity for overflow. */
function tgamma(x: number): number | null {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    return null;
  }
  if (x === 0) return null;
  if (x === Math.floor(x)) {
    if (x < 0) return null;
    if (x <= GAMMA_INTEGRAL.length) return GAMMA_INTEGRAL[x - 1]!;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return 1 / x;
  if (absx > 200) {
    if (x < 0) return 0 / sinpi(x);
    return Number.POSITIVE_INFINITY;
  }
  const y = absx + LANCZOS_G_MINUS_HALF;
  let q: number;
  if (absx > LANCZOS_G_MINUS_HALF) {
    q = y - absx;
    q -= LANCZOS_G_MINUS_HALF;
  } else {
    q = y - LANCZOS_G_MINUS_HALF;
    q -= absx;
  }
  const z = (q * LANCZOS_G) / y;
  let r: number;
  if (x < 0) {
    r = ((-Math.PI / sinpi(absx) / absx) * Math.exp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140) r /= y ** (absx - 0.5);
    else {
      const sqrtpow = y ** (absx / 2 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / Math.exp(y);
    r += z * r;
    if (absx < 140) r *= y ** (absx - 0.5);
    else {
      const sqrtpow = y ** (absx / 2 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  return r;
}

/** m_lgamma: null for a domain error. */
function lgamma(x: number): number | null {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Number.POSITIVE_INFINITY;
  if (x === Math.floor(x) && x <= 2) {
    if (x <= 0) return null;
    return 0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -Math.log(absx);
  let r = Math.log(lanczosSum(absx)) - LANCZOS_G;
  r += (absx - 0.5) * (Math.log(absx + LANCZOS_G - 0.5) - 1);
  if (x < 0) r = Math.log(Math.PI) - Math.log(Math.abs(sinpi(absx))) - Math.log(absx) - r;
  return r;
}

function erf(x: number): number {
  // Abramowitz-Stegun style series / continued fraction, as CPython's old m_erf.
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) {
    // Series: erf(x) = 2x/sqrt(pi) * exp(-x^2) * sum 2^k x^2k / (1*3*...*(2k+1))
    let acc = 0;
    let fk = 25 + 0.5;
    const x2 = x * x;
    for (let i = 0; i < 25; i++) {
      acc = 2 + (x2 * acc) / fk;
      fk -= 1;
    }
    return (acc * x * Math.exp(-x2)) / Math.sqrt(Math.PI);
  }
  const cf = erfcContfrac(absx);
  return x > 0 ? 1 - cf : cf - 1;
}

function erfcContfrac(x: number): number {
  if (x >= 30) return 0;
  const x2 = x * x;
  let a = 0;
  let da = 0.5;
  let p = 1;
  let pLast = 0;
  let q = da + x2;
  let qLast = 1;
  for (let i = 0; i < 50; i++) {
    a += da;
    da += 2;
    const b = da + x2;
    let temp = p;
    p = b * p - a * pLast;
    pLast = temp;
    temp = q;
    q = b * q - a * qLast;
    qLast = temp;
  }
  return ((p / q) * x * Math.exp(-x2)) / Math.sqrt(Math.PI);
}

function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  const absx = Math.abs(x);
  if (absx < 1.5) return 1 - erf(x);
  const cf = erfcContfrac(absx);
  return x > 0 ? cf : 2 - cf;
}

export function initMath(_rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const i32 = s.i32;
  m.float("pi", Math.PI);
  m.float("e", Math.E);
  m.float("tau", 2 * Math.PI);
  m.float("inf", Number.POSITIVE_INFINITY);
  m.float("nan", Number.NaN);

  const check1 = (name: string, nargs: number, kwnames: StackRef): boolean => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      s.raise(s.b.TypeError, `math.${name}() takes no keyword arguments`);
      return false;
    }
    if (nargs !== 1) {
      s.raise(s.b.TypeError, `math.${name}() takes exactly one argument (${nargs} given)`);
      return false;
    }
    return true;
  };
  const check2 = (name: string, nargs: number, kwnames: StackRef): boolean => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      s.raise(s.b.TypeError, `${name}() takes no keyword arguments`);
      return false;
    }
    if (nargs !== 2) {
      s.raise(s.b.TypeError, `${name} expected 2 arguments, got ${nargs}`);
      return false;
    }
    return true;
  };
  /** A one-argument float function with CPython's math_1 error rules. */
  const unary = (
    name: string,
    f: (x: number) => number,
    canOverflow = false,
    domain?: (x: number) => boolean,
  ): void => {
    m.fn(name, (_self, args, nargs, kwnames) => {
      if (!check1(name, nargs, kwnames)) return ERROR;
      const x = asDouble(s, i32[args]!);
      if (x === null) return ERROR;
      if (domain?.(x)) return domainError(s);
      return math1(s, x, f(x), canOverflow);
    });
  };
  unary("sqrt", Math.sqrt, false, (x) => x < 0);
  unary("exp", Math.exp, true);
  unary("exp2", (x) => 2 ** x, true);
  unary("expm1", Math.expm1, true);
  unary("sin", Math.sin, false, (x) => !Number.isFinite(x) && !Number.isNaN(x));
  unary("cos", Math.cos, false, (x) => !Number.isFinite(x) && !Number.isNaN(x));
  unary("tan", Math.tan, false, (x) => !Number.isFinite(x) && !Number.isNaN(x));
  unary("asin", Math.asin, false, (x) => Math.abs(x) > 1);
  unary("acos", Math.acos, false, (x) => Math.abs(x) > 1);
  unary("atan", Math.atan);
  unary("sinh", Math.sinh, true);
  unary("cosh", Math.cosh, true);
  unary("tanh", Math.tanh);
  unary("asinh", Math.asinh);
  unary("acosh", Math.acosh, false, (x) => x < 1);
  unary("atanh", Math.atanh, false, (x) => Math.abs(x) >= 1);
  unary("cbrt", Math.cbrt);
  unary("fabs", Math.abs);
  unary("erf", erf);
  unary("erfc", erfc);
  unary("log1p", Math.log1p, false, (x) => x <= -1);
  unary("degrees", (x) => x * (180 / Math.PI), true);
  unary("radians", (x) => x * (Math.PI / 180));
  m.fn("gamma", (_self, args, nargs, kwnames) => {
    if (!check1("gamma", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const r = tgamma(x);
    if (r === null) return domainError(s);
    if (!Number.isFinite(r) && Number.isFinite(x)) return rangeError(s);
    return s.newFloat(r);
  });
  m.fn("lgamma", (_self, args, nargs, kwnames) => {
    if (!check1("lgamma", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const r = lgamma(x);
    if (r === null) return domainError(s);
    if (!Number.isFinite(r) && Number.isFinite(x)) return rangeError(s);
    return s.newFloat(r);
  });

  const logFn = (name: string, f: (x: number) => number) =>
    m.fn(name, (_self, args, nargs, kwnames) => {
      if (!check1(name, nargs, kwnames)) return ERROR;
      const r = logOf(s, i32[args]!, f);
      return r === null ? ERROR : s.newFloat(r);
    });
  logFn("log2", Math.log2);
  logFn("log10", Math.log10);
  m.fn("log", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      return s.raise(s.b.TypeError, "log() takes no keyword arguments");
    }
    if (nargs < 1 || nargs > 2) {
      return s.raise(
        s.b.TypeError,
        nargs < 1
          ? `log expected at least 1 argument, got ${nargs}`
          : `log expected at most 2 arguments, got ${nargs}`,
      );
    }
    const num = logOf(s, i32[args]!, Math.log);
    if (num === null) return ERROR;
    if (nargs === 1) return s.newFloat(num);
    const den = logOf(s, i32[args + 1]!, Math.log);
    if (den === null) return ERROR;
    if (den === 0) return s.raise(s.b.ZeroDivisionError, "float division by zero");
    return s.newFloat(num / den);
  });

  const rounding = (name: string, f: (x: number) => number, dunder: string): void =>
    m.fn(name, (_self, args, nargs, kwnames) => {
      if (!check1(name, nargs, kwnames)) return ERROR;
      const v = i32[args]!;
      if (isInt(s, v)) return s.refs.asOwned(s.typeOf(v) === s.b.bool ? (v === s.True ? 7 : 3) : v);
      if (!isFloat(s, v)) {
        const t = s.typeOf(v);
        if (t.heap) {
          const meth = s.getAttr(v, s.intern(dunder));
          if (meth !== ERROR) {
            const r = s.call(meth, []);
            s.refs.close(meth);
            return r;
          }
          s.refs.close(s.fetchException());
        }
        if (name === "trunc") {
          return s.raise(s.b.TypeError, `type ${t.name} doesn't define __trunc__ method`);
        }
      }
      const x = asDouble(s, v);
      if (x === null) return ERROR;
      if (Number.isNaN(x)) return s.raise(s.b.ValueError, "cannot convert float NaN to integer");
      if (!Number.isFinite(x)) {
        return s.raise(s.b.OverflowError, "cannot convert float infinity to integer");
      }
      const r = f(x);
      return Number.isSafeInteger(r) ? s.newInt(r) : intFromBigInt(s, BigInt(r));
    });
  rounding("floor", Math.floor, "__floor__");
  rounding("ceil", Math.ceil, "__ceil__");
  rounding("trunc", Math.trunc, "__trunc__");

  const binaryFloat = (name: string, f: (x: number, y: number) => number | StackRef | null): void =>
    m.fn(name, (_self, args, nargs, kwnames) => {
      if (!check2(name, nargs, kwnames)) return ERROR;
      const x = asDouble(s, i32[args]!);
      if (x === null) return ERROR;
      const y = asDouble(s, i32[args + 1]!);
      if (y === null) return ERROR;
      const r = f(x, y);
      if (r === null) return ERROR;
      return s.newFloat(r);
    });
  binaryFloat("atan2", Math.atan2);
  binaryFloat("copysign", (x, y) => {
    const neg = y < 0 || Object.is(y, -0) || (Number.isNaN(y) && new Float64Array([y])[0]! < 0);
    return neg ? -Math.abs(x) : Math.abs(x);
  });
  m.fn("fmod", (_self, args, nargs, kwnames) => {
    if (!check2("fmod", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const y = asDouble(s, i32[args + 1]!);
    if (y === null) return ERROR;
    if (Number.isNaN(x) || Number.isNaN(y)) return s.newFloat(Number.NaN);
    if (!Number.isFinite(y) && Number.isFinite(x)) return s.newFloat(x);
    if (!Number.isFinite(x) || y === 0) return domainError(s);
    return s.newFloat(x % y);
  });
  m.fn("remainder", (_self, args, nargs, kwnames) => {
    if (!check2("remainder", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const y = asDouble(s, i32[args + 1]!);
    if (y === null) return ERROR;
    if (Number.isNaN(x) || Number.isNaN(y)) return s.newFloat(Number.NaN);
    if (!Number.isFinite(x) || y === 0) return domainError(s);
    if (!Number.isFinite(y)) return s.newFloat(x);
    return s.newFloat(ieeeRemainder(x, y));
  });
  m.fn("pow", (_self, args, nargs, kwnames) => {
    if (!check2("pow", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const y = asDouble(s, i32[args + 1]!);
    if (y === null) return ERROR;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (Number.isNaN(x)) return s.newFloat(y === 0 ? 1 : x);
      if (Number.isNaN(y)) return s.newFloat(x === 1 ? 1 : y);
      if (!Number.isFinite(x)) {
        const oddY = isOddInteger(y);
        if (y > 0) return s.newFloat(oddY ? x : Math.abs(x));
        if (y === 0) return s.newFloat(1);
        return s.newFloat(oddY ? (x > 0 ? 0 : -0) : 0);
      }
      if (Math.abs(x) === 1) return s.newFloat(1);
      if (y > 0 === Math.abs(x) > 1) return s.newFloat(y);
      return s.newFloat(0);
    }
    if (x === 0) {
      if (y < 0) return domainError(s);
      return s.newFloat(y === 0 ? 1 : isOddInteger(y) ? x : 0);
    }
    if (x < 0 && !Number.isInteger(y)) return domainError(s);
    const r = cPow(x, y);
    if (!Number.isFinite(r)) return rangeError(s);
    return s.newFloat(r);
  });

  m.fn("isfinite", (_self, args, nargs, kwnames) => {
    if (!check1("isfinite", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    return x === null ? ERROR : s.bool(Number.isFinite(x));
  });
  m.fn("isinf", (_self, args, nargs, kwnames) => {
    if (!check1("isinf", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    return x === null ? ERROR : s.bool(x === Infinity || x === -Infinity);
  });
  m.fn("isnan", (_self, args, nargs, kwnames) => {
    if (!check1("isnan", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    return x === null ? ERROR : s.bool(Number.isNaN(x));
  });
  m.fn("isclose", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "isclose",
      { names: ["a", "b", "*rel_tol", "*abs_tol"], required: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const x = asDouble(s, a[0]!);
    if (x === null) return ERROR;
    const y = asDouble(s, a[1]!);
    if (y === null) return ERROR;
    const rel = a[2] === NULL ? 1e-9 : asDouble(s, a[2]!);
    if (rel === null) return ERROR;
    const abs = a[3] === NULL ? 0 : asDouble(s, a[3]!);
    if (abs === null) return ERROR;
    if (rel < 0 || abs < 0) return s.raise(s.b.ValueError, "tolerances must be non-negative");
    if (x === y) return s.True;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return s.False;
    const diff = Math.abs(y - x);
    return s.bool(diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs);
  });
  m.fn("frexp", (_self, args, nargs, kwnames) => {
    if (!check1("frexp", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const [mant, e] = frexp(x);
    return s.newTuple([s.newFloat(mant), s.newInt(e)]);
  });
  m.fn("ldexp", (_self, args, nargs, kwnames) => {
    if (!check2("ldexp", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    const ev = i32[args + 1]!;
    if (!isInt(s, ev))
      return s.raise(s.b.TypeError, "Expected an int as second argument to ldexp.");
    const e = intToBigInt(s, ev);
    if (x === 0 || !Number.isFinite(x)) return s.newFloat(x);
    const r = e > 100000n ? x * Infinity : e < -100000n ? x * 0 : ldexp(x, Number(e));
    if (!Number.isFinite(r)) return rangeError(s);
    return s.newFloat(r);
  });
  m.fn("modf", (_self, args, nargs, kwnames) => {
    if (!check1("modf", nargs, kwnames)) return ERROR;
    const x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    if (!Number.isFinite(x)) {
      if (Number.isNaN(x)) return s.newTuple([s.newFloat(x), s.newFloat(x)]);
      return s.newTuple([s.newFloat(x > 0 ? 0 : -0), s.newFloat(x)]);
    }
    const ip = Math.trunc(x);
    const fp = x - ip;
    return s.newTuple([
      s.newFloat(fp === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : fp),
      s.newFloat(ip),
    ]);
  });
  m.fn("nextafter", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "nextafter",
      { names: ["x", "y", "*steps"], required: 2, positionalOnly: 2 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    let x = asDouble(s, a[0]!);
    if (x === null) return ERROR;
    const y = asDouble(s, a[1]!);
    if (y === null) return ERROR;
    let steps = 1n;
    if (a[2] !== NULL && a[2] !== s.None) {
      const n = asBigInt(s, a[2]!);
      if (n === null) return ERROR;
      if (n < 0n) return s.raise(s.b.ValueError, "steps must be a non-negative integer");
      steps = n;
    }
    for (let i = 0n; i < steps && x !== y && !Number.isNaN(x); i++) x = nextAfter(x, y);
    if (steps === 0n) return s.newFloat(x);
    return s.newFloat(Number.isNaN(y) ? y : x);
  });
  m.fn("ulp", (_self, args, nargs, kwnames) => {
    if (!check1("ulp", nargs, kwnames)) return ERROR;
    let x = asDouble(s, i32[args]!);
    if (x === null) return ERROR;
    if (Number.isNaN(x)) return s.newFloat(x);
    x = Math.abs(x);
    if (!Number.isFinite(x)) return s.newFloat(x);
    const x2 = nextAfter(x, Infinity);
    if (!Number.isFinite(x2)) return s.newFloat(x - nextAfter(x, -Infinity));
    return s.newFloat(x2 - x);
  });

  m.fn("fsum", (_self, args, nargs, kwnames) => {
    if (!check1("fsum", nargs, kwnames)) return ERROR;
    const it = s.getIter(i32[args]!);
    if (it === ERROR) return ERROR;
    const p: number[] = [];
    let specialSum = 0;
    let infSum = 0;
    for (;;) {
      const item = s.iterNext(it);
      if (item === NULL) break;
      if (item === ERROR) {
        s.refs.close(it);
        return ERROR;
      }
      const xd = asDouble(s, item);
      s.refs.close(item);
      if (xd === null) {
        s.refs.close(it);
        return ERROR;
      }
      let x: number = xd;
      const xsave = x;
      let i = 0;
      for (let j = 0; j < p.length; j++) {
        let y = p[j]!;
        if (Math.abs(x) < Math.abs(y)) {
          const t = x;
          x = y;
          y = t;
        }
        const hi = x + y;
        const lo = y - (hi - x);
        if (lo !== 0) p[i++] = lo;
        x = hi;
      }
      p.length = i;
      if (x !== 0) {
        if (!Number.isFinite(x)) {
          if (Number.isFinite(xsave)) {
            s.refs.close(it);
            return s.raise(s.b.OverflowError, "intermediate overflow in fsum");
          }
          if (xsave === Infinity || xsave === -Infinity) infSum += xsave;
          specialSum += xsave;
          p.length = 0;
        } else p.push(x);
      }
    }
    s.refs.close(it);
    if (specialSum !== 0) {
      if (Number.isNaN(infSum)) return s.raise(s.b.ValueError, "-inf + inf in fsum");
      return s.newFloat(specialSum);
    }
    let hi = 0;
    let n = p.length;
    if (n > 0) {
      let lo = 0;
      hi = p[--n]!;
      while (n > 0) {
        const x = hi;
        const y = p[--n]!;
        hi = x + y;
        const yr = hi - x;
        lo = y - yr;
        if (lo !== 0) break;
      }
      if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
        const y = lo * 2;
        const x = hi + y;
        const yr = x - hi;
        if (y === yr) hi = x;
      }
    }
    return s.newFloat(hi);
  });

  const normOf = (name: string, coords: StackRef[]): StackRef => {
    const vec: number[] = [];
    let max = 0;
    let foundNan = false;
    for (const c of coords) {
      const x = asDouble(s, c);
      if (x === null) return ERROR;
      const ax = Math.abs(x);
      vec.push(ax);
      foundNan ||= Number.isNaN(ax);
      if (ax > max) max = ax;
    }
    void name;
    return s.newFloat(vectorNorm(vec, max, foundNan));
  };
  m.fn("hypot", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      return s.raise(s.b.TypeError, "hypot() takes no keyword arguments");
    }
    const coords: StackRef[] = [];
    for (let i = 0; i < nargs; i++) coords.push(i32[args + i]!);
    return normOf("hypot", coords);
  });
  m.fn("dist", (_self, args, nargs, kwnames) => {
    if (!check2("dist", nargs, kwnames)) return ERROR;
    const seqs: StackRef[][] = [];
    for (const v of [i32[args]!, i32[args + 1]!]) {
      const t = s.typeOf(v);
      if (t !== s.b.tuple && t !== s.b.list && !t.isSubtypeOf(s.b.tuple)) {
        for (const q of seqs) for (const r of q) s.refs.close(r);
        return s.raise(
          s.b.TypeError,
          `dist() argument ${seqs.length + 1} must be tuple, not ${t.name}`,
        );
      }
      const items = collect(s, v);
      if (items === null) return ERROR;
      seqs.push(items);
    }
    const [p, q] = seqs as [StackRef[], StackRef[]];
    const close = () => {
      for (const r of p) s.refs.close(r);
      for (const r of q) s.refs.close(r);
    };
    if (p.length !== q.length) {
      close();
      return s.raise(s.b.ValueError, "both points must have the same number of dimensions");
    }
    const diffs: StackRef[] = [];
    for (let i = 0; i < p.length; i++) {
      const a = asDouble(s, p[i]!);
      const b = a === null ? null : asDouble(s, q[i]!);
      if (a === null || b === null) {
        for (const d of diffs) s.refs.close(d);
        close();
        return ERROR;
      }
      diffs.push(s.newFloat(Math.abs(a - b)));
    }
    close();
    const r = normOf("dist", diffs);
    for (const d of diffs) s.refs.close(d);
    return r;
  });

  m.fn("prod", (_self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "prod",
      { names: ["iterable", "*start"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const it = s.getIter(a[0]!);
    if (it === ERROR) return ERROR;
    let acc = a[1] === NULL ? s.newInt(1) : s.refs.asOwned(a[1]!);
    for (;;) {
      const v = s.iterNext(it);
      if (v === NULL) break;
      if (v === ERROR) {
        s.refs.close(acc);
        s.refs.close(it);
        return ERROR;
      }
      const r = s.binaryOp(acc, v, NB.MULTIPLY);
      s.refs.close(v);
      s.refs.close(acc);
      if (r === ERROR) {
        s.refs.close(it);
        return ERROR;
      }
      acc = r;
    }
    s.refs.close(it);
    return acc;
  });
  m.fn("sumprod", (_self, args, nargs, kwnames) => {
    if (!check2("sumprod", nargs, kwnames)) return ERROR;
    const p = collect(s, i32[args]!);
    if (p === null) return ERROR;
    const q = collect(s, i32[args + 1]!);
    if (q === null) {
      for (const r of p) s.refs.close(r);
      return ERROR;
    }
    let result: StackRef = s.newInt(0);
    if (p.length !== q.length) {
      result = s.raise(s.b.ValueError, "Inputs are not the same length");
    } else {
      for (let i = 0; i < p.length && result !== ERROR; i++) {
        const prod = s.binaryOp(p[i]!, q[i]!, NB.MULTIPLY);
        if (prod === ERROR) {
          s.refs.close(result);
          result = ERROR;
          break;
        }
        const sum = s.binaryOp(result, prod, NB.ADD);
        s.refs.close(prod);
        s.refs.close(result);
        result = sum;
      }
    }
    for (const r of p) s.refs.close(r);
    for (const r of q) s.refs.close(r);
    return result;
  });

  // ---- integer functions ----
  const intArgs = (
    name: string,
    nargs: number,
    args: number,
    kwnames: StackRef,
    count: number,
  ): bigint[] | null => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      s.raise(s.b.TypeError, `${name}() takes no keyword arguments`);
      return null;
    }
    if (count >= 0 && nargs !== count) {
      s.raise(
        s.b.TypeError,
        count === 1
          ? `math.${name}() takes exactly one argument (${nargs} given)`
          : `${name} expected ${count} arguments, got ${nargs}`,
      );
      return null;
    }
    const out: bigint[] = [];
    for (let i = 0; i < nargs; i++) {
      const n = asBigInt(s, i32[args + i]!);
      if (n === null) return null;
      out.push(n);
    }
    return out;
  };
  const gcd2 = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  m.fn("gcd", (_self, args, nargs, kwnames) => {
    const ns = intArgs("gcd", nargs, args, kwnames, -1);
    if (ns === null) return ERROR;
    let g = 0n;
    for (const n of ns) g = gcd2(g, n);
    return intFromBigInt(s, g);
  });
  m.fn("lcm", (_self, args, nargs, kwnames) => {
    const ns = intArgs("lcm", nargs, args, kwnames, -1);
    if (ns === null) return ERROR;
    let l = 1n;
    for (const n of ns) {
      if (n === 0n || l === 0n) {
        l = 0n;
        continue;
      }
      const a = n < 0n ? -n : n;
      l = (l / gcd2(l, a)) * a;
    }
    return intFromBigInt(s, l);
  });
  m.fn("isqrt", (_self, args, nargs, kwnames) => {
    const ns = intArgs("isqrt", nargs, args, kwnames, 1);
    if (ns === null) return ERROR;
    const n = ns[0]!;
    if (n < 0n) return s.raise(s.b.ValueError, "isqrt() argument must be nonnegative");
    return intFromBigInt(s, isqrtBig(n));
  });
  m.fn("factorial", (_self, args, nargs, kwnames) => {
    const ns = intArgs("factorial", nargs, args, kwnames, 1);
    if (ns === null) return ERROR;
    const n = ns[0]!;
    if (n < 0n) return s.raise(s.b.ValueError, "factorial() not defined for negative values");
    if (n > 100000000n) {
      return s.raise(
        s.b.OverflowError,
        "factorial() argument should not exceed 9223372036854775807",
      );
    }
    return intFromBigInt(s, productRange(1n, n));
  });
  m.fn("perm", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      return s.raise(s.b.TypeError, "perm() takes no keyword arguments");
    }
    if (nargs < 1 || nargs > 2) {
      return s.raise(
        s.b.TypeError,
        nargs < 1
          ? `perm expected at least 1 argument, got ${nargs}`
          : `perm expected at most 2 arguments, got ${nargs}`,
      );
    }
    const n = asBigInt(s, i32[args]!);
    if (n === null) return ERROR;
    if (nargs === 1 || i32[args + 1] === s.None) {
      if (n < 0n) return s.raise(s.b.ValueError, "n must be a non-negative integer");
      return intFromBigInt(s, productRange(1n, n));
    }
    const k = asBigInt(s, i32[args + 1]!);
    if (k === null) return ERROR;
    if (n < 0n) return s.raise(s.b.ValueError, "n must be a non-negative integer");
    if (k < 0n) return s.raise(s.b.ValueError, "k must be a non-negative integer");
    if (k > n) return s.newInt(0);
    return intFromBigInt(s, productRange(n - k + 1n, n));
  });
  m.fn("comb", (_self, args, nargs, kwnames) => {
    const ns = intArgs("comb", nargs, args, kwnames, 2);
    if (ns === null) return ERROR;
    const [n, k0] = ns as [bigint, bigint];
    if (n < 0n) return s.raise(s.b.ValueError, "n must be a non-negative integer");
    if (k0 < 0n) return s.raise(s.b.ValueError, "k must be a non-negative integer");
    if (k0 > n) return s.newInt(0);
    // biome-ignore lint/complexity/useMathMinMax: BigInts (Math.min takes numbers)
    const k = k0 < n - k0 ? k0 : n - k0;
    return intFromBigInt(s, productRange(n - k + 1n, n) / productRange(1n, k));
  });
  m.fn("fma", (_self, args, nargs, kwnames) => {
    if (kwnames !== NULL && s.length(kwnames) > 0) {
      return s.raise(s.b.TypeError, "fma() takes no keyword arguments");
    }
    if (nargs !== 3) return s.raise(s.b.TypeError, `fma expected 3 arguments, got ${nargs}`);
    const v: number[] = [];
    for (let i = 0; i < 3; i++) {
      const x = asDouble(s, i32[args + i]!);
      if (x === null) return ERROR;
      v.push(x);
    }
    const [x, y, z] = v as [number, number, number];
    const [hi, lo] = twoProduct(x, y);
    const r = Number.isFinite(hi) ? hi + z + lo : x * y + z;
    if (Number.isNaN(r) && !v.some(Number.isNaN)) return domainError(s);
    if (!Number.isFinite(r) && v.every(Number.isFinite)) return rangeError(s);
    return s.newFloat(r);
  });
}

export type { VectorCall };
