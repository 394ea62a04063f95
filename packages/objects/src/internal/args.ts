// Argument parsing for builtin functions (CPython's Argument Clinic, in small): positional and
// keyword arguments matched to named parameters, with CPython's error messages.
import { NULL, type StackRef } from "@skein/stackref";
import type { ObjectSpace } from "./space.js";
import { tupleItem, tupleLength } from "./tuple.js";

export interface ParamSpec {
  /** Parameter names in order; a name starting with `*` is keyword-only. */
  readonly names: readonly string[];
  /** How many leading parameters are required. */
  readonly required: number;
  /** How many leading parameters are positional-only (CPython's `/`). */
  readonly positionalOnly?: number;
}

/**
 * Match a vectorcall's arguments to `spec`. Returns the borrowed references (NULL for a missing
 * optional parameter), or null with TypeError set.
 */
export function parseArgs(
  s: ObjectSpace,
  fname: string,
  spec: ParamSpec,
  args: number,
  nargs: number,
  kwnames: StackRef,
): StackRef[] | null {
  const names = spec.names.map((n) => n.replace(/^\*/, ""));
  const kwOnlyStart = spec.names.findIndex((n) => n.startsWith("*"));
  const maxPositional = kwOnlyStart < 0 ? names.length : kwOnlyStart;
  const out: StackRef[] = names.map(() => NULL);
  const i32 = s.i32;
  if (nargs > maxPositional) {
    s.raise(
      s.b.TypeError,
      maxPositional === spec.required
        ? `${fname}() takes exactly ${maxPositional} argument${maxPositional === 1 ? "" : "s"} (${nargs} given)`
        : `${fname}() takes at most ${maxPositional} argument${maxPositional === 1 ? "" : "s"} (${nargs} given)`,
    );
    return null;
  }
  for (let i = 0; i < nargs; i++) out[i] = i32[args + i]!;
  const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
  for (let k = 0; k < nkw; k++) {
    const key = s.strValue(tupleItem(s, kwnames, k));
    const index = names.indexOf(key);
    if (index < 0 || index < (spec.positionalOnly ?? 0)) {
      s.raise(s.b.TypeError, `${fname}() got an unexpected keyword argument '${key}'`);
      return null;
    }
    if (out[index] !== NULL) {
      s.raise(
        s.b.TypeError,
        `argument for ${fname}() given by name ('${key}') and position (${index + 1})`,
      );
      return null;
    }
    out[index] = i32[args + nargs + k]!;
  }
  for (let i = 0; i < spec.required; i++) {
    if (out[i] === NULL) {
      s.raise(s.b.TypeError, `${fname}() missing required argument '${names[i]}' (pos ${i + 1})`);
      return null;
    }
  }
  return out;
}

/** Refuse keyword arguments, as CPython's METH_VARARGS functions do. */
export function noKeywords(s: ObjectSpace, fname: string, kwnames: StackRef): boolean {
  if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
    s.raise(s.b.TypeError, `${fname}() takes no keyword arguments`);
    return false;
  }
  return true;
}

/** Check a positional argument count (CPython's "expected at most N arguments, got M"). */
export function checkArgCount(
  s: ObjectSpace,
  fname: string,
  nargs: number,
  min: number,
  max: number,
): boolean {
  if (nargs < min) {
    s.raise(
      s.b.TypeError,
      min === max
        ? `${fname}() takes exactly ${min} argument${min === 1 ? "" : "s"} (${nargs} given)`
        : `${fname} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${nargs}`,
    );
    return false;
  }
  if (nargs > max) {
    s.raise(
      s.b.TypeError,
      min === max
        ? `${fname}() takes exactly ${max} argument${max === 1 ? "" : "s"} (${nargs} given)`
        : `${fname} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${nargs}`,
    );
    return false;
  }
  return true;
}
