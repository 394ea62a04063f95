// The methods of str (CPython's Objects/unicodeobject.c and Objects/stringlib), by code point,
// with CPython's argument conventions and error messages.
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { collect } from "./constructors.js";
import { dictSetItem, newDict } from "./dict.js";
import { intFromNumber, intToBigInt, isInt } from "./int.js";
import { STR_KIND_UCS4 } from "./layout.js";
import { listFromRefs } from "./list.js";
import {
  adjustIndices,
  argList,
  asIndex,
  defineMethods,
  noArgs,
  oneArg,
  positional,
  sliceIndex,
} from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strKind, strLength, strValue } from "./str.js";
import { formatMethod, strFormat, strFormatMap } from "./str-format.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import type { VectorCall } from "./type.js";

// ---- character classes (Python's definitions, by code point) ----

/** Python's str.isspace characters (bidirectional WS, B, S, or category Zs). */
const SPACE_CHARS = new Set(
  Array.from(
    "\t\n\v\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
  ),
);
const SPACE = { test: (ch: string): boolean => SPACE_CHARS.has(ch) };
/** Line boundaries of str.splitlines (\r\n counts as one). */
const LINE_BREAKS = new Set(Array.from("\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029"));
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const CJK_NUMERIC = "〇一二三四五六七八九十百千万億兆零壱弐参拾廿卅";

export function isSpaceChar(ch: string): boolean {
  return SPACE.test(ch);
}

