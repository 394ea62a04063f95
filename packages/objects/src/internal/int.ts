// int: tagged 30-bit immediates, and boxed arbitrary-precision values with CPython's 30-bit
// digits in linear memory. Arithmetic on two tagged values stays in doubles; anything larger goes
// through BigInt, which wins for long multiplication, division and decimal conversion.
import {
  ERROR,
  SMALL_INT_MAX,
  SMALL_INT_MIN,
  type StackRef,
  TAG_INT,
  TAG_MASK,
} from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { INT_DIGIT_BITS, INT_DIGITS, INT_SIZE_FIELD, TPFLAGS_LONG_SUBCLASS } from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { CompareOp, NB, UnaryOp } from "./type.js";

const DIGIT_MASK = (1 << INT_DIGIT_BITS) - 1;
const DIGIT_BASE = 2 ** INT_DIGIT_BITS;
const BIG_DIGIT_BITS = BigInt(INT_DIGIT_BITS);
const BIG_DIGIT_MASK = BigInt(DIGIT_MASK);
/** CPython's sys.int_info.default_max_str_digits. */
export const INT_MAX_STR_DIGITS = 4300;
/** The modulus of numeric hashes, 2**61 - 1 (CPython's _PyHASH_MODULUS). */
export const HASH_MODULUS = (1n << 61n) - 1n;

export function isTagged(ref: StackRef): boolean {
  return (ref & TAG_MASK) === TAG_INT;
}

/** A new int reference for any integer-valued double that is exact (|v| <= 2**53). */
export function intFromNumber(s: ObjectSpace, v: number): StackRef {
  if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) return (v << 2) | TAG_INT;
  // One or two 30-bit digits (|v| < 2**60 covers every safe integer): no BigInt needed.
  const mag = Math.abs(v);
  const d1 = Math.floor(mag / DIGIT_BASE);
  const n = d1 === 0 ? 1 : 2;
  const addr = s.allocObject(s.b.int, INT_DIGITS + 4 * n);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + INT_SIZE_FIELD) >> 2] = v < 0 ? -n : n;
  i32[(addr + INT_DIGITS) >> 2] = mag - d1 * DIGIT_BASE;
  if (n === 2) i32[(addr + INT_DIGITS + 4) >> 2] = d1;
  return addr;
}

/**
 * The value as a double when it is exact (|v| < 2**53), read straight from the digits; NaN when
 * it is larger (the caller then uses BigInt).
 */
function smallValue(s: ObjectSpace, ref: StackRef): number {
  if ((ref & TAG_MASK) === TAG_INT) return ref >> 2;
  const addr = ref & ~TAG_MASK;
  const i32 = s.i32;
  if (i32[(addr + 4) >> 2] === s.b.bool.addr) return i32[(addr + 8) >> 2]!;
  const size = i32[(addr + INT_SIZE_FIELD) >> 2]!;
  if (size === 1 || size === -1) {
    const d0 = i32[(addr + INT_DIGITS) >> 2]!;
    return size < 0 ? -d0 : d0;
  }
  if (size === 2 || size === -2) {
    const d1 = i32[(addr + INT_DIGITS + 4) >> 2]!;
    if (d1 >= 1 << 23) return Number.NaN;
    const v = d1 * DIGIT_BASE + i32[(addr + INT_DIGITS) >> 2]!;
    return size < 0 ? -v : v;
  }
  if (size === 0) return 0;
  return Number.NaN;
}

/** A new int reference for a BigInt: tagged when it fits, boxed otherwise. */
export function intFromBigInt(s: ObjectSpace, v: bigint): StackRef {
  if (v >= -536870912n && v <= 536870911n) return (Number(v) << 2) | TAG_INT;
  const negative = v < 0n;
  let mag = negative ? -v : v;
  const digits: number[] = [];
  while (mag > 0n) {
    digits.push(Number(mag & BIG_DIGIT_MASK));
    mag >>= BIG_DIGIT_BITS;
  }
  const addr = s.allocObject(s.b.int, INT_DIGITS + 4 * digits.length);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + INT_SIZE_FIELD) >> 2] = negative ? -digits.length : digits.length;
  for (let i = 0; i < digits.length; i++) i32[(addr + INT_DIGITS + 4 * i) >> 2] = digits[i]!;
  return addr;
}

