// The constructors of the builtin value types (their tp_new): int(), float(), str(), bool(),
// list(), tuple(), dict(), with CPython's conversions and error messages.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords, parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { genericGetAttrOrNull } from "./classes.js";
import { dictNextEntry, dictSetItem, entryKey, entryValue, isDict, newDict } from "./dict.js";
import { floatValue, isFloat, newFloat } from "./float.js";
import { INT_MAX_STR_DIGITS, intFromBigInt, intToBigInt, intToNumber, isInt } from "./int.js";
import { listAppend, newList } from "./list.js";
import type { ObjectSpace } from "./space.js";
import { isStr, reprString, strValue } from "./str.js";
import { tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import type { VectorCall } from "./type.js";

/** Iterate `iterable` into new references; null with the exception set. */
export function collect(s: ObjectSpace, iterable: StackRef): StackRef[] | null {
  const it = s.getIter(iterable);
  if (it === ERROR) return null;
  const items: StackRef[] = [];
  for (;;) {
    const v = s.iterNext(it);
    if (v === NULL) break;
    if (v === ERROR) {
      s.refs.close(it);
      for (const item of items) s.refs.close(item);
      return null;
    }
    items.push(v);
  }
  s.refs.close(it);
  return items;
}

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

/** int(text, base) with CPython's rules: whitespace, sign, underscores between digits, prefixes. */
export function parseIntLiteral(text: string, base: number): bigint | null {
  let t = text.trim();
  let negative = false;
  if (t.startsWith("+") || t.startsWith("-")) {
    negative = t[0] === "-";
    t = t.slice(1);
  }
  const prefixes: Record<string, number> = { "0x": 16, "0o": 8, "0b": 2 };
  const prefix = prefixes[t.slice(0, 2).toLowerCase()];
  if (prefix !== undefined && (base === 0 || base === prefix)) {
    base = prefix;
    t = t.slice(2);
    if (t.startsWith("_")) t = t.slice(1);
  } else if (base === 0) {
    if (/^0+(_?0)*$/.test(t)) return 0n;
    if (t.startsWith("0")) return null;
    base = 10;
  }
  if (t === "" || t.startsWith("_") || t.endsWith("_") || t.includes("__")) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const ch of t.toLowerCase()) {
    if (ch === "_") continue;
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) {
      // Unicode decimal digits (e.g. Arabic-Indic) count as digits, as in CPython.
      const n = unicodeDigit(ch);
      if (Number.isNaN(n) || n >= base) return null;
      v = v * b + BigInt(n);
      continue;
    }
    v = v * b + BigInt(d);
  }
  return negative ? -v : v;
}

/**
 * The value of a Unicode decimal digit (category Nd), NaN for other characters. Nd digits come
 * in runs of ten from zero, so the value is the distance from the run's start, modulo 10.
 */
function unicodeDigit(ch: string): number {
  const nd = /\p{Nd}/u;
  if (!nd.test(ch)) return Number.NaN;
  const cp = ch.codePointAt(0)!;
  let k = 0;
  while (k < 10 && nd.test(String.fromCodePoint(cp - k - 1))) k++;
  return k % 10;
}

/** float(text) with Python's accepted spellings. */
export function parseFloatLiteral(text: string): number | null {
  const t = text.trim().toLowerCase();
  const m = /^([+-]?)(inf|infinity|nan)$/.exec(t);
  if (m !== null) {
    const v = m[2] === "nan" ? Number.NaN : Number.POSITIVE_INFINITY;
    return m[1] === "-" ? -v : v;
  }
  if (!/^[+-]?((\d(_?\d)*)?\.?\d(_?\d)*|\d(_?\d)*\.)(e[+-]?\d(_?\d)*)?$/.test(t)) return null;
  return Number(t.replaceAll("_", ""));
}

