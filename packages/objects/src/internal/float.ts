// float: a boxed f64, with CPython's repr (shortest round trip, Python's exponent rules) and
// CPython's hash (the value modulo 2**61 - 1, so that equal ints and floats hash alike).
import { ERROR, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { compareResult, HASH_MODULUS, intHash, intToBigInt, intToNumber, isInt } from "./int.js";
import { FLOAT_SIZE, FLOAT_VALUE } from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { NB, UnaryOp } from "./type.js";

export function newFloat(s: ObjectSpace, v: number): StackRef {
  const addr = s.allocObject(s.b.float, FLOAT_SIZE);
  if (addr === 0) return ERROR;
  s.f64[(addr + FLOAT_VALUE) >> 3] = v;
  return addr;
}

export function floatValue(s: ObjectSpace, ref: StackRef): number {
  return s.f64[((ref & ~TAG_MASK) + FLOAT_VALUE) >> 3]!;
}

export function isFloat(s: ObjectSpace, ref: StackRef): boolean {
  return (ref & 3) !== 3 && s.typeOf(ref).isSubtypeOf(s.b.float);
}

/** Python's repr of a float: shortest digits that round-trip, Python's notation rules. */
export function floatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Number.POSITIVE_INFINITY) return "inf";
  if (v === Number.NEGATIVE_INFINITY) return "-inf";
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  const [mantissa, exp] = Math.abs(v).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const decpt = Number(exp) + 1; // value = 0.<digits> * 10**decpt
  if (decpt > 16 || decpt < -3) {
    const e = decpt - 1;
    const rest = digits.length > 1 ? `.${digits.slice(1)}` : "";
    const expText = `${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    return `${sign}${digits[0]}${rest}e${expText}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

const scratch = new DataView(new ArrayBuffer(8));

/** CPython's _Py_HashDouble for non-NaN values (NaN hashes by identity, done by the caller). */
export function floatHash(v: number): bigint {
  if (v === Number.POSITIVE_INFINITY) return 314159n;
  if (v === Number.NEGATIVE_INFINITY) return -314159n;
  if (Number.isInteger(v)) return intHash(BigInt(v));
  // v = mantissa * 2**exponent exactly; 2**61 == 1 modulo the hash modulus.
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  let h = mantissa % HASH_MODULUS;
  const e = ((exponent % 61) + 61) % 61;
  h = ((h << BigInt(e)) | (h >> BigInt(61 - e))) & HASH_MODULUS;
  h %= HASH_MODULUS;
  const result = v < 0 ? -h : h;
  return result === -1n ? -2n : result;
}

/** The double value of an int or float operand, or null if it is neither. */
function asDouble(s: ObjectSpace, ref: StackRef): number | null {
  if (isInt(s, ref)) return intToNumber(s, ref);
  if (isFloat(s, ref)) return floatValue(s, ref);
  return null;
}

/** CPython's float divmod: [floor quotient, remainder with the divisor's sign]. */
function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = x / y < 0 ? -0 : 0;
  }
  return [floordiv, mod];
}

function floatBinop(s: ObjectSpace, a: StackRef, b: StackRef, nb: number): StackRef {
  const x = asDouble(s, a);
  const y = asDouble(s, b);
  if (x === null || y === null) return s.NotImplemented;
  const op = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR ? nb - NB.INPLACE_ADD : nb;
  switch (op) {
    case NB.ADD:
      return newFloat(s, x + y);
    case NB.SUBTRACT:
      return newFloat(s, x - y);
    case NB.MULTIPLY:
      return newFloat(s, x * y);
    case NB.TRUE_DIVIDE:
      if (y === 0) return s.raise(s.b.ZeroDivisionError, "float division by zero");
      return newFloat(s, x / y);
    case NB.FLOOR_DIVIDE:
      if (y === 0) return s.raise(s.b.ZeroDivisionError, "float floor division by zero");
      return newFloat(s, floatDivmod(x, y)[0]);
    case NB.REMAINDER:
      if (y === 0) return s.raise(s.b.ZeroDivisionError, "float modulo by zero");
      return newFloat(s, floatDivmod(x, y)[1]);
    case NB.POWER: {
      if (x === 0 && y < 0) {
        return s.raise(s.b.ZeroDivisionError, "0.0 cannot be raised to a negative power");
      }
      if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) {
        return s.raise(s.b.ValueError, "math domain error");
      }
      const r = x ** y;
      if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
        return s.raise(s.b.OverflowError, "(34, 'Numerical result out of range')");
      }
      return newFloat(s, r);
    }
  }
  return s.NotImplemented;
}

/** Compare a float with an int or float exactly (no rounding of big ints). */
function floatCompare(s: ObjectSpace, a: StackRef, b: StackRef, op: number): StackRef {
  const x = floatValue(s, a);
  let c: number;
  if (isFloat(s, b)) {
    const y = floatValue(s, b);
    if (Number.isNaN(x) || Number.isNaN(y)) return s.bool(op === 3);
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (isInt(s, b)) {
    if (Number.isNaN(x)) return s.bool(op === 3);
    if (!Number.isFinite(x)) c = x > 0 ? 1 : -1;
    else {
      const y = intToBigInt(s, b);
      const fx = Math.floor(x);
      const bx = BigInt(fx);
      c = bx < y ? -1 : bx > y ? 1 : x > fx ? 1 : 0;
    }
  } else return s.NotImplemented;
  return s.bool(compareResult(c, op));
}

export function installFloat(s: ObjectSpace, b: Builtins): void {
  b.float = s.newStaticType("float", s.objectType, {
    repr: (self) => s.newStr(floatRepr(floatValue(s, self))),
    hash: (self) => {
      const v = floatValue(s, self);
      if (Number.isNaN(v)) return s.hashFromNumber((self & ~TAG_MASK) >>> 3);
      return s.hashFromBigInt(floatHash(v));
    },
    bool: (self) => (floatValue(s, self) !== 0 ? 1 : 0),
    binop: (x, y, nb) => floatBinop(s, x, y, nb),
    richcompare: (self, other, op) => floatCompare(s, self, other, op),
    unary: (self, op) => {
      const v = floatValue(s, self);
      if (op === UnaryOp.NEGATIVE) return newFloat(s, -v);
      if (op === UnaryOp.POSITIVE) return newFloat(s, v);
      return s.NotImplemented;
    },
  });
}
