// complex: two f64s, with CPython 3.13's arithmetic (_Py_c_quot, c_powi, _Py_c_pow), repr,
// hash (hash(real) + 1000003 * hash(imag), wrapping at 64 bits) and complex(str) parsing.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { floatHash, floatRepr, floatValue, isFloat } from "./float.js";
import { intToBigInt, isInt } from "./int.js";
import { COMPLEX_IMAG, COMPLEX_REAL, COMPLEX_SIZE } from "./layout.js";
import { noArgs } from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { isStr, reprString, strValue } from "./str.js";
import { tupleFromRefs } from "./tuple.js";
import { CompareOp, NB, UnaryOp } from "./type.js";

type C = [number, number];

const hypotView = new DataView(new ArrayBuffer(8));

/** A finite non-zero double as [integer mantissa, exponent]: v = m * 2**e exactly. */
function decompose(v: number): [bigint, number] {
  hypotView.setFloat64(0, Math.abs(v));
  const hi = hypotView.getUint32(0);
  const lo = hypotView.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [m, -1074];
  m |= 1n << 52n;
  return [m, biased - 1075];
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration from a power of two above the root decreases monotonically to it.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt(x*x + y*y) correctly rounded (C's hypot; V8's Math.hypot can be 1 ulp off). */
export function hypot(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return Infinity;
    return Number.NaN;
  }
  if (x === 0) return Math.abs(y);
  if (y === 0) return Math.abs(x);
  const [mx, ex] = decompose(x);
  const [my, ey] = decompose(y);
  const e = Math.min(ex, ey);
  const X = mx << BigInt(ex - e);
  const Y = my << BigInt(ey - e);
  let S = X * X + Y * Y; // result = sqrt(S) * 2**e
  // Scale S by 4**t so that its root has at least 60 bits, and keep a sticky bit.
  const bits = S.toString(2).length;
  const t = Math.max(0, Math.ceil((120 - bits) / 2));
  S <<= BigInt(2 * t);
  const r = isqrt(S);
  const root = (r << 1n) | (r * r === S ? 0n : 1n);
  // root * 2**(e - t - 1), rounding once: keep 53 significant bits with the sticky bit.
  const rb = root.toString(2).length;
  let exp = e - t - 1;
  let m = root;
  if (rb > 64) {
    const drop = BigInt(rb - 64);
    const sticky = (m & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
    m = (m >> drop) | sticky;
    exp += rb - 64;
  }
  // m has at most 64 bits with sticky in the low bit: Number(m) rounds it correctly.
  let v = Number(m);
  if (exp > 0) {
    while (exp > 0) {
      const k = Math.min(exp, 1000);
      v *= 2 ** k;
      exp -= k;
    }
  } else {
    while (exp < 0) {
      const k = Math.max(exp, -1000);
      v *= 2 ** k;
      exp -= k;
    }
  }
  return v;
}

export function newComplex(s: ObjectSpace, real: number, imag: number): StackRef {
  const addr = s.allocObject(s.b.complex, COMPLEX_SIZE);
  if (addr === 0) return ERROR;
  s.f64[(addr + COMPLEX_REAL) >> 3] = real;
  s.f64[(addr + COMPLEX_IMAG) >> 3] = imag;
  return addr;
}

export function isComplex(s: ObjectSpace, ref: StackRef): boolean {
  return (ref & 3) !== 3 && s.typeOf(ref).isSubtypeOf(s.b.complex);
}

export function complexValue(s: ObjectSpace, ref: StackRef): C {
  const a = ref & ~TAG_MASK;
  return [s.f64[(a + COMPLEX_REAL) >> 3]!, s.f64[(a + COMPLEX_IMAG) >> 3]!];
}

/** repr of a float part in CPython's 'r' format without the ".0" of float's repr. */
function part(v: number): string {
  const r = floatRepr(v);
  return r.endsWith(".0") ? r.slice(0, -2) : r;
}

export function complexRepr(real: number, imag: number): string {
  if (real === 0 && !Object.is(real, -0)) return `${part(imag)}j`;
  const im = part(imag);
  const sign = im.startsWith("-") ? "" : "+";
  return `(${part(real)}${sign}${im}j)`;
}

/**
 * An operand as a complex (TO_COMPLEX): int and float are (x, 0); null for other types;
 * "overflow" when an int is too large for a double (OverflowError set).
 */
function toComplex(s: ObjectSpace, v: StackRef): C | null | "overflow" {
  if (isComplex(s, v)) return complexValue(s, v);
  if (isFloat(s, v)) return [floatValue(s, v), 0];
  if (isInt(s, v)) {
    const x = Number(intToBigInt(s, v));
    if (!Number.isFinite(x)) {
      s.raise(s.b.OverflowError, "int too large to convert to float");
      return "overflow";
    }
    return [x, 0];
  }
  return null;
}

function prod(a: C, b: C): C {
  return [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
}

/** _Py_c_quot; null when dividing by zero. */
function quot(a: C, b: C): C | null {
  const absBr = Math.abs(b[0]);
  const absBi = Math.abs(b[1]);
  let r: C;
  if (absBr >= absBi) {
    if (absBr === 0) return null;
    const ratio = b[1] / b[0];
    const denom = b[0] + b[1] * ratio;
    r = [(a[0] + a[1] * ratio) / denom, (a[1] - a[0] * ratio) / denom];
  } else if (absBi >= absBr) {
    const ratio = b[0] / b[1];
    const denom = b[0] * ratio + b[1];
    r = [(a[0] * ratio + a[1]) / denom, (a[1] * ratio - a[0]) / denom];
  } else r = [Number.NaN, Number.NaN];
  if (Number.isNaN(r[0]) && Number.isNaN(r[1])) {
    const inf = (x: number) => x === Infinity || x === -Infinity;
    const fin = Number.isFinite;
    const copysign = (m: number, sgn: number) =>
      sgn < 0 || Object.is(sgn, -0) ? -Math.abs(m) : Math.abs(m);
    if ((inf(a[0]) || inf(a[1])) && fin(b[0]) && fin(b[1])) {
      const x = copysign(inf(a[0]) ? 1 : 0, a[0]);
      const y = copysign(inf(a[1]) ? 1 : 0, a[1]);
      r = [Infinity * (x * b[0] + y * b[1]), Infinity * (y * b[0] - x * b[1])];
    } else if ((inf(absBr) || inf(absBi)) && fin(a[0]) && fin(a[1])) {
      const x = copysign(inf(b[0]) ? 1 : 0, b[0]);
      const y = copysign(inf(b[1]) ? 1 : 0, b[1]);
      r = [0 * (a[0] * x + a[1] * y), 0 * (a[1] * x - a[0] * y)];
    }
  }
  return r;
}

function powu(x: C, n: number): C {
  let r: C = [1, 0];
  let p = x;
  for (let mask = 1; mask > 0 && n >= mask; mask *= 2) {
    if (Math.floor(n / mask) % 2 === 1) r = prod(r, p);
    p = prod(p, p);
  }
  return r;
}

/** [result, errno]: "EDOM" for zero to a negative or complex power. */
function cpow(a: C, b: C): [C, string] {
  if (b[1] === 0 && b[0] === Math.floor(b[0]) && Math.abs(b[0]) <= 100) {
    const n = b[0];
    if (n > 0) return [powu(a, n), ""];
    const q = quot([1, 0], powu(a, -n));
    return q === null ? [[0, 0], "EDOM"] : [q, ""];
  }
  if (b[0] === 0 && b[1] === 0) return [[1, 0], ""];
  if (a[0] === 0 && a[1] === 0) {
    return [[0, 0], b[1] !== 0 || b[0] < 0 ? "EDOM" : ""];
  }
  const vabs = hypot(a[0], a[1]);
  let len = vabs ** b[0];
  const at = Math.atan2(a[1], a[0]);
  let phase = at * b[0];
  if (b[1] !== 0) {
    len /= Math.exp(at * b[1]);
    phase += b[1] * Math.log(vabs);
  }
  return [[len * Math.cos(phase), len * Math.sin(phase)], ""];
}

function complexBinop(s: ObjectSpace, x: StackRef, y: StackRef, nb: number): StackRef {
  const op = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR ? nb - NB.INPLACE_ADD : nb;
  if (
    op !== NB.ADD &&
    op !== NB.SUBTRACT &&
    op !== NB.MULTIPLY &&
    op !== NB.TRUE_DIVIDE &&
    op !== NB.POWER
  ) {
    return s.NotImplemented;
  }
  const a = toComplex(s, x);
  if (a === "overflow") return ERROR;
  if (a === null) return s.NotImplemented;
  const b = toComplex(s, y);
  if (b === "overflow") return ERROR;
  if (b === null) return s.NotImplemented;
  switch (op) {
    case NB.ADD:
      return newComplex(s, a[0] + b[0], a[1] + b[1]);
    case NB.SUBTRACT:
      return newComplex(s, a[0] - b[0], a[1] - b[1]);
    case NB.MULTIPLY: {
      const r = prod(a, b);
      return newComplex(s, r[0], r[1]);
    }
    case NB.TRUE_DIVIDE: {
      const r = quot(a, b);
      if (r === null) return s.raise(s.b.ZeroDivisionError, "complex division by zero");
      return newComplex(s, r[0], r[1]);
    }
    default: {
      const [r, errno] = cpow(a, b);
      if (errno === "EDOM") {
        return s.raise(s.b.ZeroDivisionError, "0.0 to a negative or complex power");
      }
      const inf = (v: number) => v === Infinity || v === -Infinity;
      if (inf(r[0]) || inf(r[1])) return s.raise(s.b.OverflowError, "complex exponentiation");
      return newComplex(s, r[0], r[1]);
    }
  }
}

function complexCompare(s: ObjectSpace, self: StackRef, other: StackRef, op: number): StackRef {
  if (op !== CompareOp.EQ && op !== CompareOp.NE) return s.NotImplemented;
  const [re, im] = complexValue(s, self);
  let equal: boolean;
  if (isInt(s, other)) {
    if (im !== 0 || !Number.isFinite(re)) equal = false;
    else if (!Number.isInteger(re)) equal = false;
    else equal = BigInt(re) === intToBigInt(s, other);
  } else if (isFloat(s, other)) {
    equal = im === 0 && re === floatValue(s, other);
  } else if (isComplex(s, other)) {
    const [re2, im2] = complexValue(s, other);
    equal = re === re2 && im === im2;
  } else return s.NotImplemented;
  return s.bool(op === CompareOp.EQ ? equal : !equal);
}

const MASK64 = (1n << 64n) - 1n;

function complexHash(s: ObjectSpace, self: StackRef): number {
  const [re, im] = complexValue(s, self);
  const identity = BigInt((self & ~TAG_MASK) >>> 3);
  const hr = Number.isNaN(re) ? identity : floatHash(re);
  const hi = Number.isNaN(im) ? identity : floatHash(im);
  let h = BigInt.asIntN(64, (hr + 1000003n * hi) & MASK64);
  if (h === -1n) h = -2n;
  return s.hashFromBigInt(h);
}

/** complex(str): CPython's complex_subtype_from_string, or null when malformed. */
export function parseComplex(text: string): C | null {
  let t = text.trim();
  if (t.startsWith("(") && t.endsWith(")")) t = t.slice(1, -1).trim();
  if (t === "") return null;
  const num = "(?:(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*|\\d(?:_?\\d)*\\.)(?:[eE][+-]?\\d(?:_?\\d)*)?";
  const special = "(?:inf|infinity|nan)";
  const real = `[+-]?(?:${num}|${special})`;
  const unsignedImag = `(?:${num}|${special})?`;
  const re = new RegExp(
    `^(?:(${real})(?:([+-])(${unsignedImag})[jJ])?|([+-]?${unsignedImag})[jJ])$`,
    "i",
  );
  const m = re.exec(t);
  if (m === null) return null;
  const value = (v: string): number => {
    const low = v.toLowerCase().replaceAll("_", "");
    const sign = low.startsWith("-") ? -1 : 1;
    const body = low.replace(/^[+-]/, "");
    if (body === "") return sign;
    if (body === "inf" || body === "infinity") return sign * Infinity;
    if (body === "nan") return Number.NaN;
    return sign * Number(body);
  };
  if (m[4] !== undefined) return [0, value(m[4])];
  const r = value(m[1]!);
  if (m[2] === undefined) return [r, 0];
  return [r, value(m[2] + m[3]!)];
}

export function installComplex(s: ObjectSpace, b: Builtins): void {
  b.complex = s.newStaticType("complex", s.objectType, {
    repr: (self) => {
      const [re, im] = complexValue(s, self);
      return s.newStr(complexRepr(re, im));
    },
    hash: (self) => complexHash(s, self),
    bool: (self) => {
      const [re, im] = complexValue(s, self);
      return re !== 0 || im !== 0 ? 1 : 0;
    },
    binop: (x, y, nb) => complexBinop(s, x, y, nb),
    richcompare: (self, other, op) => complexCompare(s, self, other, op),
    unary: (self, op) => {
      const [re, im] = complexValue(s, self);
      if (op === UnaryOp.NEGATIVE) return newComplex(s, -re, -im);
      if (op === UnaryOp.POSITIVE) return newComplex(s, re, im);
      return s.NotImplemented;
    },
    new: (_type, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "complex",
        { names: ["real", "imag"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      const [r, i] = a as [StackRef, StackRef];
      if (r === NULL && i === NULL) return newComplex(s, 0, 0);
      if (r !== NULL && isStr(s, r)) {
        if (i !== NULL) {
          return s.raise(s.b.TypeError, "complex() can't take second arg if first is a string");
        }
        const v = parseComplex(strValue(s, r));
        if (v === null) return s.raise(s.b.ValueError, "complex() arg is a malformed string");
        return newComplex(s, v[0], v[1]);
      }
      if (i !== NULL && isStr(s, i)) {
        return s.raise(s.b.TypeError, "complex() second arg can't be a string");
      }
      let re: C = [0, 0];
      if (r !== NULL) {
        if (r !== NULL && s.typeOf(r) === b.complex && i === NULL) return s.refs.asOwned(r);
        const v = toComplex(s, r);
        if (v === "overflow") return ERROR;
        if (v === null) {
          return s.raise(
            s.b.TypeError,
            `complex() first argument must be a string or a number, not '${s.typeOf(r).name}'`,
          );
        }
        re = v;
      }
      let im: C = [0, 0];
      if (i !== NULL) {
        const v = toComplex(s, i);
        if (v === "overflow") return ERROR;
        if (v === null) {
          return s.raise(
            s.b.TypeError,
            `complex() second argument must be a number, not '${s.typeOf(i).name}'`,
          );
        }
        im = v;
      }
      // complex(a, b) = a + b*1j, with CPython's care for signed zeros.
      const real = i !== NULL && isComplex(s, i) ? re[0] - im[1] : re[0];
      const imag = i === NULL ? re[1] : r !== NULL && isComplex(s, r) ? re[1] + im[0] : im[0];
      return newComplex(s, real, imag);
    },
  });
  b.complex.getsets.set("real", { get: (self) => s.newFloat(complexValue(s, self)[0]) });
  b.complex.getsets.set("imag", { get: (self) => s.newFloat(complexValue(s, self)[1]) });
  b.complex.methods.set("conjugate", (self, _args, nargs, kwnames) => {
    if (!noArgs(s, "complex.conjugate", nargs, kwnames)) return ERROR;
    const [re, im] = complexValue(s, self);
    return newComplex(s, re, -im);
  });
  b.complex.methods.set("__abs__", (self) => {
    const [re, im] = complexValue(s, self);
    const r = hypot(re, im);
    if (r === Infinity && Number.isFinite(re) && Number.isFinite(im)) {
      return s.raise(s.b.OverflowError, "absolute value too large");
    }
    return s.newFloat(r);
  });
  b.complex.methods.set("__complex__", (self) => {
    const [re, im] = complexValue(s, self);
    return newComplex(s, re, im);
  });
  b.complex.methods.set("__getnewargs__", (self) => {
    const [re, im] = complexValue(s, self);
    return tupleFromRefs(s, [s.newFloat(re), s.newFloat(im)]);
  });
  void reprString;
}