function isDecimalChar(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

function isDigitChar(ch: string): boolean {
  if (/\p{Nd}/u.test(ch)) return true;
  if (!/\p{No}/u.test(ch)) return false;
  const folded = ch.normalize("NFKD");
  return folded.length === 1 && /\p{Nd}/u.test(folded);
}

function isNumericChar(ch: string): boolean {
  return /[\p{Nd}\p{Nl}\p{No}]/u.test(ch) || CJK_NUMERIC.includes(ch);
}

function isAlphaChar(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function isCased(ch: string): boolean {
  return /[\p{Lowercase}\p{Uppercase}\p{Lt}]/u.test(ch);
}

function isUpperChar(ch: string): boolean {
  return /\p{Uppercase}/u.test(ch);
}

function isLowerChar(ch: string): boolean {
  return /\p{Lowercase}/u.test(ch);
}

function isTitleChar(ch: string): boolean {
  return /\p{Lt}/u.test(ch);
}

const TITLE_CASE: Record<string, string> = {
  Ǆ: "ǅ",
  ǅ: "ǅ",
  ǆ: "ǅ",
  Ǉ: "ǈ",
  ǈ: "ǈ",
  ǉ: "ǈ",
  Ǌ: "ǋ",
  ǋ: "ǋ",
  ǌ: "ǋ",
  Ǳ: "ǲ",
  ǲ: "ǲ",
  ǳ: "ǲ",
};

/** The title case of one character (JavaScript has upper and lower only). */
function toTitle(ch: string): string {
  const known = TITLE_CASE[ch];
  if (known !== undefined) return known;
  const upper = ch.toUpperCase();
  const cps = Array.from(upper);
  if (cps.length <= 1) return upper;
  return cps[0]! + cps.slice(1).join("").toLowerCase();
}

function title(text: string): string {
  let out = "";
  let previousCased = false;
  for (const ch of text) {
    out += previousCased ? ch.toLowerCase() : toTitle(ch);
    previousCased = isCased(ch);
  }
  return out;
}

function capitalize(text: string): string {
  const cps = Array.from(text);
  if (cps.length === 0) return "";
  return toTitle(cps[0]!) + cps.slice(1).join("").toLowerCase();
}

function swapcase(text: string): string {
  let out = "";
  for (const ch of text) {
    if (isUpperChar(ch)) out += ch.toLowerCase();
    else if (isLowerChar(ch)) out += ch.toUpperCase();
    else out += ch;
  }
  return out;
}

function casefold(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    // Cherokee folds to upper case.
    if ((c >= 0x13f8 && c <= 0x13fd) || (c >= 0xab70 && c <= 0xabbf)) out += ch.toUpperCase();
    else out += ch.toUpperCase().toLowerCase();
  }
  return out;
}

function isIdentifier(text: string): boolean {
  if (text === "") return false;
  const cps = Array.from(text);
  if (cps[0] !== "_" && !/\p{XID_Start}/u.test(cps[0]!)) return false;
  for (let i = 1; i < cps.length; i++) if (!/\p{XID_Continue}/u.test(cps[i]!)) return false;
  return true;
}

/** all(pred) over a non-empty string. */
function every(text: string, pred: (ch: string) => boolean): boolean {
  if (text === "") return false;
  for (const ch of text) if (!pred(ch)) return false;
  return true;
}

function isUpperText(text: string): boolean {
  let cased = false;
  for (const ch of text) {
    if (isLowerChar(ch) || isTitleChar(ch)) return false;
    if (!cased && isUpperChar(ch)) cased = true;
  }
  return cased;
}

function isLowerText(text: string): boolean {
  let cased = false;
  for (const ch of text) {
    if (isUpperChar(ch) || isTitleChar(ch)) return false;
    if (!cased && isLowerChar(ch)) cased = true;
  }
  return cased;
}

function isTitleText(text: string): boolean {
  let cased = false;
  let previousCased = false;
  for (const ch of text) {
    if (isUpperChar(ch) || isTitleChar(ch)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (isLowerChar(ch)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else previousCased = false;
  }
  return cased;
}

// ---- searching by code point ----

/** A receiver's text and whether its code points differ from its UTF-16 units. */
interface Text {
  readonly text: string;
  readonly length: number;
  readonly astral: boolean;
}

function textOf(s: ObjectSpace, ref: StackRef): Text {
  return {
    text: strValue(s, ref),
    length: strLength(s, ref),
    astral: strKind(s, ref) === STR_KIND_UCS4,
  };
}

function cpLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The UTF-16 offset of code point `i`. */
function unitOffset(t: Text, i: number): number {
  if (!t.astral) return i;
  let unit = 0;
  for (let k = 0; k < i && unit < t.text.length; k++) {
    const c = t.text.charCodeAt(unit);
    unit += c >= 0xd800 && c <= 0xdbff && unit + 1 < t.text.length ? 2 : 1;
  }
  return unit;
}

/** Code points [a, b) of a text. */
function cpSlice(t: Text, a: number, b: number): string {
  if (!t.astral) return t.text.slice(a, b);
  return t.text.slice(unitOffset(t, a), unitOffset(t, b));
}

/** Index (code points) of the first or last `sub` within [start, end), or -1. */
function findIn(
  t: Text,
  sub: string,
  start: number | null,
  end: number | null,
  last: boolean,
): number {
  const subLen = cpLength(sub);
  const [a, e] = adjustIndices(start, end, t.length);
  if (e - a < subLen) return -1;
  const ua = unitOffset(t, a);
  const ue = unitOffset(t, e);
  const region = t.text.slice(ua, ue);
  const u = last ? region.lastIndexOf(sub) : region.indexOf(sub);
  if (u < 0) return -1;
  return a + (t.astral ? cpLength(region.slice(0, u)) : u);
}

function countIn(t: Text, sub: string, start: number | null, end: number | null): number {
  const subLen = cpLength(sub);
  const [a, e] = adjustIndices(start, end, t.length);
  if (e - a < subLen) return 0;
  if (subLen === 0) return e - a + 1;
  const region = cpSlice(t, a, e);
  let n = 0;
  for (let i = region.indexOf(sub); i >= 0; i = region.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** CPython's tailmatch: does [start, end) start (or end) with sub? */
function tailMatch(
  t: Text,
  sub: string,
  start: number | null,
  end: number | null,
  atEnd: boolean,
): boolean {
  const subLen = cpLength(sub);
  const [a, eAdj] = adjustIndices(start, end, t.length);
  const e = eAdj - subLen;
  if (e < a) return false;
  if (subLen === 0) return true;
  const at = atEnd ? e : a;
  return cpSlice(t, at, at + subLen) === sub;
}

// ---- splitting ----

const MAX_SPLIT = Number.MAX_SAFE_INTEGER;

function splitWhitespace(text: string, maxsplit: number): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  let count = maxsplit;
  while (count-- > 0) {
    while (i < n && SPACE.test(text[i]!)) i++;
    if (i === n) break;
    const j = i;
    i++;
    while (i < n && !SPACE.test(text[i]!)) i++;
    out.push(text.slice(j, i));
  }
  if (i < n) {
    while (i < n && SPACE.test(text[i]!)) i++;
    if (i !== n) out.push(text.slice(i));
  }
  return out;
}

function rsplitWhitespace(text: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = text.length - 1;
  let count = maxsplit;
  while (count-- > 0) {
    while (i >= 0 && SPACE.test(text[i]!)) i--;
    if (i < 0) break;
    const j = i;
    i--;
    while (i >= 0 && !SPACE.test(text[i]!)) i--;
    out.push(text.slice(i + 1, j + 1));
  }
  if (i >= 0) {
    while (i >= 0 && SPACE.test(text[i]!)) i--;
    if (i >= 0) out.push(text.slice(0, i + 1));
  }
  return out.reverse();
}

function splitSep(text: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let start = 0;
  let count = maxsplit;
  while (count-- > 0) {
    const i = text.indexOf(sep, start);
    if (i < 0) break;
    out.push(text.slice(start, i));
    start = i + sep.length;
  }
  out.push(text.slice(start));
  return out;
}

function rsplitSep(text: string, sep: string, maxsplit: number): string[] {
  const out: string[] = [];
  let end = text.length;
  let count = maxsplit;
  while (count-- > 0) {
    if (end - sep.length < 0) break;
    const i = text.lastIndexOf(sep, end - sep.length);
    if (i < 0) break;
    out.push(text.slice(i + sep.length, end));
    end = i;
  }
  out.push(text.slice(0, end));
  return out.reverse();
}

function splitLines(text: string, keepends: boolean): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!LINE_BREAKS.has(ch)) continue;
    const eol = ch === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
    out.push(text.slice(start, keepends ? eol : i));
    start = eol;
    i = eol - 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function stripChars(text: string, chars: string | null, left: boolean, right: boolean): string {
  const cps = Array.from(text);
  const strip =
    chars === null ? (ch: string) => SPACE.test(ch) : (ch: string) => chars.includes(ch);
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && strip(cps[a]!)) a++;
  if (right) while (b > a && strip(cps[b - 1]!)) b--;
  return a === 0 && b === cps.length ? text : cps.slice(a, b).join("");
}

/** str.expandtabs: tabs to spaces up to the next multiple of `tabsize` columns. */
export function expandTabs(text: string, tabsize: number): string {
  let out = "";
  let column = 0;
  for (const ch of text) {
    if (ch === "\t") {
      if (tabsize > 0) {
        const spaces = tabsize - (column % tabsize);
        out += " ".repeat(spaces);
        column += spaces;
      }
    } else {
      out += ch;
      column++;
      if (ch === "\n" || ch === "\r") column = 0;
    }
  }
  return out;
}

function replace(text: string, old: string, repl: string, count: number): string {
  let n = count < 0 ? MAX_SPLIT : count;
  if (n === 0) return text;
  if (old === "") {
    const cps = Array.from(text);
    let out = "";
    let i = 0;
    for (; i < cps.length && n > 0; i++, n--) out += repl + cps[i]!;
    if (n > 0) return out + repl;
    return out + cps.slice(i).join("");
  }
  let out = "";
  let start = 0;
  while (n-- > 0) {
    const i = text.indexOf(old, start);
    if (i < 0) break;
    out += text.slice(start, i) + repl;
    start = i + old.length;
  }
  return out + text.slice(start);
}

// ---- the methods ----

function newStrList(s: ObjectSpace, parts: readonly string[]): StackRef {
  const refs: StackRef[] = [];
  for (const p of parts) {
    const r = s.newStr(p);
    if (r === ERROR) {
      for (const made of refs) s.refs.close(made);
      return ERROR;
    }
    refs.push(r);
  }
  return listFromRefs(s, refs);
}

function newStrTuple(s: ObjectSpace, parts: readonly string[]): StackRef {
  const refs: StackRef[] = [];
  for (const p of parts) {
    const r = s.newStr(p);
    if (r === ERROR) {
      for (const made of refs) s.refs.close(made);
      return ERROR;
    }
    refs.push(r);
  }
  return tupleFromRefs(s, refs);
}

/** A str argument, or null with "<prefix>must be str, not T" raised. */
function strArg(s: ObjectSpace, v: StackRef, prefix: string): string | null {
  if (isStr(s, v)) return strValue(s, v);
  s.raise(s.b.TypeError, `${prefix}must be str, not ${s.typeOf(v).name}`);
  return null;
}

/** The keyword arguments of a vectorcall as a new dict, or NULL when there are none. */
export function kwargsDict(
  s: ObjectSpace,
  args: number,
  nargs: number,
  kwnames: StackRef,
): StackRef {
  if (kwnames === NULL || tupleLength(s, kwnames) === 0) return NULL;
  const d = newDict(s);
  if (d === ERROR) return ERROR;
  for (let k = 0; k < tupleLength(s, kwnames); k++) {
    if (dictSetItem(s, d, tupleItem(s, kwnames, k), s.i32[args + nargs + k]!) < 0) {
      s.refs.close(d);
      return ERROR;
    }
  }
  return d;
}

function boolMethod(s: ObjectSpace, name: string, pred: (text: string) => boolean): VectorCall {
  return (self, _args, nargs, kwnames) => {
    if (!noArgs(s, `str.${name}`, nargs, kwnames)) return ERROR;
    return s.bool(pred(strValue(s, self)));
  };
}

function textMethod(s: ObjectSpace, name: string, f: (text: string) => string): VectorCall {
  return (self, _args, nargs, kwnames) => {
    if (!noArgs(s, `str.${name}`, nargs, kwnames)) return ERROR;
    return s.newStr(f(strValue(s, self)));
  };
}

function findMethod(s: ObjectSpace, name: string, last: boolean, raise: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!positional(s, `str.${name}`, nargs, kwnames, 1, 3)) return ERROR;
    const sub = strArg(s, s.i32[args]!, `${name}() argument 1 `);
    if (sub === null) return ERROR;
    const start = nargs > 1 ? sliceIndex(s, s.i32[args + 1]!) : null;
    const end = nargs > 2 ? sliceIndex(s, s.i32[args + 2]!) : null;
    if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
    const i = findIn(textOf(s, self), sub, start, end, last);
    if (i < 0 && raise) return s.raise(s.b.ValueError, "substring not found");
    return intFromNumber(s, i);
  };
}

