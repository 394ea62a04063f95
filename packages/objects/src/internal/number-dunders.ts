// The numeric special methods of int and float that are methods rather than operator slots
// (CPython's long_methods and float_methods): __abs__, __int__, __float__, __index__, __trunc__,
// __floor__, __ceil__, __round__ (half-even, correctly rounded for floats), __getnewargs__ and
// float.__getformat__; and __getnewargs__ of str and tuple. builtins.round() and abs() call them.
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { checkArgCount, noKeywords, parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { floatValue, newFloat } from "./float.js";
import { intFromBigInt, intToBigInt, isInt } from "./int.js";
import type { ObjectSpace } from "./space.js";
import { isStr, newStr, strValue } from "./str.js";
import { tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import type { VectorCall } from "./type.js";

/** The exact decimal value of a double as [digits, exponent] with value = digits * 10**exp. */
function exactDecimal(v: number): [bigint, number] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = biased - 1075;
  }
  if (e >= 0) return [sign * (mant << BigInt(e)), 0];
  // mant * 2**e = mant * 5**-e / 10**-e
  return [sign * mant * 5n ** BigInt(-e), e];
}

/** Round the exact decimal [digits, exp] to `nd` places, half to even, back to a double. */
function roundDecimalHalfEven([digits, exp]: [bigint, number], nd: number): number {
  const shift = -nd - exp; // divide digits by 10**shift
  let q: bigint;
  if (shift <= 0) q = digits * 10n ** BigInt(-shift);
  else {
    const p = 10n ** BigInt(shift);
    q = digits / p;
    let r = digits % p;
    const negative = digits < 0n;
    if (negative) r = -r;
    const twice = 2n * r;
    if (twice > p || (twice === p && (q < 0n ? -q : q) % 2n === 1n)) q += negative ? -1n : 1n;
  }
  const text = nd >= 0 ? `${q}e-${nd}` : `${q}e${-nd}`;
  const result = Number(text);
  return result === 0 && digits < 0n ? -0 : result;
}

/** The float as an int (truncated), with CPython's errors for nan and infinities. */
function floatToInt(s: ObjectSpace, v: number): StackRef {
  if (Number.isNaN(v)) return s.raise(s.b.ValueError, "cannot convert float NaN to integer");
  if (!Number.isFinite(v)) {
    return s.raise(s.b.OverflowError, "cannot convert float infinity to integer");
  }
  return intFromBigInt(s, BigInt(Math.trunc(v)));
}

/** The ndigits argument of __round__: null when absent or None, else a BigInt. */
function ndigitsArg(s: ObjectSpace, nd: StackRef): bigint | null | "error" {
  if (nd === NULL || nd === s.None) return null;
  if (!isInt(s, nd)) {
    s.raise(s.b.TypeError, `'${s.typeOf(nd).name}' object cannot be interpreted as an integer`);
    return "error";
  }
  return intToBigInt(s, nd);
}

/** int.__round__: an int; negative ndigits round to tens, hundreds... half to even. */
function roundInt(s: ObjectSpace, v: bigint, nd: bigint | null): StackRef {
  if (nd === null || nd >= 0n) return intFromBigInt(s, v);
  const p = 10n ** -nd;
  let q = v / p;
  let r = v % p;
  if (r < 0n) {
    q -= 1n;
    r += p;
  }
  if (2n * r > p || (2n * r === p && q % 2n !== 0n)) q += 1n;
  return intFromBigInt(s, q * p);
}

/** float.__round__: an int without ndigits, else a correctly rounded float. */
function roundFloat(s: ObjectSpace, v: number, nd: bigint | null): StackRef {
  if (nd === null) {
    if (!Number.isFinite(v)) return floatToInt(s, v);
    let r = Math.round(v);
    if (Math.abs(v - Math.trunc(v)) === 0.5) r = 2 * Math.round(v / 2);
    return intFromBigInt(s, BigInt(r));
  }
  if (!Number.isFinite(v) || nd > 323n) return newFloat(s, v);
  if (nd < -308n) return newFloat(s, 0 * v);
  // Correctly rounded: decide on the exact decimal expansion of the double.
  return newFloat(s, roundDecimalHalfEven(exactDecimal(v), Number(nd)));
}