/** The value of an int (or bool) reference as a BigInt. */
export function intToBigInt(s: ObjectSpace, ref: StackRef): bigint {
  if ((ref & TAG_MASK) === TAG_INT) return BigInt(ref >> 2);
  const addr = ref & ~TAG_MASK;
  if (s.typeAddrOf(ref) === s.b.bool.addr) return BigInt(s.i32[(addr + 8) >> 2]!);
  const i32 = s.i32;
  const size = i32[(addr + INT_SIZE_FIELD) >> 2]!;
  const n = Math.abs(size);
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) {
    v = (v << BIG_DIGIT_BITS) | BigInt(i32[(addr + INT_DIGITS + 4 * i) >> 2]!);
  }
  return size < 0 ? -v : v;
}

/** The value as a double (rounded when beyond 2**53). */
export function intToNumber(s: ObjectSpace, ref: StackRef): number {
  const small = smallValue(s, ref);
  if (!Number.isNaN(small)) return small;
  return Number(intToBigInt(s, ref));
}

/** The value if it is exact in a double, else null. */
export function intToSafeNumber(s: ObjectSpace, ref: StackRef): number | null {
  const small = smallValue(s, ref);
  if (!Number.isNaN(small)) return small;
  const v = intToBigInt(s, ref);
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** Whether the reference is an int or a subclass (bool included). */
export function isInt(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & TAG_MASK) === TAG_INT) return true;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_LONG_SUBCLASS) !== 0;
}

/** CPython's hash of an int: sign * (|v| mod 2**61 - 1), with -1 mapped to -2. */
export function intHash(v: bigint): bigint {
  const negative = v < 0n;
  let h = (negative ? -v : v) % HASH_MODULUS;
  if (negative) h = -h;
  return h === -1n ? -2n : h;
}