function tailMethod(s: ObjectSpace, name: string, atEnd: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!positional(s, `str.${name}`, nargs, kwnames, 1, 3)) return ERROR;
    const start = nargs > 1 ? sliceIndex(s, s.i32[args + 1]!) : null;
    const end = nargs > 2 ? sliceIndex(s, s.i32[args + 2]!) : null;
    if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
    const t = textOf(s, self);
    const prefix = s.i32[args]!;
    if (isTuple(s, prefix)) {
      for (let i = 0; i < tupleLength(s, prefix); i++) {
        const item = tupleItem(s, prefix, i);
        if (!isStr(s, item)) {
          return s.raise(
            s.b.TypeError,
            `tuple for ${name} must only contain str, not ${s.typeOf(item).name}`,
          );
        }
        if (tailMatch(t, strValue(s, item), start, end, atEnd)) return s.True;
      }
      return s.False;
    }
    if (!isStr(s, prefix)) {
      return s.raise(
        s.b.TypeError,
        `${name} first arg must be str or a tuple of str, not ${s.typeOf(prefix).name}`,
      );
    }
    return s.bool(tailMatch(t, strValue(s, prefix), start, end, atEnd));
  };
}

function splitMethod(s: ObjectSpace, name: string, right: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    const a = parseArgs(s, name, { names: ["sep", "maxsplit"], required: 0 }, args, nargs, kwnames);
    if (a === null) return ERROR;
    let sep: string | null = null;
    if (a[0] !== NULL && a[0] !== s.None) {
      if (!isStr(s, a[0]!)) {
        return s.raise(s.b.TypeError, `must be str or None, not ${s.typeOf(a[0]!).name}`);
      }
      sep = strValue(s, a[0]!);
      if (sep === "") return s.raise(s.b.ValueError, "empty separator");
    }
    let maxsplit = -1;
    if (a[1] !== NULL) {
      const n = asIndex(s, a[1]!);
      if (n === null) return ERROR;
      maxsplit = n;
    }
    if (maxsplit < 0) maxsplit = MAX_SPLIT;
    const text = strValue(s, self);
    let parts: string[];
    if (sep === null)
      parts = right ? rsplitWhitespace(text, maxsplit) : splitWhitespace(text, maxsplit);
    else parts = right ? rsplitSep(text, sep, maxsplit) : splitSep(text, sep, maxsplit);
    return newStrList(s, parts);
  };
}