export function installConstructors(s: ObjectSpace, b: Builtins): void {
  b.int.slots.new = (_type, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "int",
      { names: ["x", "base"], required: 0, positionalOnly: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const [x, baseRef] = a as [StackRef, StackRef];
    if (x === NULL) {
      if (baseRef !== NULL) return s.raise(s.b.TypeError, "int() missing string argument");
      return 3; // tagged 0
    }
    if (baseRef !== NULL) {
      if (!isStr(s, x)) {
        return s.raise(s.b.TypeError, "int() can't convert non-string with explicit base");
      }
      const base = intToNumber(s, baseRef);
      if (base !== 0 && (base < 2 || base > 36)) {
        return s.raise(s.b.ValueError, "int() base must be >= 2 and <= 36, or 0");
      }
      return intFromText(s, x, base);
    }
    if (isInt(s, x)) return intFromBigInt(s, intToBigInt(s, x));
    if (isFloat(s, x)) {
      const v = floatValue(s, x);
      if (Number.isNaN(v)) return s.raise(s.b.ValueError, "cannot convert float NaN to integer");
      if (!Number.isFinite(v)) {
        return s.raise(s.b.OverflowError, "cannot convert float infinity to integer");
      }
      return intFromBigInt(s, BigInt(Math.trunc(v)));
    }
    if (isStr(s, x)) return intFromText(s, x, 10);
    return s.raise(
      s.b.TypeError,
      `int() argument must be a string, a bytes-like object or a real number, not '${s.typeOf(x).name}'`,
    );
  };
  b.float.slots.new = (_type, args, nargs, kwnames) => {
    if (!noKeywords(s, "float", kwnames) || !checkArgCount(s, "float", nargs, 0, 1)) return ERROR;
    if (nargs === 0) return newFloat(s, 0);
    const x = s.i32[args]!;
    if (isFloat(s, x)) return newFloat(s, floatValue(s, x));
    if (isInt(s, x)) {
      const v = intToBigInt(s, x);
      const f = Number(v);
      if (!Number.isFinite(f))
        return s.raise(s.b.OverflowError, "int too large to convert to float");
      return newFloat(s, f);
    }
    if (isStr(s, x)) {
      const v = parseFloatLiteral(strValue(s, x));
      if (v === null) {
        return s.raise(
          s.b.ValueError,
          `could not convert string to float: ${reprString(strValue(s, x))}`,
        );
      }
      return newFloat(s, v);
    }
    return s.raise(
      s.b.TypeError,
      `float() argument must be a string or a real number, not '${s.typeOf(x).name}'`,
    );
  };
  b.str.slots.new = (_type, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "str",
      { names: ["object", "encoding", "errors"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    if (a[0] === NULL) return s.intern("");
    return s.str(a[0]!);
  };
  b.bool.slots.new = (_type, args, nargs, kwnames) => {
    if (!noKeywords(s, "bool", kwnames) || !checkArgCount(s, "bool", nargs, 0, 1)) return ERROR;
    if (nargs === 0) return s.False;
    const t = s.isTrue(s.i32[args]!);
    return t < 0 ? ERROR : s.bool(t === 1);
  };
  b.list.slots.new = (_type, args, nargs, kwnames) => {
    if (!noKeywords(s, "list", kwnames) || !checkArgCount(s, "list", nargs, 0, 1)) return ERROR;
    const list = newList(s);
    if (list === ERROR || nargs === 0) return list;
    const items = collect(s, s.i32[args]!);
    if (items === null) {
      s.refs.close(list);
      return ERROR;
    }
    for (const item of items) {
      if (listAppend(s, list, item) < 0) {
        s.refs.close(list);
        return ERROR;
      }
    }
    return list;
  };
  b.tuple.slots.new = (_type, args, nargs, kwnames) => {
    if (!noKeywords(s, "tuple", kwnames) || !checkArgCount(s, "tuple", nargs, 0, 1)) return ERROR;
    if (nargs === 0) return tupleFromRefs(s, []);
    const x = s.i32[args]!;
    if (s.typeOf(x) === b.tuple) return s.refs.asOwned(x);
    const items = collect(s, x);
    return items === null ? ERROR : tupleFromRefs(s, items);
  };
  // dict.__init__: what a subclass's instances get their items from (dict_init).
  const dictInit: VectorCall = (self, args, nargs, kwnames) => {
    if (!checkArgCount(s, "dict", nargs, 0, 1)) return ERROR;
    if (nargs === 1 && dictUpdate(s, self, s.i32[args]!) < 0) return ERROR;
    const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
    for (let k = 0; k < nkw; k++) {
      if (dictSetItem(s, self, tupleItem(s, kwnames, k), s.i32[args + nargs + k]!) < 0) {
        return ERROR;
      }
    }
    return s.None;
  };
  b.dict.methods.set("__init__", dictInit);
  b.dict.slots.new = (type, args, nargs, kwnames) => {
    const cls = s.typeFromAddr(type & ~TAG_MASK);
    // A subclass's instance starts empty: its __init__ (dict's, or one calling it) fills it.
    if (cls !== b.dict) return newDict(s, 0, cls);
    if (!checkArgCount(s, "dict", nargs, 0, 1)) return ERROR;
    const d = newDict(s);
    if (d === ERROR) return ERROR;
    if (nargs === 1 && dictUpdate(s, d, s.i32[args]!) < 0) {
      s.refs.close(d);
      return ERROR;
    }
    const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
    for (let k = 0; k < nkw; k++) {
      if (dictSetItem(s, d, tupleItem(s, kwnames, k), s.i32[args + nargs + k]!) < 0) {
        s.refs.close(d);
        return ERROR;
      }
    }
    return d;
  };
}

function intFromText(s: ObjectSpace, x: StackRef, base: number): StackRef {
  const text = strValue(s, x);
  // The conversion limit holds for bases that are not powers of two (CPython counts digits).
  if ((base & (base - 1)) !== 0 || base === 0) {
    const digits = text.replace(/^\s*[+-]?(0[xob])?|[\s_]/gi, "").length;
    if (digits > INT_MAX_STR_DIGITS && !/^\s*[+-]?0[xob]/i.test(text)) {
      return s.raise(
        s.b.ValueError,
        `Exceeds the limit (${INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
      );
    }
  }
  const v = parseIntLiteral(text, base);
  if (v === null) {
    return s.raise(
      s.b.ValueError,
      `invalid literal for int() with base ${base}: ${reprString(text)}`,
    );
  }
  return intFromBigInt(s, v);
}

/** dict.update from a dict or an iterable of pairs; 0 or -1. */
export function dictUpdate(s: ObjectSpace, d: StackRef, source: StackRef): number {
  if (isDict(s, source)) {
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, source, pos);
      if (e === 0) return 0;
      pos = s.iterPos;
      if (dictSetItem(s, d, entryKey(s, e), entryValue(s, e)) < 0) return -1;
    }
  }
  // A mapping (anything with keys()): its keys, then source[key] for each (PyDict_Merge).
  const keysFn = genericGetAttrOrNull(s, source, "keys");
  if (keysFn === ERROR) return -1;
  if (keysFn !== NULL) {
    const keys = s.call(keysFn, []);
    s.refs.close(keysFn);
    const list = keys === ERROR ? null : collect(s, keys);
    if (keys !== ERROR) s.refs.close(keys);
    if (list === null) return -1;
    let r = 0;
    for (const k of list) {
      const v = r < 0 ? ERROR : s.getItem(source, k);
      if (v !== ERROR) {
        r = dictSetItem(s, d, k, v);
        s.refs.close(v);
      } else r = -1;
      s.refs.close(k);
    }
    return r;
  }
  const items = collect(s, source);
  if (items === null) return -1;
  let result = 0;
  for (let i = 0; i < items.length; i++) {
    const pair = collect(s, items[i]!);
    if (pair === null) {
      if (s.isInstance(s.curexc, s.b.TypeError)) {
        s.raise(
          s.b.TypeError,
          `cannot convert dictionary update sequence element #${i} to a sequence`,
        );
      }
      result = -1;
      break;
    }
    if (pair.length !== 2) {
      s.raise(
        s.b.ValueError,
        `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`,
      );
      for (const p of pair) s.refs.close(p);
      result = -1;
      break;
    }
    const r = dictSetItem(s, d, pair[0]!, pair[1]!);
    s.refs.close(pair[0]!);
    s.refs.close(pair[1]!);
    if (r < 0) {
      result = -1;
      break;
    }
  }
  for (const item of items) s.refs.close(item);
  return result;
}