/** Decimal text of an int, refusing (ValueError) past the 4300-digit limit as CPython does. */
export function intToDecimal(s: ObjectSpace, ref: StackRef): string | null {
  if ((ref & TAG_MASK) === TAG_INT) return String(ref >> 2);
  const v = intToBigInt(s, ref);
  // A cheap bound first: bits * log10(2) digits.
  const digits = v < 0n ? v.toString().length - 1 : v.toString().length;
  if (digits > INT_MAX_STR_DIGITS) {
    s.raise(
      s.b.ValueError,
      `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
    return null;
  }
  return v.toString();
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function modBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** Python's true division of two ints, correctly rounded for operands below 2**53. */
export function intTrueDivide(s: ObjectSpace, a: bigint, b: bigint): StackRef {
  if (b === 0n) return s.raise(s.b.ZeroDivisionError, "division by zero");
  const fa = Number(a);
  const fb = Number(b);
  if (Number.isSafeInteger(fa) && Number.isSafeInteger(fb)) return s.newFloat(fa / fb);
  // Scale so the quotient keeps 64 significant bits, then round once.
  const negative = a < 0n !== b < 0n;
  let na = a < 0n ? -a : a;
  const nb = b < 0n ? -b : b;
  const shift = BigInt(Math.max(0, 64 - (na.toString(2).length - nb.toString(2).length)));
  na <<= shift;
  const q = na / nb;
  const result = Number(q) / 2 ** Number(shift);
  if (!Number.isFinite(result)) {
    return s.raise(s.b.OverflowError, "integer division result too large for a float");
  }
  return s.newFloat(negative ? -result : result);
}

/** int ** int (non-negative exponent gives an int; negative gives a float). */
function intPow(s: ObjectSpace, a: bigint, b: bigint): StackRef {
  if (b < 0n) {
    if (a === 0n) {
      return s.raise(s.b.ZeroDivisionError, "0.0 cannot be raised to a negative power");
    }
    return s.newFloat(Number(a) ** Number(b));
  }
  return intFromBigInt(s, a ** b);
}

/** The int binary operators. Both operands must be ints (or bools); otherwise NotImplemented. */
export function intBinop(s: ObjectSpace, a: StackRef, b: StackRef, nb: number): StackRef {
  if (!isInt(s, a) || !isInt(s, b)) return s.NotImplemented;
  const op = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR ? nb - NB.INPLACE_ADD : nb;
  // Operands below 2**53 (tagged, or boxed in one or two digits) compute in doubles.
  const x = smallValue(s, a);
  const y = smallValue(s, b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) {
    switch (op) {
      case NB.ADD: {
        const r = x + y;
        if (Number.isSafeInteger(r)) return intFromNumber(s, r);
        return intFromBigInt(s, BigInt(x) + BigInt(y));
      }
      case NB.SUBTRACT: {
        const r = x - y;
        if (Number.isSafeInteger(r)) return intFromNumber(s, r);
        return intFromBigInt(s, BigInt(x) - BigInt(y));
      }
      case NB.MULTIPLY: {
        const p = x * y;
        if (Number.isSafeInteger(p)) return intFromNumber(s, p);
        return intFromBigInt(s, BigInt(x) * BigInt(y));
      }
      case NB.FLOOR_DIVIDE:
        if (y === 0) return s.raise(s.b.ZeroDivisionError, "integer division or modulo by zero");
        return intFromNumber(s, Math.floor(x / y));
      case NB.REMAINDER: {
        if (y === 0) return s.raise(s.b.ZeroDivisionError, "integer modulo by zero");
        const r = x % y;
        return intFromNumber(s, r !== 0 && r < 0 !== y < 0 ? r + y : r);
      }
      case NB.TRUE_DIVIDE:
        if (y === 0) return s.raise(s.b.ZeroDivisionError, "division by zero");
        return s.newFloat(x / y);
    }
    if ((a & b & TAG_MASK) === TAG_INT) {
      switch (op) {
        case NB.AND:
          return ((x & y) << 2) | TAG_INT;
        case NB.OR:
          return ((x | y) << 2) | TAG_INT;
        case NB.XOR:
          return ((x ^ y) << 2) | TAG_INT;
      }
    }
  }
  const bx = intToBigInt(s, a);
  const by = intToBigInt(s, b);
  return intBinopBig(s, bx, by, op);
}

function intBinopBig(s: ObjectSpace, x: bigint, y: bigint, op: number): StackRef {
  switch (op) {
    case NB.ADD:
      return intFromBigInt(s, x + y);
    case NB.SUBTRACT:
      return intFromBigInt(s, x - y);
    case NB.MULTIPLY:
      return intFromBigInt(s, x * y);
    case NB.FLOOR_DIVIDE:
      if (y === 0n) return s.raise(s.b.ZeroDivisionError, "integer division or modulo by zero");
      return intFromBigInt(s, floorDivBig(x, y));
    case NB.REMAINDER:
      if (y === 0n) return s.raise(s.b.ZeroDivisionError, "integer modulo by zero");
      return intFromBigInt(s, modBig(x, y));
    case NB.TRUE_DIVIDE:
      return intTrueDivide(s, x, y);
    case NB.POWER:
      return intPow(s, x, y);
    case NB.LSHIFT:
      if (y < 0n) return s.raise(s.b.ValueError, "negative shift count");
      if (y > 0x7fffffffn) return s.raise(s.b.OverflowError, "too many digits in integer");
      return intFromBigInt(s, x << y);
    case NB.RSHIFT:
      if (y < 0n) return s.raise(s.b.ValueError, "negative shift count");
      return intFromBigInt(s, y > 0x7fffffffn ? (x < 0n ? -1n : 0n) : x >> y);
    case NB.AND:
      return intFromBigInt(s, x & y);
    case NB.OR:
      return intFromBigInt(s, x | y);
    case NB.XOR:
      return intFromBigInt(s, x ^ y);
  }
  return s.NotImplemented;
}

export function intCompare(s: ObjectSpace, a: StackRef, b: StackRef, op: number): StackRef {
  if (!isInt(s, b)) return s.NotImplemented;
  let c: number;
  const x = smallValue(s, a);
  const y = smallValue(s, b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) {
    c = x < y ? -1 : x > y ? 1 : 0;
  } else {
    const x = intToBigInt(s, a);
    const y = intToBigInt(s, b);
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  return s.bool(compareResult(c, op));
}

/** Apply a comparison operator to the sign of a three-way comparison. */
export function compareResult(c: number, op: number): boolean {
  switch (op) {
    case CompareOp.LT:
      return c < 0;
    case CompareOp.LE:
      return c <= 0;
    case CompareOp.EQ:
      return c === 0;
    case CompareOp.NE:
      return c !== 0;
    case CompareOp.GT:
      return c > 0;
    default:
      return c >= 0;
  }
}

/** pow(base, exp, mod) of ints (a negative exponent takes the modular inverse), as CPython. */
export function intPowMod(s: ObjectSpace, base: bigint, exp: bigint, mod: bigint): StackRef {
  if (mod === 0n) return s.raise(s.b.ValueError, "pow() 3rd argument cannot be 0");
  const m = mod < 0n ? -mod : mod;
  let b = ((base % m) + m) % m;
  if (exp < 0n) {
    // The modular inverse by the extended Euclidean algorithm.
    let [r0, r1, t0, t1] = [m, b, 0n, 1n];
    while (r1 !== 0n) {
      const q = r0 / r1;
      [r0, r1] = [r1, r0 - q * r1];
      [t0, t1] = [t1, t0 - q * t1];
    }
    if (r0 !== 1n) return s.raise(s.b.ValueError, "base is not invertible for the given modulus");
    b = ((t0 % m) + m) % m;
    exp = -exp;
  }
  let result = 1n % m;
  while (exp > 0n) {
    if (exp & 1n) result = (result * b) % m;
    b = (b * b) % m;
    exp >>= 1n;
  }
  if (mod < 0n && result !== 0n) result += mod;
  return intFromBigInt(s, result);
}

export function installInt(s: ObjectSpace, b: Builtins): void {
  b.int = s.newStaticType(
    "int",
    s.objectType,
    {
      repr: (self) => {
        const text = intToDecimal(s, self);
        return text === null ? ERROR : s.newStr(text);
      },
      hash: (self) =>
        isTagged(self)
          ? s.hashFromNumber(intHashSmall(self >> 2))
          : s.hashFromBigInt(intHash(intToBigInt(s, self))),
      richcompare: (self, other, op) => intCompare(s, self, other, op),
      // A boxed int is nonzero, unless it is a subclass instance (always boxed) of value 0.
      bool: (self) =>
        isTagged(self) ? (self >> 2 !== 0 ? 1 : 0) : smallValue(s, self) !== 0 ? 1 : 0,
      binop: (x, y, nb) => intBinop(s, x, y, nb),
      unary: (self, op) => {
        if (op === UnaryOp.POSITIVE) return intFromBigInt(s, intToBigInt(s, self));
        if (isTagged(self)) {
          const v = self >> 2;
          return intFromNumber(s, op === UnaryOp.NEGATIVE ? -v : ~v);
        }
        const v = intToBigInt(s, self);
        return intFromBigInt(s, op === UnaryOp.NEGATIVE ? -v : ~v);
      },
    },
    { flags: TPFLAGS_LONG_SUBCLASS },
  );
  s.intTypeAddr = b.int.addr;
}

function intHashSmall(v: number): number {
  return v === -1 ? -2 : v;
}

export { DIGIT_MASK };