function stripMethod(s: ObjectSpace, name: string, left: boolean, right: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!positional(s, `str.${name}`, nargs, kwnames, 0, 1)) return ERROR;
    let chars: string | null = null;
    if (nargs === 1 && s.i32[args] !== s.None) {
      const c = s.i32[args]!;
      if (!isStr(s, c)) return s.raise(s.b.TypeError, `${name} arg must be None or str`);
      chars = strValue(s, c);
    }
    return s.newStr(stripChars(strValue(s, self), chars, left, right));
  };
}

function padMethod(s: ObjectSpace, name: string): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!positional(s, `str.${name}`, nargs, kwnames, 1, 2)) return ERROR;
    const width = asIndex(s, s.i32[args]!);
    if (width === null) return ERROR;
    let fill = " ";
    if (nargs === 2) {
      const f = s.i32[args + 1]!;
      if (!isStr(s, f)) {
        return s.raise(
          s.b.TypeError,
          `The fill character must be a unicode character, not ${s.typeOf(f).name}`,
        );
      }
      if (strLength(s, f) !== 1) {
        return s.raise(s.b.TypeError, "The fill character must be exactly one character long");
      }
      fill = strValue(s, f);
    }
    const len = strLength(s, self);
    const text = strValue(s, self);
    if (width <= len) return s.newStr(text);
    if (width > 0x1fffffe8) return s.noMemory();
    const marg = width - len;
    if (name === "ljust") return s.newStr(text + fill.repeat(marg));
    if (name === "rjust") return s.newStr(fill.repeat(marg) + text);
    const left = (marg >> 1) + (marg & width & 1);
    return s.newStr(fill.repeat(left) + text + fill.repeat(marg - left));
  };
}

