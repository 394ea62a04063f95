// The methods of int and float (CPython's Objects/longobject.c and floatobject.c):
// bit_length, bit_count, as_integer_ratio, is_integer, conjugate, hex, fromhex, __format__.
import { ERROR, type StackRef } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { floatValue, newFloat } from "./float.js";
import { intFromBigInt, intFromNumber, intToBigInt } from "./int.js";
import { defineMethods, noArgs, oneArg } from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { formatMethod } from "./str-format.js";
import { tupleFromRefs } from "./tuple.js";

const scratch = new DataView(new ArrayBuffer(8));

function bitLength(v: bigint): number {
  const m = v < 0n ? -v : v;
  return m === 0n ? 0 : m.toString(2).length;
}

/** float.hex(): CPython's float_hex, 13 hex digits of mantissa. */
export function floatHex(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  if (v === 0) return `${sign}0x0.0p+0`;
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const digits = mantissa.toString(16).padStart(13, "0");
  if (biased === 0) return `${sign}0x0.${digits}p-1022`;
  const e = biased - 1023;
  return `${sign}0x1.${digits}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}

/** float.fromhex(text): the value, or null with the exception set. */
export function floatFromHex(s: ObjectSpace, text: string): number | null {
  const invalid = (): null => {
    s.raise(s.b.ValueError, "invalid hexadecimal floating-point string");
    return null;
  };
  const t = text.replace(/^[\s]+|[\s]+$/g, "");
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special !== null) {
    const v = special[2]!.toLowerCase() === "nan" ? Number.NaN : Number.POSITIVE_INFINITY;
    return special[1] === "-" ? -v : v;
  }
  const m = /^([+-]?)(0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$/i.exec(t);
  if (m === null) return invalid();
  const intPart = m[3] ?? "";
  const fracPart = m[4] ?? "";
  if (intPart === "" && fracPart === "") return invalid();
  const negative = m[1] === "-";
  let mant = BigInt(`0x0${intPart}${fracPart}`);
  // value = mant * 2**exp exactly
  let exp = BigInt(m[5] ?? "0") - 4n * BigInt(fracPart.length);
  if (mant === 0n) return negative ? -0 : 0;
  // Normalize to 53 significant bits (fewer below the normal range), rounding half to even.
  const bits = BigInt(mant.toString(2).length);
  const top = exp + bits; // value in [2**(top-1), 2**top)
  if (top > 1024n) return overflow(s);
  // Round to the grid of doubles near the value: 2**(top-53), or 2**-1074 below the normals.
  const grid = top - 53n > -1074n ? top - 53n : -1074n;
  if (exp < grid) {
    const shift = grid - exp;
    const rest = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    mant >>= shift;
    if (rest > half || (rest === half && (mant & 1n) === 1n)) mant += 1n;
    exp = grid;
  }
  const value = Number(mant) * 2 ** Number(exp);
  if (!Number.isFinite(value)) return overflow(s);
  return negative ? -value : value;
}

function overflow(s: ObjectSpace): null {
  s.raise(s.b.OverflowError, "hexadecimal value too large to represent as a float");
  return null;
}

/** float.as_integer_ratio: [numerator, denominator] in lowest terms. */
export function floatRatio(v: number): [bigint, bigint] {
  if (v === 0) return [0n, 1n];
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp = -1074;
  if (biased !== 0) {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  while ((mant & 1n) === 0n && exp < 0) {
    mant >>= 1n;
    exp++;
  }
  if (v < 0) mant = -mant;
  if (exp >= 0) return [mant << BigInt(exp), 1n];
  return [mant, 1n << BigInt(-exp)];
}

export function installNumberMethods(s: ObjectSpace, b: Builtins): void {
  const intSelf = (self: StackRef): bigint => intToBigInt(s, self);
  defineMethods(b.int.methods, {
    bit_length: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "int.bit_length", nargs, kwnames)) return ERROR;
      return intFromNumber(s, bitLength(intSelf(self)));
    },
    bit_count: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "int.bit_count", nargs, kwnames)) return ERROR;
      const v = intSelf(self);
      let n = 0;
      for (const ch of (v < 0n ? -v : v).toString(2)) if (ch === "1") n++;
      return intFromNumber(s, n);
    },
    conjugate: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "int.conjugate", nargs, kwnames)) return ERROR;
      return intFromBigInt(s, intSelf(self));
    },
    as_integer_ratio: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "int.as_integer_ratio", nargs, kwnames)) return ERROR;
      const n = intFromBigInt(s, intSelf(self));
      if (n === ERROR) return ERROR;
      return tupleFromRefs(s, [n, intFromNumber(s, 1)]);
    },
    is_integer: (_self, _args, nargs, kwnames) => {
      if (!noArgs(s, "int.is_integer", nargs, kwnames)) return ERROR;
      return s.True;
    },
    __format__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "int.__format__", nargs, kwnames)) return ERROR;
      return formatMethod(s, self, s.i32[args]!);
    },
  });
  defineMethods(b.float.methods, {
    is_integer: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "float.is_integer", nargs, kwnames)) return ERROR;
      return s.bool(Number.isInteger(floatValue(s, self)));
    },
    as_integer_ratio: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "float.as_integer_ratio", nargs, kwnames)) return ERROR;
      const v = floatValue(s, self);
      if (Number.isNaN(v)) return s.raise(s.b.ValueError, "cannot convert NaN to integer ratio");
      if (!Number.isFinite(v)) {
        return s.raise(s.b.OverflowError, "cannot convert Infinity to integer ratio");
      }
      const [num, den] = floatRatio(v);
      const n = intFromBigInt(s, num);
      if (n === ERROR) return ERROR;
      const d = intFromBigInt(s, den);
      if (d === ERROR) {
        s.refs.close(n);
        return ERROR;
      }
      return tupleFromRefs(s, [n, d]);
    },
    hex: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "float.hex", nargs, kwnames)) return ERROR;
      return s.newStr(floatHex(floatValue(s, self)));
    },
    conjugate: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "float.conjugate", nargs, kwnames)) return ERROR;
      return newFloat(s, floatValue(s, self));
    },
    __format__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "float.__format__", nargs, kwnames)) return ERROR;
      return formatMethod(s, self, s.i32[args]!);
    },
  });
  defineMethods(b.float.classMethods, {
    fromhex: (_self, args, nargs, kwnames) => {
      if (!oneArg(s, "float.fromhex", nargs, kwnames)) return ERROR;
      const arg = s.i32[args]!;
      if (!isStr(s, arg)) {
        return s.raise(s.b.TypeError, "bad argument type for built-in operation");
      }
      const v = floatFromHex(s, strValue(s, arg));
      return v === null ? ERROR : newFloat(s, v);
    },
  });
  // The numbers.Real attributes (getsets in CPython).
  const intValue = (self: StackRef) => intFromBigInt(s, intSelf(self));
  b.int.getsets.set("real", { get: intValue });
  b.int.getsets.set("numerator", { get: intValue });
  b.int.getsets.set("imag", { get: () => intFromNumber(s, 0) });
  b.int.getsets.set("denominator", { get: () => intFromNumber(s, 1) });
  b.float.getsets.set("real", { get: (self) => newFloat(s, floatValue(s, self)) });
  b.float.getsets.set("imag", { get: () => newFloat(s, 0) });
  defineMethods(b.object.methods, {
    __format__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "object.__format__", nargs, kwnames)) return ERROR;
      return formatMethod(s, self, s.i32[args]!);
    },
  });
}
