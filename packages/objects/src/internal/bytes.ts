// bytes (immutable, the bytes inline in the object) and bytearray (mutable, a separately
// allocated block grown as CPython's bytearray_resize), with CPython 3.13's reprs, operators,
// methods, codecs (utf-8, ascii, latin-1) and error messages.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { isSlice, sliceIndices } from "./cell-slice.js";
import { collect } from "./constructors.js";
import { compareResult, intFromBigInt, intToBigInt, isInt } from "./int.js";
import {
  BYTEARRAY_CAPACITY,
  BYTEARRAY_DATA,
  BYTEARRAY_LENGTH,
  BYTEARRAY_SIZE,
  BYTES_DATA,
  BYTES_FLAGS,
  BYTES_HASH,
  BYTES_HASHED,
  BYTES_LENGTH,
  TPFLAGS_BASETYPE,
  TPFLAGS_BYTES_SUBCLASS,
} from "./layout.js";
import { listFromRefs } from "./list.js";
import { repeatByNonInt } from "./list-methods.js";
import {
  adjustIndices,
  asIndex,
  defineMethods,
  noArgs,
  oneArg,
  positional,
  sliceIndex,
} from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { expandTabs } from "./str-methods.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { NB, type PyType, type VectorCall } from "./type.js";

// ---- storage ----

/** A new bytes object holding a copy of `data`. */
export function newBytes(s: ObjectSpace, data: Uint8Array): StackRef {
  const addr = s.allocObject(s.b.bytes, BYTES_DATA + data.length);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + BYTES_LENGTH) >> 2] = data.length;
  i32[(addr + BYTES_FLAGS) >> 2] = 0;
  s.u8.set(data, addr + BYTES_DATA);
  return addr;
}

export function isBytes(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_BYTES_SUBCLASS) !== 0;
}

export function isByteArray(s: ObjectSpace, ref: StackRef): boolean {
  return (ref & 3) !== 3 && s.typeOf(ref).isSubtypeOf(s.b.bytearray);
}

export function bytesLength(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + BYTES_LENGTH) >> 2]!;
}

/** A live view of a bytes object's data (valid while the object is). */
export function bytesView(s: ObjectSpace, ref: StackRef): Uint8Array {
  const addr = (ref & ~TAG_MASK) + BYTES_DATA;
  return s.u8.subarray(addr, addr + bytesLength(s, ref));
}

/** A new bytearray holding a copy of `data`. */
export function newByteArray(s: ObjectSpace, data: Uint8Array, type?: PyType): StackRef {
  const addr = s.allocInstance(type ?? s.b.bytearray, BYTEARRAY_SIZE);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + BYTEARRAY_LENGTH) >> 2] = 0;
  i32[(addr + BYTEARRAY_CAPACITY) >> 2] = 0;
  i32[(addr + BYTEARRAY_DATA) >> 2] = 0;
  if (data.length > 0) {
    if (!byteArrayResize(s, addr, data.length)) {
      s.refs.close(addr);
      return ERROR;
    }
    s.u8.set(data, i32[(addr + BYTEARRAY_DATA) >> 2]!);
  }
  return addr;
}

function byteArrayLength(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + BYTEARRAY_LENGTH) >> 2]!;
}

function byteArrayView(s: ObjectSpace, ref: StackRef): Uint8Array {
  const a = ref & ~TAG_MASK;
  const data = s.i32[(a + BYTEARRAY_DATA) >> 2]!;
  return s.u8.subarray(data, data + s.i32[(a + BYTEARRAY_LENGTH) >> 2]!);
}

/** Set the length, growing the block as CPython does; false with MemoryError set. */
function byteArrayResize(s: ObjectSpace, ref: StackRef, n: number): boolean {
  const a = ref & ~TAG_MASK;
  const i32 = s.i32;
  const capacity = i32[(a + BYTEARRAY_CAPACITY) >> 2]!;
  if (n <= capacity && n >= capacity >> 1) {
    i32[(a + BYTEARRAY_LENGTH) >> 2] = n;
    return true;
  }
  const length = i32[(a + BYTEARRAY_LENGTH) >> 2]!;
  const grown = n === 0 ? 0 : n > length && n < length * 1.125 ? n + (n >> 3) : n;
  const old = i32[(a + BYTEARRAY_DATA) >> 2]!;
  let data = 0;
  if (grown > 0) {
    data = old === 0 ? s.heap.alloc(grown) : s.heap.realloc(old, grown);
    if (data === 0) {
      s.noMemory();
      return false;
    }
  } else if (old !== 0) s.heap.free(old);
  i32[(a + BYTEARRAY_DATA) >> 2] = data;
  i32[(a + BYTEARRAY_CAPACITY) >> 2] = grown;
  i32[(a + BYTEARRAY_LENGTH) >> 2] = n;
  return true;
}

/** Replace the whole content of a bytearray. */
function byteArraySet(s: ObjectSpace, ref: StackRef, data: Uint8Array): boolean {
  const copy = data.slice();
  if (!byteArrayResize(s, ref, copy.length)) return false;
  if (copy.length > 0) s.u8.set(copy, s.i32[((ref & ~TAG_MASK) + BYTEARRAY_DATA) >> 2]!);
  return true;
}

/** The data of a bytes or bytearray (a copy), or null when `ref` is neither. */
export function bytesLike(s: ObjectSpace, ref: StackRef): Uint8Array | null {
  if (isBytes(s, ref)) return bytesView(s, ref).slice();
  if (isByteArray(s, ref)) return byteArrayView(s, ref).slice();
  return null;
}

/** A result of the receiver's kind: bytes for bytes, bytearray for bytearray. */
function same(s: ObjectSpace, self: StackRef, data: Uint8Array): StackRef {
  return isByteArray(s, self) ? newByteArray(s, data) : newBytes(s, data);
}