function affixMethod(s: ObjectSpace, name: string, suffix: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!oneArg(s, `str.${name}`, nargs, kwnames)) return ERROR;
    const a = s.i32[args]!;
    if (!isStr(s, a)) {
      return s.raise(s.b.TypeError, `${name}() argument must be str, not ${s.typeOf(a).name}`);
    }
    const text = strValue(s, self);
    const affix = strValue(s, a);
    if (affix !== "" && (suffix ? text.endsWith(affix) : text.startsWith(affix))) {
      return s.newStr(
        suffix ? text.slice(0, text.length - affix.length) : text.slice(affix.length),
      );
    }
    return s.newStr(text);
  };
}

function partitionMethod(s: ObjectSpace, name: string, right: boolean): VectorCall {
  return (self, args, nargs, kwnames) => {
    if (!oneArg(s, `str.${name}`, nargs, kwnames)) return ERROR;
    const sep = strArg(s, s.i32[args]!, "");
    if (sep === null) return ERROR;
    if (sep === "") return s.raise(s.b.ValueError, "empty separator");
    const text = strValue(s, self);
    const i = right ? text.lastIndexOf(sep) : text.indexOf(sep);
    if (i < 0) return newStrTuple(s, right ? ["", "", text] : [text, "", ""]);
    return newStrTuple(s, [text.slice(0, i), sep, text.slice(i + sep.length)]);
  };
}