export function installNumberDunders(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const noArgs =
    (name: string, f: (self: StackRef) => StackRef): VectorCall =>
    (self, _args, nargs, kwnames) =>
      noKeywords(s, name, kwnames) && checkArgCount(s, name, nargs, 0, 0) ? f(self) : ERROR;
  const round =
    (f: (self: StackRef, nd: bigint | null) => StackRef): VectorCall =>
    (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "__round__",
        { names: ["ndigits"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      const nd = ndigitsArg(s, a[0]!);
      return nd === "error" ? ERROR : f(self, nd);
    };
  const plainInt = (self: StackRef) => intFromBigInt(s, intToBigInt(s, self));
  const wrapOne = (v: StackRef) => (v === ERROR ? ERROR : tupleFromRefs(s, [v]));
  const int = b.int.methods;
  for (const name of ["__int__", "__index__", "__trunc__", "__floor__", "__ceil__"]) {
    int.set(name, noArgs(name, plainInt));
  }
  int.set(
    "__abs__",
    noArgs("__abs__", (self) => {
      const v = intToBigInt(s, self);
      return intFromBigInt(s, v < 0n ? -v : v);
    }),
  );
  int.set(
    "__float__",
    noArgs("__float__", (self) => {
      const f = Number(intToBigInt(s, self));
      if (!Number.isFinite(f))
        return s.raise(s.b.OverflowError, "int too large to convert to float");
      return newFloat(s, f);
    }),
  );
  int.set(
    "__round__",
    round((self, nd) => roundInt(s, intToBigInt(s, self), nd)),
  );
  int.set(
    "__getnewargs__",
    noArgs("__getnewargs__", (self) => wrapOne(plainInt(self))),
  );

  const float = b.float.methods;
  const value = (self: StackRef) => floatValue(s, self);
  float.set(
    "__abs__",
    noArgs("__abs__", (self) => newFloat(s, Math.abs(value(self)))),
  );
  float.set(
    "__float__",
    noArgs("__float__", (self) => newFloat(s, value(self))),
  );
  for (const name of ["__int__", "__trunc__"]) {
    float.set(
      name,
      noArgs(name, (self) => floatToInt(s, value(self))),
    );
  }
  float.set(
    "__floor__",
    noArgs("__floor__", (self) => floatToInt(s, Math.floor(value(self)))),
  );
  float.set(
    "__ceil__",
    noArgs("__ceil__", (self) => floatToInt(s, Math.ceil(value(self)))),
  );
  float.set(
    "__round__",
    round((self, nd) => roundFloat(s, value(self), nd)),
  );
  float.set(
    "__getnewargs__",
    noArgs("__getnewargs__", (self) => wrapOne(newFloat(s, value(self)))),
  );
  b.float.classMethods.set("__getformat__", (_cls, args, nargs, kwnames) => {
    if (!noKeywords(s, "__getformat__", kwnames)) return ERROR;
    if (!checkArgCount(s, "__getformat__", nargs, 1, 1)) return ERROR;
    const kind = i32[args]!;
    if (!isStr(s, kind)) {
      return s.raise(
        s.b.TypeError,
        `__getformat__() argument must be str, not ${s.typeOf(kind).name}`,
      );
    }
    const text = strValue(s, kind);
    if (text !== "double" && text !== "float") {
      return s.raise(s.b.ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
    }
    return newStr(s, "IEEE, little-endian");
  });

  b.str.methods.set(
    "__getnewargs__",
    noArgs("__getnewargs__", (self) => wrapOne(newStr(s, strValue(s, self)))),
  );
  b.tuple.methods.set(
    "__getnewargs__",
    noArgs("__getnewargs__", (self) => {
      const items: StackRef[] = [];
      for (let k = 0; k < tupleLength(s, self); k++) items.push(s.refs.dup(tupleItem(s, self, k)));
      return wrapOne(tupleFromRefs(s, items));
    }),
  );
}
