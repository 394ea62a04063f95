// Argument checks of builtin methods, with the messages CPython's calling conventions give:
// METH_NOARGS, METH_O, METH_VARARGS (_PyArg_CheckPositional) and index conversion.
import { NULL, type StackRef } from "@skein/stackref";
import { intToBigInt, isInt } from "./int.js";
import type { ObjectSpace } from "./space.js";
import { tupleLength } from "./tuple.js";
import type { VectorCall } from "./type.js";

function hasKeywords(s: ObjectSpace, kwnames: StackRef): boolean {
  return kwnames !== NULL && tupleLength(s, kwnames) > 0;
}

/** METH_NOARGS: `qualname` is e.g. "str.upper". */
export function noArgs(
  s: ObjectSpace,
  qualname: string,
  nargs: number,
  kwnames: StackRef,
): boolean {
  if (hasKeywords(s, kwnames)) {
    s.raise(s.b.TypeError, `${qualname}() takes no keyword arguments`);
    return false;
  }
  if (nargs !== 0) {
    s.raise(s.b.TypeError, `${qualname}() takes no arguments (${nargs} given)`);
    return false;
  }
  return true;
}

/** METH_O: exactly one positional argument. */
export function oneArg(
  s: ObjectSpace,
  qualname: string,
  nargs: number,
  kwnames: StackRef,
): boolean {
  if (hasKeywords(s, kwnames)) {
    s.raise(s.b.TypeError, `${qualname}() takes no keyword arguments`);
    return false;
  }
  if (nargs !== 1) {
    s.raise(s.b.TypeError, `${qualname}() takes exactly one argument (${nargs} given)`);
    return false;
  }
  return true;
}

/** METH_VARARGS with _PyArg_CheckPositional(name, nargs, min, max). */
export function positional(
  s: ObjectSpace,
  qualname: string,
  nargs: number,
  kwnames: StackRef,
  min: number,
  max: number,
): boolean {
  if (hasKeywords(s, kwnames)) {
    s.raise(s.b.TypeError, `${qualname}() takes no keyword arguments`);
    return false;
  }
  const name = qualname.slice(qualname.indexOf(".") + 1);
  const plural = (n: number) => (n === 1 ? "" : "s");
  if (nargs < min) {
    const what = min === max ? "" : "at least ";
    s.raise(s.b.TypeError, `${name} expected ${what}${min} argument${plural(min)}, got ${nargs}`);
    return false;
  }
  if (nargs > max) {
    const what = min === max ? "" : "at most ";
    s.raise(s.b.TypeError, `${name} expected ${what}${max} argument${plural(max)}, got ${nargs}`);
    return false;
  }
  return true;
}

/**
 * PyNumber_AsSsize_t of an int (OverflowError past 64 bits), as a double; null with the exception
 * set. Non-ints raise "'T' object cannot be interpreted as an integer".
 */
export function asIndex(s: ObjectSpace, v: StackRef): number | null {
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
    return null;
  }
  const n = intToBigInt(s, v);
  if (n > 9223372036854775807n || n < -9223372036854775808n) {
    s.raise(s.b.OverflowError, "Python int too large to convert to C ssize_t");
    return null;
  }
  return Number(n);
}

/** A start/end argument of find, count, ...: null for None or missing, NaN on error. */
export function sliceIndex(s: ObjectSpace, v: StackRef): number | null {
  if (v === NULL || v === s.None) return null;
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, "slice indices must be integers or None or have an __index__ method");
    return Number.NaN;
  }
  const n = intToBigInt(s, v);
  // _PyEval_SliceIndex clamps to the ssize_t range.
  if (n > 9223372036854775807n) return Number.MAX_SAFE_INTEGER;
  if (n < -9223372036854775808n) return -Number.MAX_SAFE_INTEGER;
  return Number(n);
}

/** CPython's ADJUST_INDICES: [start, end] clipped to [0, len]. */
export function adjustIndices(
  start: number | null,
  end: number | null,
  len: number,
): [number, number] {
  let a = start ?? 0;
  let e = end ?? len;
  if (e > len) e = len;
  else if (e < 0) {
    e += len;
    if (e < 0) e = 0;
  }
  if (a < 0) {
    a += len;
    if (a < 0) a = 0;
  }
  return [a, e];
}

/** Register methods on a type's method table. */
export function defineMethods(
  table: Map<string, VectorCall>,
  methods: Record<string, VectorCall>,
): void {
  for (const [name, impl] of Object.entries(methods)) table.set(name, impl);
}

/** The borrowed positional arguments of a vectorcall as an array. */
export function argList(s: ObjectSpace, args: number, nargs: number): StackRef[] {
  const out: StackRef[] = [];
  for (let i = 0; i < nargs; i++) out.push(s.i32[args + i]!);
  return out;
}