function join(s: ObjectSpace, self: StackRef, iterable: StackRef): StackRef {
  if (s.typeOf(iterable).slots.iter === undefined) {
    return s.raise(s.b.TypeError, "can only join an iterable");
  }
  const items = collect(s, iterable);
  if (items === null) return ERROR;
  const parts: string[] = [];
  let result = NULL;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (!isStr(s, item)) {
      result = s.raise(
        s.b.TypeError,
        `sequence item ${i}: expected str instance, ${s.typeOf(item).name} found`,
      );
      break;
    }
    parts.push(strValue(s, item));
  }
  for (const item of items) s.refs.close(item);
  if (result === ERROR) return ERROR;
  return s.newStr(parts.join(strValue(s, self)));
}

function translate(s: ObjectSpace, self: StackRef, table: StackRef): StackRef {
  let out = "";
  const cache = new Map<number, string | null>();
  for (const ch of strValue(s, self)) {
    const c = ch.codePointAt(0)!;
    const known = cache.get(c);
    if (known !== undefined) {
      if (known !== null) out += known;
      continue;
    }
    const v = s.getItem(table, intFromNumber(s, c));
    if (v === ERROR) {
      if (!s.typeOf(s.curexc).isSubtypeOf(s.b.LookupError)) return ERROR;
      s.refs.close(s.fetchException());
      cache.set(c, ch);
      out += ch;
      continue;
    }
    let mapped: string | null;
    if (v === s.None) mapped = null;
    else if (isInt(s, v)) {
      const n = intToBigInt(s, v);
      if (n < 0n || n > 0x10ffffn) {
        s.refs.close(v);
        return s.raise(s.b.ValueError, "character mapping must be in range(0x110000)");
      }
      mapped = String.fromCodePoint(Number(n));
    } else if (isStr(s, v)) mapped = strValue(s, v);
    else {
      s.refs.close(v);
      return s.raise(s.b.TypeError, "character mapping must return integer, None or str");
    }
    s.refs.close(v);
    cache.set(c, mapped);
    if (mapped !== null) out += mapped;
  }
  return s.newStr(out);
}

function maketrans(s: ObjectSpace, args: readonly StackRef[]): StackRef {
  const d = newDict(s);
  if (d === ERROR) return ERROR;
  const fail = (r: StackRef): StackRef => {
    s.refs.close(d);
    return r;
  };
  const put = (key: StackRef, value: StackRef): boolean => dictSetItem(s, d, key, value) === 0;
  const [x, y, z] = args as [StackRef, StackRef | undefined, StackRef | undefined];
  if (y === undefined) {
    const xt = s.typeOf(x);
    if (xt !== s.b.dict && !xt.isSubtypeOf(s.b.dict)) {
      return fail(
        s.raise(s.b.TypeError, "if you give only one argument to maketrans it must be a dict"),
      );
    }
    const keys = collect(s, x);
    if (keys === null) return fail(ERROR);
    let ok = true;
    for (const k of keys) {
      if (!ok) continue;
      const v = s.getItem(x, k);
      if (v === ERROR) {
        ok = false;
        continue;
      }
      if (isStr(s, k)) {
        if (strLength(s, k) !== 1) {
          s.raise(s.b.ValueError, "string keys in translate table must be of length 1");
          ok = false;
        } else ok = put(intFromNumber(s, strValue(s, k).codePointAt(0)!), v);
      } else if (isInt(s, k)) ok = put(k, v);
      else {
        s.raise(s.b.TypeError, "keys in translate table must be strings or integers");
        ok = false;
      }
      s.refs.close(v);
    }
    for (const k of keys) s.refs.close(k);
    return ok ? d : fail(ERROR);
  }
  if (!isStr(s, x)) {
    return fail(
      s.raise(s.b.TypeError, `maketrans() argument 1 must be str, not ${s.typeOf(x).name}`),
    );
  }
  if (!isStr(s, y)) {
    return fail(
      s.raise(s.b.TypeError, `maketrans() argument 2 must be str, not ${s.typeOf(y).name}`),
    );
  }
  if (z !== undefined && !isStr(s, z)) {
    return fail(
      s.raise(s.b.TypeError, `maketrans() argument 3 must be str, not ${s.typeOf(z).name}`),
    );
  }
  const from = Array.from(strValue(s, x));
  const to = Array.from(strValue(s, y));
  if (from.length !== to.length) {
    return fail(
      s.raise(s.b.ValueError, "the first two maketrans arguments must have equal length"),
    );
  }
  for (let i = 0; i < from.length; i++) {
    if (
      !put(intFromNumber(s, from[i]!.codePointAt(0)!), intFromNumber(s, to[i]!.codePointAt(0)!))
    ) {
      return fail(ERROR);
    }
  }
  if (z !== undefined) {
    for (const ch of strValue(s, z)) {
      if (!put(intFromNumber(s, ch.codePointAt(0)!), s.None)) return fail(ERROR);
    }
  }
  return d;
}