function kindName(s: ObjectSpace, self: StackRef): string {
  return isByteArray(s, self) ? "bytearray" : "bytes";
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// ---- repr and hash ----

/** CPython's bytes repr: b'...' with the quote it prefers. */
export function reprBytes(data: Uint8Array, bytearray = false): string {
  let squote = false;
  let dquote = false;
  for (const c of data) {
    if (c === 0x27) squote = true;
    else if (c === 0x22) dquote = true;
  }
  const quote = squote && !dquote ? 0x22 : 0x27;
  let out = quote === 0x22 ? 'b"' : "b'";
  for (const c of data) {
    // bytearray's repr escapes ' whatever the quote (CPython's bytearray_repr).
    if (c === quote || c === 0x5c || (bytearray && c === 0x27)) {
      out += `\\${String.fromCharCode(c)}`;
    } else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** FNV-1a in two 32-bit lanes (CPython's bytes hash is randomized); hash(b'') is 0 as there. */
function bytesHash(s: ObjectSpace, self: StackRef): number {
  const addr = self & ~TAG_MASK;
  const i32 = s.i32;
  if ((i32[(addr + BYTES_FLAGS) >> 2]! & BYTES_HASHED) !== 0) {
    return s.hashResult(i32[(addr + BYTES_HASH) >> 2]!, i32[(addr + BYTES_HASH + 4) >> 2]!);
  }
  const data = bytesView(s, self);
  let lo = 0;
  let hi = 0;
  if (data.length > 0) {
    lo = 0x811c9dc5 | 0;
    hi = 0x050c5d1f | 0;
    for (const c of data) {
      lo = Math.imul(lo ^ c, 0x01000193);
      hi = Math.imul(hi ^ c ^ (lo >>> 24), 0x01000193);
    }
    if (lo === -1 && hi === -1) lo = -2;
  }
  i32[(addr + BYTES_HASH) >> 2] = lo;
  i32[(addr + BYTES_HASH + 4) >> 2] = hi;
  i32[(addr + BYTES_FLAGS) >> 2]! |= BYTES_HASHED;
  return s.hashResult(lo, hi);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

// ---- codecs ----

type Codec = "utf-8" | "ascii" | "latin-1";

/** Normalize an encoding name as the codec registry does (the three codecs built in). */
function codecOf(s: ObjectSpace, name: string): Codec | null {
  const n = name.toLowerCase().replace(/[-_ ]/g, "");
  if (n === "utf8" || n === "u8" || n === "utf") return "utf-8";
  if (n === "ascii" || n === "usascii" || n === "646") return "ascii";
  if (["latin1", "latin", "l1", "iso88591", "iso8859", "8859", "cp819"].includes(n)) {
    return "latin-1";
  }
  s.raise(s.b.LookupError!, `unknown encoding: ${name}`);
  return null;
}

const ERROR_HANDLERS = new Set([
  "strict",
  "replace",
  "ignore",
  "backslashreplace",
  "xmlcharrefreplace",
  "surrogateescape",
]);

function checkHandler(s: ObjectSpace, errors: string): boolean {
  if (ERROR_HANDLERS.has(errors)) return true;
  s.raise(s.b.LookupError!, `unknown error handler name '${errors}'`);
  return false;
}

function hex2(c: number): string {
  return c.toString(16).padStart(2, "0");
}

function escapeChar(cp: number): string {
  if (cp <= 0xff) return `\\x${hex2(cp)}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

/** str.encode: the bytes, or null with UnicodeEncodeError/LookupError set. */
export function encodeText(
  s: ObjectSpace,
  text: string,
  encoding: string,
  errors: string,
): Uint8Array | null {
  const codec = codecOf(s, encoding);
  if (codec === null) return null;
  const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
  const limit = codec === "ascii" ? 0x80 : codec === "latin-1" ? 0x100 : 0x110000;
  const out: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    const cp = cps[i]!;
    const surrogate = cp >= 0xd800 && cp <= 0xdfff;
    if (cp < limit && !surrogate) {
      if (codec !== "utf-8" || cp < 0x80) out.push(cp);
      else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) {
        out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      } else {
        out.push(
          0xf0 | (cp >> 18),
          0x80 | ((cp >> 12) & 63),
          0x80 | ((cp >> 6) & 63),
          0x80 | (cp & 63),
        );
      }
      continue;
    }
    // An unencodable run (CPython reports and replaces the whole run at once).
    let end = i + 1;
    const bad = (c: number) =>
      codec === "utf-8" ? c >= 0xd800 && c <= 0xdfff : c >= limit || (c >= 0xd800 && c <= 0xdfff);
    while (end < cps.length && bad(cps[end]!)) end++;
    if (!checkHandler(s, errors)) return null;
    if (errors === "strict" || (errors === "surrogateescape" && !surrogate)) {
      const reason =
        codec === "utf-8" ? "surrogates not allowed" : `ordinal not in range(${limit})`;
      const where =
        end - i === 1
          ? `character '${escapeChar(cp)}' in position ${i}`
          : `characters in position ${i}-${end - 1}`;
      s.raise(s.b.UnicodeEncodeError!, `'${codec}' codec can't encode ${where}: ${reason}`);
      return null;
    }
    for (let k = i; k < end; k++) {
      const c = cps[k]!;
      if (errors === "replace") out.push(0x3f);
      else if (errors === "backslashreplace") {
        for (const ch of escapeChar(c)) out.push(ch.charCodeAt(0));
      } else if (errors === "xmlcharrefreplace") {
        for (const ch of `&#${c};`) out.push(ch.charCodeAt(0));
      } else if (errors === "surrogateescape") {
        if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
        else {
          s.raise(
            s.b.UnicodeEncodeError!,
            `'${codec}' codec can't encode character '${escapeChar(c)}' in position ${k}: ${codec === "utf-8" ? "surrogates not allowed" : `ordinal not in range(${limit})`}`,
          );
          return null;
        }
      }
    }
    i = end - 1;
  }
  return Uint8Array.from(out);
}

/** The length of the maximal valid UTF-8 prefix of a sequence at `i`, and its problem. */
function utf8Error(data: Uint8Array, i: number): [number, string] {
  const c = data[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return [1, "invalid start byte"];
  for (let k = 1; k <= need; k++) {
    if (i + k >= data.length) return [k, "unexpected end of data"];
    const d = data[i + k]!;
    if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) {
      return [k, "invalid continuation byte"];
    }
  }
  return [0, ""];
}

/** bytes.decode: the text, or null with UnicodeDecodeError/LookupError set. */
export function decodeBytes(
  s: ObjectSpace,
  data: Uint8Array,
  encoding: string,
  errors: string,
): string | null {
  const codec = codecOf(s, encoding);
  if (codec === null) return null;
  let out = "";
  const fail = (i: number, n: number, reason: string): boolean => {
    if (!checkHandler(s, errors)) return false;
    if (errors === "strict" || errors === "xmlcharrefreplace") {
      const where =
        n === 1
          ? `byte 0x${hex2(data[i]!)} in position ${i}`
          : `bytes in position ${i}-${i + n - 1}`;
      s.raise(s.b.UnicodeDecodeError!, `'${codec}' codec can't decode ${where}: ${reason}`);
      return false;
    }
    for (let k = i; k < i + n; k++) {
      if (errors === "replace") {
        out += "\ufffd";
        if (codec === "utf-8") break;
      } else if (errors === "backslashreplace") out += `\\x${hex2(data[k]!)}`;
      else if (errors === "surrogateescape") out += String.fromCharCode(0xdc00 + data[k]!);
    }
    return true;
  };
  if (codec === "latin-1") {
    for (const c of data) out += String.fromCharCode(c);
    return out;
  }
  if (codec === "ascii") {
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (c < 0x80) out += String.fromCharCode(c);
      else if (!fail(i, 1, "ordinal not in range(128)")) return null;
    }
    return out;
  }
  for (let i = 0; i < data.length; ) {
    const c = data[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const [bad, reason] = utf8Error(data, i);
    if (bad > 0) {
      // "unexpected end of data" covers the rest; the others cover the valid prefix.
      if (!fail(i, bad, reason)) return null;
      i += bad;
      continue;
    }
    let cp: number;
    let n: number;
    if (c < 0xe0) {
      cp = ((c & 0x1f) << 6) | (data[i + 1]! & 63);
      n = 2;
    } else if (c < 0xf0) {
      cp = ((c & 0x0f) << 12) | ((data[i + 1]! & 63) << 6) | (data[i + 2]! & 63);
      n = 3;
    } else {
      cp =
        ((c & 7) << 18) |
        ((data[i + 1]! & 63) << 12) |
        ((data[i + 2]! & 63) << 6) |
        (data[i + 3]! & 63);
      n = 4;
    }
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

// ---- argument helpers ----

/** A bytes-like argument, or null with TypeError (CPython's buffer protocol message). */
function bufferArg(s: ObjectSpace, v: StackRef): Uint8Array | null {
  const data = bytesLike(s, v);
  if (data === null) {
    s.raise(s.b.TypeError, `a bytes-like object is required, not '${s.typeOf(v).name}'`);
  }
  return data;
}

/** The sub-argument of find/count/index: bytes-like or an int in range(256). */
function subArg(s: ObjectSpace, v: StackRef): Uint8Array | null {
  if (isInt(s, v)) {
    const n = intToBigInt(s, v);
    if (n < 0n || n > 255n) {
      s.raise(s.b.ValueError, "byte must be in range(0, 256)");
      return null;
    }
    return Uint8Array.of(Number(n));
  }
  const data = bytesLike(s, v);
  if (data === null) {
    s.raise(
      s.b.TypeError,
      `argument should be integer or bytes-like object, not '${s.typeOf(v).name}'`,
    );
  }
  return data;
}

/** A byte value from an int, or -1 with the exception set. */
function byteValue(s: ObjectSpace, v: StackRef, what = "byte"): number {
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
    return -1;
  }
  const n = intToBigInt(s, v);
  if (n < 0n || n > 255n) {
    s.raise(s.b.ValueError, `${what} must be in range(0, 256)`);
    return -1;
  }
  return Number(n);
}

function indexOf(
  hay: Uint8Array,
  sub: Uint8Array,
  from: number,
  to: number,
  last: boolean,
): number {
  if (to - from < sub.length) return -1;
  if (last) {
    for (let i = to - sub.length; i >= from; i--) if (matchAt(hay, sub, i)) return i;
  } else {
    for (let i = from; i + sub.length <= to; i++) if (matchAt(hay, sub, i)) return i;
  }
  return -1;
}

function matchAt(hay: Uint8Array, sub: Uint8Array, i: number): boolean {
  for (let k = 0; k < sub.length; k++) if (hay[i + k] !== sub[k]) return false;
  return true;
}

/** The data from bytes(x) / bytearray(x) with CPython's conversions; null on error. */
function fromObject(
  s: ObjectSpace,
  name: string,
  x: StackRef,
  encoding: StackRef,
  errors: StackRef,
): Uint8Array | null {
  if (x === NULL) {
    if (encoding !== NULL || errors !== NULL) {
      s.raise(
        s.b.TypeError,
        encoding !== NULL
          ? "encoding without a string argument"
          : "errors without a string argument",
      );
      return null;
    }
    return new Uint8Array(0);
  }
  if (isStr(s, x)) {
    if (encoding === NULL) {
      s.raise(s.b.TypeError, "string argument without an encoding");
      return null;
    }
    const enc = textArg(s, name, "encoding", encoding, 2);
    const err = errors === NULL ? "strict" : textArg(s, name, "errors", errors, 3);
    if (enc === null || err === null) return null;
    return encodeText(s, strValue(s, x), enc, err);
  }
  if (encoding !== NULL || errors !== NULL) {
    s.raise(
      s.b.TypeError,
      encoding !== NULL ? "encoding without a string argument" : "errors without a string argument",
    );
    return null;
  }
  const direct = bytesLike(s, x);
  if (direct !== null) return direct;
  if (isInt(s, x)) {
    const n = asIndex(s, x);
    if (n === null) return null;
    if (n < 0) {
      s.raise(s.b.ValueError, "negative count");
      return null;
    }
    if (n > 0x7fffffff) {
      s.noMemory();
      return null;
    }
    return new Uint8Array(n);
  }
  const t = s.typeOf(x);
  if (t.slots.iter === undefined && t.slots.getitem === undefined) {
    s.raise(s.b.TypeError, `cannot convert '${t.name}' object to ${name}`);
    return null;
  }
  const items = collect(s, x);
  if (items === null) return null;
  const out = new Uint8Array(items.length);
  let ok = true;
  for (let i = 0; i < items.length; i++) {
    if (ok) {
      const v = byteValue(s, items[i]!, name === "bytes" ? "bytes" : "byte");
      if (v < 0) ok = false;
      else out[i] = v;
    }
    s.refs.close(items[i]!);
  }
  return ok ? out : null;
}

function textArg(
  s: ObjectSpace,
  fname: string,
  pname: string,
  v: StackRef,
  pos: number,
): string | null {
  if (!isStr(s, v)) {
    s.raise(s.b.TypeError, `${fname}() argument '${pname}' must be str, not ${s.typeOf(v).name}`);
    void pos;
    return null;
  }
  return strValue(s, v);
}

// ---- the types ----

const ASCII_SPACE = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isAlpha = (c: number) => isUpper(c) || isLower(c);

function dataOf(s: ObjectSpace, self: StackRef): Uint8Array {
  return isByteArray(s, self) ? byteArrayView(s, self).slice() : bytesView(s, self).slice();
}

export function installBytes(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const richcompare = (self: StackRef, other: StackRef, op: number): StackRef => {
    const o = bytesLike(s, other);
    if (o === null) return s.NotImplemented;
    return s.bool(compareResult(compareBytes(dataOf(s, self), o), op));
  };
  const getitem = (self: StackRef, key: StackRef): StackRef => {
    const data = dataOf(s, self);
    if (isSlice(s, key)) {
      const ix = sliceIndices(s, key, data.length);
      if (ix === null) return ERROR;
      const [start, , step, length] = ix;
      const out = new Uint8Array(length);
      for (let i = 0, j = start; i < length; i++, j += step) out[i] = data[j]!;
      return same(s, self, out);
    }
    if (!isInt(s, key)) {
      return s.raise(
        s.b.TypeError,
        `${kindName(s, self) === "bytes" ? "byte" : "bytearray"} indices must be integers or slices, not ${s.typeOf(key).name}`,
      );
    }
    const n = intToBigInt(s, key);
    const i = n < 0n ? n + BigInt(data.length) : n;
    if (i < 0n || i >= BigInt(data.length)) {
      return s.raise(
        s.b.IndexError,
        isByteArray(s, self) ? "bytearray index out of range" : "index out of range",
      );
    }
    return (data[Number(i)]! << 2) | 3;
  };
  const contains = (self: StackRef, key: StackRef): number => {
    let sub: Uint8Array | null;
    if (isInt(s, key)) {
      const v = byteValue(s, key);
      if (v < 0) return -1;
      sub = Uint8Array.of(v);
    } else {
      sub = bufferArg(s, key);
      if (sub === null) return -1;
    }
    const data = dataOf(s, self);
    return indexOf(data, sub, 0, data.length, false) >= 0 ? 1 : 0;
  };
  const binop = (x: StackRef, y: StackRef, nb: number): StackRef => {
    const inplace = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR;
    const op = inplace ? nb - NB.INPLACE_ADD : nb;
    if (op === NB.ADD) {
      const a = bytesLike(s, x);
      if (a === null) return s.NotImplemented;
      const c = bytesLike(s, y);
      if (c === null) {
        const t = s.typeOf(y);
        if (t.heap) return s.NotImplemented;
        return s.raise(s.b.TypeError, `can't concat ${t.name} to ${kindName(s, x)}`);
      }
      if (inplace && isByteArray(s, x)) {
        return byteArraySet(s, x, concat(a, c)) ? s.refs.dup(x) : ERROR;
      }
      return same(s, x, concat(a, c));
    }
    if (op === NB.MULTIPLY) {
      const [seq, count] = bytesLike(s, x) !== null ? [x, y] : [y, x];
      const data = bytesLike(s, seq);
      if (data === null) return s.NotImplemented;
      if (!isInt(s, count)) return repeatByNonInt(s, count);
      const n = intToBigInt(s, count);
      if (n > 0n && BigInt(data.length) * n > 0x7fffffffn) return s.noMemory();
      const k = n <= 0n ? 0 : Number(n);
      const out = new Uint8Array(data.length * k);
      for (let i = 0; i < k; i++) out.set(data, i * data.length);
      if (inplace && seq === x && isByteArray(s, x)) {
        return byteArraySet(s, x, out) ? s.refs.dup(x) : ERROR;
      }
      return same(s, seq, out);
    }
    return s.NotImplemented;
  };

  b.bytes = s.newStaticType(
    "bytes",
    s.objectType,
    {
      repr: (self) => s.newStr(reprBytes(bytesView(s, self))),
      hash: (self) => bytesHash(s, self),
      len: (self) => bytesLength(s, self),
      bool: (self) => (bytesLength(s, self) !== 0 ? 1 : 0),
      richcompare,
      getitem,
      contains,
      binop,
      iter: (self) => s.newSeqIter(s.b.bytes_iterator!, self),
      new: (_type, args, nargs, kwnames) => {
        const a = parseArgs(
          s,
          "bytes",
          { names: ["source", "encoding", "errors"], required: 0 },
          args,
          nargs,
          kwnames,
        );
        if (a === null) return ERROR;
        if (a[0] !== NULL && a[1] === NULL && a[2] === NULL && s.typeOf(a[0]!) === b.bytes) {
          return s.refs.asOwned(a[0]!);
        }
        const data = fromObject(s, "bytes", a[0]!, a[1]!, a[2]!);
        return data === null ? ERROR : newBytes(s, data);
      },
    },
    { flags: TPFLAGS_BYTES_SUBCLASS },
  );
  b.bytes_iterator = s.newSeqIterType("bytes_iterator", (seq, i) =>
    i < bytesLength(s, seq) ? (bytesView(s, seq)[i]! << 2) | 3 : NULL,
  );

  b.bytearray = s.newStaticType("bytearray", s.objectType, {
    dealloc: (addr) => {
      const data = i32[(addr + BYTEARRAY_DATA) >> 2]!;
      if (data !== 0) s.heap.free(data);
      s.heap.freeObject(addr);
    },
    repr: (self) => s.newStr(`${s.typeOf(self).name}(${reprBytes(byteArrayView(s, self), true)})`),
    hash: s.unhashable,
    len: (self) => byteArrayLength(s, self),
    bool: (self) => (byteArrayLength(s, self) !== 0 ? 1 : 0),
    richcompare,
    getitem,
    contains,
    binop,
    iter: (self) => s.newSeqIter(s.b.bytearray_iterator!, self),
    setitem: (self, key, value) => byteArraySetItem(s, self, key, value),
    new: (type) => newByteArray(s, new Uint8Array(0), s.typeFromAddr(type & ~TAG_MASK)),
    init: (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "bytearray",
        { names: ["source", "encoding", "errors"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return -1;
      const data = fromObject(s, "bytearray", a[0]!, a[1]!, a[2]!);
      if (data === null) return -1;
      return byteArraySet(s, self, data) ? 0 : -1;
    },
  });
  b.bytearray_iterator = s.newSeqIterType("bytearray_iterator", (seq, i) =>
    i < byteArrayLength(s, seq) ? (byteArrayView(s, seq)[i]! << 2) | 3 : NULL,
  );
  installBytesMethods(s, b.bytes);
  installBytesMethods(s, b.bytearray);
  installByteArrayMethods(s, b.bytearray);
  void TPFLAGS_BASETYPE;
}

function byteArraySetItem(s: ObjectSpace, self: StackRef, key: StackRef, value: StackRef): number {
  const data = byteArrayView(s, self).slice();
  if (isSlice(s, key)) {
    const ix = sliceIndices(s, key, data.length);
    if (ix === null) return -1;
    const [start, stop, step, length] = ix;
    let items: Uint8Array = new Uint8Array(0);
    if (value !== NULL) {
      if (isInt(s, value) || isStr(s, value)) {
        s.raise(
          s.b.TypeError,
          isStr(s, value)
            ? "can assign only bytes, buffers, or iterables of ints in range(0, 256)"
            : "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
        );
        return -1;
      }
      const got = fromObject(s, "bytearray", value, NULL, NULL);
      if (got === null) return -1;
      items = got;
    }
    if (step === 1) {
      const hi = Math.max(start, stop);
      return byteArraySet(s, self, concat(data.subarray(0, start), items, data.subarray(hi)))
        ? 0
        : -1;
    }
    if (value === NULL) {
      const drop = new Set<number>();
      for (let i = 0, j = start; i < length; i++, j += step) drop.add(j);
      return byteArraySet(
        s,
        self,
        data.filter((_, j) => !drop.has(j)),
      )
        ? 0
        : -1;
    }
    if (items.length !== length) {
      s.raise(
        s.b.ValueError,
        `attempt to assign bytes of size ${items.length} to extended slice of size ${length}`,
      );
      return -1;
    }
    for (let i = 0, j = start; i < length; i++, j += step) data[j] = items[i]!;
    return byteArraySet(s, self, data) ? 0 : -1;
  }
  if (!isInt(s, key)) {
    s.raise(
      s.b.TypeError,
      `bytearray indices must be integers or slices, not ${s.typeOf(key).name}`,
    );
    return -1;
  }
  const n = intToBigInt(s, key);
  const i = n < 0n ? n + BigInt(data.length) : n;
  if (i < 0n || i >= BigInt(data.length)) {
    s.raise(s.b.IndexError, "bytearray index out of range");
    return -1;
  }
  if (value === NULL) {
    const k = Number(i);
    return byteArraySet(s, self, concat(data.subarray(0, k), data.subarray(k + 1))) ? 0 : -1;
  }
  const v = byteValue(s, value);
  if (v < 0) return -1;
  byteArrayView(s, self)[Number(i)] = v;
  return 0;
}

function installByteArrayMethods(s: ObjectSpace, t: PyType): void {
  const i32 = s.i32;
  const set = (self: StackRef, data: Uint8Array): StackRef =>
    byteArraySet(s, self, data) ? s.None : ERROR;
  defineMethods(t.methods, {
    append: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "bytearray.append", nargs, kwnames)) return ERROR;
      const v = byteValue(s, i32[args]!);
      if (v < 0) return ERROR;
      return set(self, concat(byteArrayView(s, self), Uint8Array.of(v)));
    },
    extend: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "bytearray.extend", nargs, kwnames)) return ERROR;
      const x = i32[args]!;
      if (isStr(s, x)) {
        return s.raise(s.b.TypeError, "expected iterable of integers; got: 'str'");
      }
      if (isInt(s, x)) {
        return s.raise(s.b.TypeError, `can't extend bytearray with ${s.typeOf(x).name}`);
      }
      const more = fromObject(s, "bytearray", x, NULL, NULL);
      if (more === null) return ERROR;
      return set(self, concat(byteArrayView(s, self), more));
    },
    pop: (self, args, nargs, kwnames) => {
      if (!positional(s, "bytearray.pop", nargs, kwnames, 0, 1)) return ERROR;
      const data = byteArrayView(s, self).slice();
      let i = data.length - 1;
      if (nargs === 1) {
        const n = asIndex(s, i32[args]!);
        if (n === null) return ERROR;
        i = n < 0 ? n + data.length : n;
      }
      if (data.length === 0) return s.raise(s.b.IndexError, "pop from empty bytearray");
      if (i < 0 || i >= data.length) return s.raise(s.b.IndexError, "pop index out of range");
      const v = data[i]!;
      if (!byteArraySet(s, self, concat(data.subarray(0, i), data.subarray(i + 1)))) return ERROR;
      return (v << 2) | 3;
    },
    insert: (self, args, nargs, kwnames) => {
      if (!positional(s, "insert", nargs, kwnames, 2, 2)) return ERROR;
      const n = asIndex(s, i32[args]!);
      if (n === null) return ERROR;
      const v = byteValue(s, i32[args + 1]!);
      if (v < 0) return ERROR;
      const data = byteArrayView(s, self).slice();
      let i = n < 0 ? n + data.length : n;
      if (i < 0) i = 0;
      if (i > data.length) i = data.length;
      return set(self, concat(data.subarray(0, i), Uint8Array.of(v), data.subarray(i)));
    },
    remove: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "bytearray.remove", nargs, kwnames)) return ERROR;
      const v = byteValue(s, i32[args]!);
      if (v < 0) return ERROR;
      const data = byteArrayView(s, self).slice();
      const i = data.indexOf(v);
      if (i < 0) return s.raise(s.b.ValueError, "value not found in bytearray");
      return set(self, concat(data.subarray(0, i), data.subarray(i + 1)));
    },
    clear: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "bytearray.clear", nargs, kwnames)) return ERROR;
      return set(self, new Uint8Array(0));
    },
    copy: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "bytearray.copy", nargs, kwnames)) return ERROR;
      return newByteArray(s, byteArrayView(s, self).slice());
    },
    reverse: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "bytearray.reverse", nargs, kwnames)) return ERROR;
      byteArrayView(s, self).reverse();
      return s.None;
    },
  });
}