export function installStrMethods(s: ObjectSpace, b: Builtins): void {
  defineMethods(b.str.methods, {
    join: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "str.join", nargs, kwnames)) return ERROR;
      return join(s, self, s.i32[args]!);
    },
    split: splitMethod(s, "split", false),
    rsplit: splitMethod(s, "rsplit", true),
    splitlines: (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "splitlines",
        { names: ["keepends"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      let keepends = false;
      if (a[0] !== NULL) {
        if (s.typeOf(a[0]!) === s.b.float) {
          return s.raise(s.b.TypeError, "'float' object cannot be interpreted as an integer");
        }
        const t = s.isTrue(a[0]!);
        if (t < 0) return ERROR;
        keepends = t === 1;
      }
      return newStrList(s, splitLines(strValue(s, self), keepends));
    },
    strip: stripMethod(s, "strip", true, true),
    lstrip: stripMethod(s, "lstrip", true, false),
    rstrip: stripMethod(s, "rstrip", false, true),
    replace: (self, args, nargs, kwnames) => {
      const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
      if (nargs < 2) {
        return s.raise(
          s.b.TypeError,
          `replace() takes at least 2 positional arguments (${nargs} given)`,
        );
      }
      if (nargs + nkw > 3) {
        return s.raise(s.b.TypeError, `replace() takes at most 3 arguments (${nargs + nkw} given)`);
      }
      const a = parseArgs(
        s,
        "replace",
        { names: ["old", "new", "count"], required: 2, positionalOnly: 2 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      const old = strArg(s, a[0]!, "replace() argument 1 ");
      if (old === null) return ERROR;
      const repl = strArg(s, a[1]!, "replace() argument 2 ");
      if (repl === null) return ERROR;
      let count = -1;
      if (a[2] !== NULL) {
        const n = asIndex(s, a[2]!);
        if (n === null) return ERROR;
        count = n;
      }
      const out = replace(strValue(s, self), old, repl, count);
      if (out.length > 0x1fffffe8) return s.noMemory();
      return s.newStr(out);
    },
    find: findMethod(s, "find", false, false),
    rfind: findMethod(s, "rfind", true, false),
    index: findMethod(s, "index", false, true),
    rindex: findMethod(s, "rindex", true, true),
    count: (self, args, nargs, kwnames) => {
      if (!positional(s, "str.count", nargs, kwnames, 1, 3)) return ERROR;
      const sub = strArg(s, s.i32[args]!, "count() argument 1 ");
      if (sub === null) return ERROR;
      const start = nargs > 1 ? sliceIndex(s, s.i32[args + 1]!) : null;
      const end = nargs > 2 ? sliceIndex(s, s.i32[args + 2]!) : null;
      if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
      return intFromNumber(s, countIn(textOf(s, self), sub, start, end));
    },
    startswith: tailMethod(s, "startswith", false),
    endswith: tailMethod(s, "endswith", true),
    upper: textMethod(s, "upper", (t) => t.toUpperCase()),
    lower: textMethod(s, "lower", (t) => t.toLowerCase()),
    capitalize: textMethod(s, "capitalize", capitalize),
    title: textMethod(s, "title", title),
    swapcase: textMethod(s, "swapcase", swapcase),
    casefold: textMethod(s, "casefold", casefold),
    center: padMethod(s, "center"),
    ljust: padMethod(s, "ljust"),
    rjust: padMethod(s, "rjust"),
    zfill: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "str.zfill", nargs, kwnames)) return ERROR;
      const width = asIndex(s, s.i32[args]!);
      if (width === null) return ERROR;
      const text = strValue(s, self);
      const len = strLength(s, self);
      if (width <= len) return s.newStr(text);
      if (width > 0x1fffffe8) return s.noMemory();
      const zeros = "0".repeat(width - len);
      if (text.startsWith("+") || text.startsWith("-")) {
        return s.newStr(text[0]! + zeros + text.slice(1));
      }
      return s.newStr(zeros + text);
    },
    isdigit: boolMethod(s, "isdigit", (t) => every(t, isDigitChar)),
    isdecimal: boolMethod(s, "isdecimal", (t) => every(t, isDecimalChar)),
    isnumeric: boolMethod(s, "isnumeric", (t) => every(t, isNumericChar)),
    isalpha: boolMethod(s, "isalpha", (t) => every(t, isAlphaChar)),
    isalnum: boolMethod(s, "isalnum", (t) =>
      every(
        t,
        (ch) => isAlphaChar(ch) || isDecimalChar(ch) || isDigitChar(ch) || isNumericChar(ch),
      ),
    ),
    isspace: boolMethod(s, "isspace", (t) => every(t, isSpaceChar)),
    isupper: boolMethod(s, "isupper", isUpperText),
    islower: boolMethod(s, "islower", isLowerText),
    istitle: boolMethod(s, "istitle", isTitleText),
    isidentifier: boolMethod(s, "isidentifier", isIdentifier),
    isascii: boolMethod(s, "isascii", (t) => {
      for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) > 0x7f) return false;
      return true;
    }),
    isprintable: boolMethod(s, "isprintable", (t) => {
      for (const ch of t) if (ch !== " " && NON_PRINTABLE.test(ch)) return false;
      return true;
    }),
    partition: partitionMethod(s, "partition", false),
    rpartition: partitionMethod(s, "rpartition", true),
    expandtabs: (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "expandtabs",
        { names: ["tabsize"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      let tabsize = 8;
      if (a[0] !== NULL) {
        const n = asIndex(s, a[0]!);
        if (n === null) return ERROR;
        tabsize = n;
      }
      return s.newStr(expandTabs(strValue(s, self), tabsize));
    },
    format: (self, args, nargs, kwnames) => {
      const kwargs = kwargsDict(s, args, nargs, kwnames);
      if (kwargs === ERROR) return ERROR;
      const r = strFormat(s, strValue(s, self), argList(s, args, nargs), kwargs);
      if (kwargs !== NULL) s.refs.close(kwargs);
      return r;
    },
    format_map: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "str.format_map", nargs, kwnames)) return ERROR;
      return strFormatMap(s, strValue(s, self), s.i32[args]!);
    },
    __format__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "str.__format__", nargs, kwnames)) return ERROR;
      return formatMethod(s, self, s.i32[args]!);
    },
    removeprefix: affixMethod(s, "removeprefix", false),
    removesuffix: affixMethod(s, "removesuffix", true),
    translate: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "str.translate", nargs, kwnames)) return ERROR;
      return translate(s, self, s.i32[args]!);
    },
  });
  // A static method in CPython; here a class method that ignores its class.
  defineMethods(b.str.classMethods, {
    maketrans: (_self, args, nargs, kwnames) => {
      if (!positional(s, "str.maketrans", nargs, kwnames, 1, 3)) return ERROR;
      return maketrans(s, argList(s, args, nargs));
    },
  });
}