function installBytesMethods(s: ObjectSpace, t: PyType): void {
  const i32 = s.i32;
  const tn = t.name;
  const newList = (parts: Uint8Array[], self: StackRef): StackRef => {
    const refs: StackRef[] = [];
    for (const p of parts) {
      const r = same(s, self, p);
      if (r === ERROR) {
        for (const x of refs) s.refs.close(x);
        return ERROR;
      }
      refs.push(r);
    }
    return listFromRefs(s, refs);
  };
  const search =
    (name: string, last: boolean, raise: boolean): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!positional(s, `${tn}.${name}`, nargs, kwnames, 1, 3)) return ERROR;
      const sub = subArg(s, i32[args]!);
      if (sub === null) return ERROR;
      const start = sliceIndex(s, nargs > 1 ? i32[args + 1]! : NULL);
      const end = sliceIndex(s, nargs > 2 ? i32[args + 2]! : NULL);
      if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
      const data = dataOf(s, self);
      const [a, e] = adjustIndices(start, end, data.length);
      const i = a > data.length ? -1 : indexOf(data, sub, a, e, last);
      if (i < 0 && raise) return s.raise(s.b.ValueError, "subsection not found");
      return s.newInt(i);
    };
  const tail =
    (name: string, atEnd: boolean): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!positional(s, `${tn}.${name}`, nargs, kwnames, 1, 3)) return ERROR;
      const start = sliceIndex(s, nargs > 1 ? i32[args + 1]! : NULL);
      const end = sliceIndex(s, nargs > 2 ? i32[args + 2]! : NULL);
      if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
      const data = dataOf(s, self);
      const x = i32[args]!;
      const subs: Uint8Array[] = [];
      if (isTuple(s, x)) {
        for (let k = 0; k < tupleLength(s, x); k++) {
          const d = bytesLike(s, tupleItem(s, x, k));
          if (d === null) {
            return s.raise(
              s.b.TypeError,
              `a bytes-like object is required, not '${s.typeOf(tupleItem(s, x, k)).name}'`,
            );
          }
          subs.push(d);
        }
      } else {
        const d = bytesLike(s, x);
        if (d === null) {
          return s.raise(
            s.b.TypeError,
            `${name} first arg must be bytes or a tuple of bytes, not ${s.typeOf(x).name}`,
          );
        }
        subs.push(d);
      }
      const [a, eAdj] = adjustIndices(start, end, data.length);
      for (const sub of subs) {
        const e = eAdj - sub.length;
        if (e < a || a > data.length) continue;
        if (matchAt(data, sub, atEnd ? e : a)) return s.True;
      }
      return s.False;
    };
  const strip =
    (name: string, left: boolean, right: boolean): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!positional(s, `${tn}.${name}`, nargs, kwnames, 0, 1)) return ERROR;
      let chars: Set<number> = ASCII_SPACE;
      if (nargs === 1 && i32[args]! !== s.None) {
        const d = bufferArg(s, i32[args]!);
        if (d === null) return ERROR;
        chars = new Set(d);
      }
      const data = dataOf(s, self);
      let a = 0;
      let e = data.length;
      if (left) while (a < e && chars.has(data[a]!)) a++;
      if (right) while (e > a && chars.has(data[e - 1]!)) e--;
      return same(s, self, data.slice(a, e));
    };
  const map =
    (name: string, f: (data: Uint8Array) => Uint8Array): VectorCall =>
    (self, _args, nargs, kwnames) => {
      if (!noArgs(s, `${tn}.${name}`, nargs, kwnames)) return ERROR;
      return same(s, self, f(dataOf(s, self)));
    };
  const predicate =
    (name: string, f: (data: Uint8Array) => boolean): VectorCall =>
    (self, _args, nargs, kwnames) => {
      if (!noArgs(s, `${tn}.${name}`, nargs, kwnames)) return ERROR;
      return s.bool(f(dataOf(s, self)));
    };
  const all = (d: Uint8Array, f: (c: number) => boolean) => d.length > 0 && d.every(f);
  const pad =
    (name: string, where: "center" | "left" | "right"): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!positional(s, `${tn}.${name}`, nargs, kwnames, 1, 2)) return ERROR;
      const width = asIndex(s, i32[args]!);
      if (width === null) return ERROR;
      let fill = 0x20;
      if (nargs === 2) {
        const f = bytesLike(s, i32[args + 1]!);
        if (f === null || f.length !== 1) {
          const tname = s.typeOf(i32[args + 1]!).name;
          return s.raise(
            s.b.TypeError,
            f === null
              ? `${name}() argument 2 must be a byte string of length 1, not ${tname}`
              : `${name}() argument 2 must be a byte string of length 1, not ${tname}`,
          );
        }
        fill = f[0]!;
      }
      const data = dataOf(s, self);
      const total = width - data.length;
      if (total <= 0) return same(s, self, data);
      let left = 0;
      if (where === "center") left = (total >> 1) + (total & width & 1);
      else if (where === "right") left = total;
      const out = new Uint8Array(width).fill(fill);
      out.set(data, left);
      return same(s, self, out);
    };
  const split =
    (name: string, fromRight: boolean): VectorCall =>
    (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        name,
        { names: ["sep", "maxsplit"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      let max = -1;
      if (a[1] !== NULL) {
        const m = asIndex(s, a[1]!);
        if (m === null) return ERROR;
        max = m;
      }
      if (max < 0) max = Number.MAX_SAFE_INTEGER;
      const data = dataOf(s, self);
      const parts: Uint8Array[] = [];
      if (a[0] === NULL || a[0] === s.None) {
        // Runs of ASCII whitespace.
        const ws = (c: number) => ASCII_SPACE.has(c);
        if (!fromRight) {
          let i = 0;
          const n = data.length;
          let count = max;
          while (count-- > 0) {
            while (i < n && ws(data[i]!)) i++;
            if (i === n) break;
            const j = i;
            while (i < n && !ws(data[i]!)) i++;
            parts.push(data.slice(j, i));
          }
          while (i < n && ws(data[i]!)) i++;
          if (i < n) parts.push(data.slice(i));
        } else {
          let i = data.length - 1;
          let count = max;
          while (count-- > 0) {
            while (i >= 0 && ws(data[i]!)) i--;
            if (i < 0) break;
            const j = i;
            while (i >= 0 && !ws(data[i]!)) i--;
            parts.push(data.slice(i + 1, j + 1));
          }
          while (i >= 0 && ws(data[i]!)) i--;
          if (i >= 0) parts.push(data.slice(0, i + 1));
          parts.reverse();
        }
        return newList(parts, self);
      }
      const sep = bufferArg(s, a[0]!);
      if (sep === null) return ERROR;
      if (sep.length === 0) return s.raise(s.b.ValueError, "empty separator");
      if (!fromRight) {
        let i = 0;
        let count = max;
        while (count-- > 0) {
          const j = indexOf(data, sep, i, data.length, false);
          if (j < 0) break;
          parts.push(data.slice(i, j));
          i = j + sep.length;
        }
        parts.push(data.slice(i));
      } else {
        let e = data.length;
        let count = max;
        while (count-- > 0) {
          const j = indexOf(data, sep, 0, e, true);
          if (j < 0) break;
          parts.push(data.slice(j + sep.length, e));
          e = j;
        }
        parts.push(data.slice(0, e));
        parts.reverse();
      }
      return newList(parts, self);
    };
  const partition =
    (name: string, fromRight: boolean): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!oneArg(s, `${tn}.${name}`, nargs, kwnames)) return ERROR;
      const sep = bufferArg(s, i32[args]!);
      if (sep === null) return ERROR;
      if (sep.length === 0) return s.raise(s.b.ValueError, "empty separator");
      const data = dataOf(s, self);
      const i = indexOf(data, sep, 0, data.length, fromRight);
      const empty = new Uint8Array(0);
      const parts =
        i < 0
          ? fromRight
            ? [empty, empty, data]
            : [data, empty, empty]
          : [data.slice(0, i), sep, data.slice(i + sep.length)];
      const refs = parts.map((p) => same(s, self, p));
      if (refs.includes(ERROR)) {
        for (const r of refs) if (r !== ERROR) s.refs.close(r);
        return ERROR;
      }
      return tupleFromRefs(s, refs);
    };

  defineMethods(t.methods, {
    decode: (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "decode",
        { names: ["encoding", "errors"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      const enc = a[0] === NULL ? "utf-8" : textArg(s, "decode", "encoding", a[0]!, 1);
      const err = a[1] === NULL ? "strict" : textArg(s, "decode", "errors", a[1]!, 2);
      if (enc === null || err === null) return ERROR;
      const text = decodeBytes(s, dataOf(s, self), enc, err);
      return text === null ? ERROR : s.newStr(text);
    },
    hex: (self, args, nargs, kwnames) => {
      const a = parseArgs(
        s,
        "hex",
        { names: ["sep", "bytes_per_sep"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      const data = dataOf(s, self);
      const digits = Array.from(data, hex2);
      if (a[0] === NULL) return s.newStr(digits.join(""));
      let sep: string;
      if (isStr(s, a[0]!)) sep = strValue(s, a[0]!);
      else {
        const d = bytesLike(s, a[0]!);
        if (d === null) {
          return s.raise(s.b.TypeError, `sep must be str or bytes.`);
        }
        sep = String.fromCharCode(...d);
      }
      if (sep.length !== 1) return s.raise(s.b.ValueError, "sep must be length 1.");
      let per = 1;
      if (a[1] !== NULL) {
        const n = asIndex(s, a[1]!);
        if (n === null) return ERROR;
        per = n;
      }
      if (per === 0 || data.length === 0) return s.newStr(digits.join(""));
      const groups: string[] = [];
      const k = Math.abs(per);
      if (per > 0) {
        // Groups counted from the right.
        for (let e = digits.length; e > 0; e -= k) {
          groups.unshift(digits.slice(Math.max(0, e - k), e).join(""));
        }
      } else {
        for (let i = 0; i < digits.length; i += k) groups.push(digits.slice(i, i + k).join(""));
      }
      return s.newStr(groups.join(sep));
    },
    join: (self, args, nargs, kwnames) => {
      if (!oneArg(s, `${tn}.join`, nargs, kwnames)) return ERROR;
      const items = collect(s, i32[args]!);
      if (items === null) return ERROR;
      const sep = dataOf(s, self);
      const parts: Uint8Array[] = [];
      let failed = -1;
      for (let i = 0; i < items.length; i++) {
        const d = bytesLike(s, items[i]!);
        if (d === null) {
          failed = i;
          break;
        }
        if (i > 0) parts.push(sep);
        parts.push(d);
      }
      if (failed >= 0) {
        s.raise(
          s.b.TypeError,
          `sequence item ${failed}: expected a bytes-like object, ${s.typeOf(items[failed]!).name} found`,
        );
      }
      for (const it of items) s.refs.close(it);
      return failed >= 0 ? ERROR : same(s, self, concat(...parts));
    },
    split: split("split", false),
    rsplit: split("rsplit", true),
    partition: partition("partition", false),
    rpartition: partition("rpartition", true),
    strip: strip("strip", true, true),
    lstrip: strip("lstrip", true, false),
    rstrip: strip("rstrip", false, true),
    replace: (self, args, nargs, kwnames) => {
      if (!positional(s, "replace", nargs, kwnames, 2, 3)) return ERROR;
      const old = bufferArg(s, i32[args]!);
      if (old === null) return ERROR;
      const rep = bufferArg(s, i32[args + 1]!);
      if (rep === null) return ERROR;
      let count = Number.MAX_SAFE_INTEGER;
      if (nargs === 3) {
        const c = asIndex(s, i32[args + 2]!);
        if (c === null) return ERROR;
        if (c >= 0) count = c;
      }
      const data = dataOf(s, self);
      const parts: Uint8Array[] = [];
      if (old.length === 0) {
        let n = 0;
        for (let i = 0; i <= data.length; i++) {
          if (n < count) {
            parts.push(rep);
            n++;
          }
          if (i < data.length) parts.push(data.subarray(i, i + 1));
        }
        return same(s, self, concat(...parts));
      }
      let i = 0;
      for (let n = 0; n < count; n++) {
        const j = indexOf(data, old, i, data.length, false);
        if (j < 0) break;
        parts.push(data.subarray(i, j), rep);
        i = j + old.length;
      }
      parts.push(data.subarray(i));
      return same(s, self, concat(...parts));
    },
    find: search("find", false, false),
    rfind: search("rfind", true, false),
    index: search("index", false, true),
    rindex: search("rindex", true, true),
    count: (self, args, nargs, kwnames) => {
      if (!positional(s, `${tn}.count`, nargs, kwnames, 1, 3)) return ERROR;
      const sub = subArg(s, i32[args]!);
      if (sub === null) return ERROR;
      const start = sliceIndex(s, nargs > 1 ? i32[args + 1]! : NULL);
      const end = sliceIndex(s, nargs > 2 ? i32[args + 2]! : NULL);
      if (Number.isNaN(start) || Number.isNaN(end)) return ERROR;
      const data = dataOf(s, self);
      const [a, e] = adjustIndices(start, end, data.length);
      if (e - a < sub.length || a > data.length) return s.newInt(0);
      if (sub.length === 0) return s.newInt(e - a + 1);
      let n = 0;
      for (let i = indexOf(data, sub, a, e, false); i >= 0; ) {
        n++;
        i = indexOf(data, sub, i + sub.length, e, false);
      }
      return s.newInt(n);
    },
    startswith: tail("startswith", false),
    endswith: tail("endswith", true),
    removeprefix: (self, args, nargs, kwnames) => {
      if (!oneArg(s, `${tn}.removeprefix`, nargs, kwnames)) return ERROR;
      const p = bufferArg(s, i32[args]!);
      if (p === null) return ERROR;
      const data = dataOf(s, self);
      const has = p.length <= data.length && matchAt(data, p, 0);
      return same(s, self, has ? data.slice(p.length) : data);
    },
    removesuffix: (self, args, nargs, kwnames) => {
      if (!oneArg(s, `${tn}.removesuffix`, nargs, kwnames)) return ERROR;
      const p = bufferArg(s, i32[args]!);
      if (p === null) return ERROR;
      const data = dataOf(s, self);
      const has =
        p.length > 0 && p.length <= data.length && matchAt(data, p, data.length - p.length);
      return same(s, self, has ? data.slice(0, data.length - p.length) : data);
    },
    upper: map("upper", (d) => d.map((c) => (isLower(c) ? c - 32 : c))),
    lower: map("lower", (d) => d.map((c) => (isUpper(c) ? c + 32 : c))),
    swapcase: map("swapcase", (d) => d.map((c) => (isLower(c) ? c - 32 : isUpper(c) ? c + 32 : c))),
    capitalize: map("capitalize", (d) =>
      d.map((c, i) => (i === 0 ? (isLower(c) ? c - 32 : c) : isUpper(c) ? c + 32 : c)),
    ),
    title: map("title", (d) => {
      let prev = false;
      return d.map((c) => {
        const r = prev ? (isUpper(c) ? c + 32 : c) : isLower(c) ? c - 32 : c;
        prev = isAlpha(c);
        return r;
      });
    }),
    isdigit: predicate("isdigit", (d) => all(d, isDigit)),
    isalpha: predicate("isalpha", (d) => all(d, isAlpha)),
    isalnum: predicate("isalnum", (d) => all(d, (c) => isAlpha(c) || isDigit(c))),
    isspace: predicate("isspace", (d) => all(d, (c) => ASCII_SPACE.has(c))),
    isascii: predicate("isascii", (d) => d.every((c) => c < 0x80)),
    isupper: predicate("isupper", (d) => d.some(isUpper) && !d.some(isLower)),
    islower: predicate("islower", (d) => d.some(isLower) && !d.some(isUpper)),
    istitle: predicate("istitle", (d) => {
      let cased = false;
      let prev = false;
      for (const c of d) {
        if (isUpper(c)) {
          if (prev) return false;
          prev = true;
          cased = true;
        } else if (isLower(c)) {
          if (!prev) return false;
          prev = true;
        } else prev = false;
      }
      return cased;
    }),
    center: pad("center", "center"),
    ljust: pad("ljust", "left"),
    rjust: pad("rjust", "right"),
    zfill: (self, args, nargs, kwnames) => {
      if (!oneArg(s, `${tn}.zfill`, nargs, kwnames)) return ERROR;
      const width = asIndex(s, i32[args]!);
      if (width === null) return ERROR;
      const data = dataOf(s, self);
      if (width <= data.length) return same(s, self, data);
      const fill = width - data.length;
      const out = new Uint8Array(width).fill(0x30);
      out.set(data, fill);
      if (data.length > 0 && (data[0] === 0x2b || data[0] === 0x2d)) {
        out[0] = data[0]!;
        out[fill] = 0x30;
      }
      return same(s, self, out);
    },
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
      let keep = false;
      if (a[0] !== NULL) {
        const k = s.isTrue(a[0]!);
        if (k < 0) return ERROR;
        keep = k === 1;
      }
      const data = dataOf(s, self);
      const parts: Uint8Array[] = [];
      let i = 0;
      while (i < data.length) {
        let j = i;
        while (j < data.length && data[j] !== 0x0a && data[j] !== 0x0d) j++;
        let eol = j;
        if (j < data.length) {
          eol = data[j] === 0x0d && data[j + 1] === 0x0a ? j + 2 : j + 1;
        }
        parts.push(data.slice(i, keep ? eol : j));
        i = eol;
      }
      return newList(parts, self);
    },
    __len__: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, `${tn}.__len__`, nargs, kwnames)) return ERROR;
      return s.newInt(dataOf(s, self).length);
    },
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
      const size = a[0] === NULL ? 8 : asIndex(s, a[0]!);
      if (size === null) return ERROR;
      // Bytes are Latin-1 characters for the column arithmetic.
      const text = expandTabs(String.fromCharCode(...dataOf(s, self)), size);
      return same(
        s,
        self,
        Uint8Array.from(text, (c) => c.charCodeAt(0)),
      );
    },
  });
  if (t === s.b.bytes) {
    t.methods.set("__getnewargs__", (self) => {
      const r = newBytes(s, dataOf(s, self));
      return r === ERROR ? ERROR : tupleFromRefs(s, [r]);
    });
    // bytes(x) of a bytes subclass instance: an exact copy.
    t.methods.set("__bytes__", (self, _args, nargs, kwnames) =>
      noArgs(s, "__bytes__", nargs, kwnames) ? newBytes(s, dataOf(s, self)) : ERROR,
    );
  } else {
    // bytearray.__alloc__(): the bytes allocated, the terminating NUL included.
    t.methods.set("__alloc__", (self, _args, nargs, kwnames) =>
      noArgs(s, "__alloc__", nargs, kwnames)
        ? s.newInt(i32[((self & ~TAG_MASK) + BYTEARRAY_CAPACITY) >> 2]! + 1)
        : ERROR,
    );
  }
  t.classMethods.set("fromhex", (cls, args, nargs, kwnames) => {
    if (!oneArg(s, "fromhex", nargs, kwnames)) return ERROR;
    const x = i32[args]!;
    if (!isStr(s, x)) {
      return s.raise(s.b.TypeError, `fromhex() argument must be str, not ${s.typeOf(x).name}`);
    }
    const text = strValue(s, x);
    const out: number[] = [];
    let i = 0;
    const hexVal = (ch: string | undefined) =>
      ch !== undefined && /^[0-9a-fA-F]$/.test(ch) ? Number.parseInt(ch, 16) : -1;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\v" || ch === "\f") {
        i++;
        continue;
      }
      const hi = hexVal(ch);
      const lo = hexVal(text[i + 1]);
      if (hi < 0 || lo < 0) {
        const at = hi < 0 ? i : i + 1;
        return s.raise(
          s.b.ValueError,
          hi >= 0 && i + 1 >= text.length
            ? `non-hexadecimal number found in fromhex() arg at position ${at}`
            : `non-hexadecimal number found in fromhex() arg at position ${at}`,
        );
      }
      out.push(hi * 16 + lo);
      i += 2;
    }
    const data = Uint8Array.from(out);
    const kind = s.typeFromAddr(cls & ~TAG_MASK);
    return kind.isSubtypeOf(s.b.bytearray) ? newByteArray(s, data) : newBytes(s, data);
  });
  t.classMethods.set("maketrans", (_cls, args, nargs, kwnames) => {
    if (!positional(s, "maketrans", nargs, kwnames, 2, 2)) return ERROR;
    const from = bufferArg(s, i32[args]!);
    const to = bufferArg(s, i32[args + 1]!);
    if (from === null || to === null) return ERROR;
    if (from.length !== to.length) {
      return s.raise(s.b.ValueError, "maketrans arguments must have same length");
    }
    const table = new Uint8Array(256).map((_, i) => i);
    for (let i = 0; i < from.length; i++) table[from[i]!] = to[i]!;
    return newBytes(s, table);
  });
  t.methods.set("translate", (self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "translate",
      { names: ["table", "delete"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    let table: Uint8Array | null = null;
    if (a[0] !== s.None) {
      table = bufferArg(s, a[0]!);
      if (table === null) return ERROR;
      if (table.length !== 256) {
        return s.raise(s.b.ValueError, "translation table must be 256 characters long");
      }
    }
    let del = new Set<number>();
    if (a[1] !== NULL) {
      const d = bufferArg(s, a[1]!);
      if (d === null) return ERROR;
      del = new Set(d);
    }
    const out: number[] = [];
    for (const c of dataOf(s, self)) if (!del.has(c)) out.push(table === null ? c : table[c]!);
    return same(s, self, Uint8Array.from(out));
  });
}

// ---- str.encode, str(bytes, encoding), int.to_bytes / int.from_bytes ----

export function installBytesConversions(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  b.str.methods.set("encode", (self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "encode",
      { names: ["encoding", "errors"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    const enc = a[0] === NULL ? "utf-8" : textArg(s, "encode", "encoding", a[0]!, 1);
    const err = a[1] === NULL ? "strict" : textArg(s, "encode", "errors", a[1]!, 2);
    if (enc === null || err === null) return ERROR;
    const data = encodeText(s, strValue(s, self), enc, err);
    return data === null ? ERROR : newBytes(s, data);
  });
  const strNew = b.str.slots.new!;
  b.str.slots.new = (type, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "str",
      { names: ["object", "encoding", "errors"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    if (a[0] === NULL || (a[1] === NULL && a[2] === NULL)) {
      return strNew(type, args, nargs, kwnames);
    }
    const data = bytesLike(s, a[0]!);
    if (data === null) {
      if (isStr(s, a[0]!)) return s.raise(s.b.TypeError, "decoding str is not supported");
      return s.raise(
        s.b.TypeError,
        `decoding to str: need a bytes-like object, ${s.typeOf(a[0]!).name} found`,
      );
    }
    const enc = a[1] === NULL ? "utf-8" : textArg(s, "str", "encoding", a[1]!, 2);
    const err = a[2] === NULL ? "strict" : textArg(s, "str", "errors", a[2]!, 3);
    if (enc === null || err === null) return ERROR;
    const text = decodeBytes(s, data, enc, err);
    return text === null ? ERROR : s.newStr(text);
  };

  const byteorderOf = (v: StackRef): boolean | null => {
    if (v === NULL) return false;
    if (!isStr(s, v)) {
      s.raise(
        s.b.TypeError,
        `to_bytes() argument 'byteorder' must be str, not ${s.typeOf(v).name}`,
      );
      return null;
    }
    const t = strValue(s, v);
    if (t === "little") return true;
    if (t === "big") return false;
    s.raise(s.b.ValueError, "byteorder must be either 'little' or 'big'");
    return null;
  };
  b.int.methods.set("to_bytes", (self, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "to_bytes",
      { names: ["length", "byteorder", "*signed"], required: 0 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    let length = 1;
    if (a[0] !== NULL) {
      const n = asIndex(s, a[0]!);
      if (n === null) return ERROR;
      if (n < 0) return s.raise(s.b.ValueError, "length argument must be non-negative");
      length = n;
    }
    const little = byteorderOf(a[1]!);
    if (little === null) return ERROR;
    let signed = false;
    if (a[2] !== NULL) {
      const t = s.isTrue(a[2]!);
      if (t < 0) return ERROR;
      signed = t === 1;
    }
    let v = intToBigInt(s, self);
    if (v < 0n && !signed) {
      return s.raise(s.b.OverflowError, "can't convert negative int to unsigned");
    }
    const bits = BigInt(length * 8);
    const fits = signed
      ? v >= -(1n << (bits - 1n > 0n ? bits - 1n : 0n)) && v < 1n << (bits > 0n ? bits - 1n : 0n)
      : v < 1n << bits;
    if (!fits || (length === 0 && v !== 0n)) {
      return s.raise(s.b.OverflowError, "int too big to convert");
    }
    if (v < 0n) v += 1n << bits;
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      out[little ? i : length - 1 - i] = Number(v & 0xffn);
      v >>= 8n;
    }
    return newBytes(s, out);
  });
  b.int.classMethods.set("from_bytes", (cls, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "from_bytes",
      { names: ["bytes", "byteorder", "*signed"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    if (a === null) return ERROR;
    if (isStr(s, a[0]!)) return s.raise(s.b.TypeError, "cannot convert 'str' object to bytes");
    const data = fromObject(s, "bytes", a[0]!, NULL, NULL);
    if (data === null) return ERROR;
    const little = byteorderOf(a[1]!);
    if (little === null) return ERROR;
    let signed = false;
    if (a[2] !== NULL) {
      const t = s.isTrue(a[2]!);
      if (t < 0) return ERROR;
      signed = t === 1;
    }
    let v = 0n;
    for (let i = 0; i < data.length; i++) {
      v = (v << 8n) | BigInt(data[little ? data.length - 1 - i : i]!);
    }
    if (signed && data.length > 0 && v >= 1n << BigInt(data.length * 8 - 1)) {
      v -= 1n << BigInt(data.length * 8);
    }
    const r = intFromBigInt(s, v);
    if (r === ERROR || (cls & ~TAG_MASK) === s.b.int.addr) return r;
    const made = s.call(cls, [r]);
    s.refs.close(r);
    return made;
  });
  void i32;
}
