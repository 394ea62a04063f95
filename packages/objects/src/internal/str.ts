// str: length in code points, kind (PEP 393), cached hash in the object; the characters as a
// JavaScript string in the space's side table, freed with the object.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { compareResult, intToSafeNumber, isInt } from "./int.js";
import {
  STR_FLAGS,
  STR_HASH,
  STR_HASHED,
  STR_INTERNED,
  STR_KIND_ASCII,
  STR_KIND_LATIN1,
  STR_KIND_MASK,
  STR_KIND_UCS2,
  STR_KIND_UCS4,
  STR_LENGTH,
  STR_SIDE,
  STR_SIZE,
  TPFLAGS_UNICODE_SUBCLASS,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { NB } from "./type.js";

/** The kind (PEP 393) and length in code points of a JavaScript string. */
function measure(text: string): { kind: number; length: number } {
  let kind = STR_KIND_ASCII;
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x100) {
      if (kind < STR_KIND_LATIN1) kind = STR_KIND_LATIN1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        kind = STR_KIND_UCS4;
        length--;
        i++;
      } else if (kind < STR_KIND_UCS2) kind = STR_KIND_UCS2;
    } else if (kind < STR_KIND_UCS2) kind = STR_KIND_UCS2;
  }
  return { kind, length };
}

/** A new str object; returns its owned reference, or ERROR (MemoryError set). */
export function newStr(s: ObjectSpace, text: string): StackRef {
  const addr = s.allocObject(s.b.str, STR_SIZE);
  if (addr === 0) return ERROR;
  const { kind, length } = measure(text);
  const i32 = s.i32;
  i32[(addr + STR_LENGTH) >> 2] = length;
  i32[(addr + STR_FLAGS) >> 2] = kind;
  i32[(addr + STR_SIDE) >> 2] = s.strings.add(text);
  return addr;
}

/** The characters of a str reference. */
export function strValue(s: ObjectSpace, ref: StackRef): string {
  return s.strings.get(s.i32[((ref & ~TAG_MASK) + STR_SIDE) >> 2]!);
}

export function isStr(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_UNICODE_SUBCLASS) !== 0;
}

/** The immortal, interned str for `text` (identifiers and compiler constants). */
export function internStr(s: ObjectSpace, text: string): StackRef {
  const known = s.interned.get(text);
  if (known !== undefined) return known | 1;
  const addr = newStr(s, text);
  if (addr === ERROR) return ERROR;
  s.heap.makeImmortal(addr);
  s.i32[(addr + STR_FLAGS) >> 2]! |= STR_INTERNED;
  s.interned.set(text, addr);
  return addr | 1;
}

/** FNV-1a over the UTF-16 units, as a signed 32-bit value (never -1). */
export function hashString(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h === -1 ? -2 : h;
}

/** The hash of a str: the low half returned, the high half (the sign) in `s.hashHi`. */
export function strHash(s: ObjectSpace, ref: StackRef): number {
  const addr = ref & ~TAG_MASK;
  const i32 = s.i32;
  const flags = i32[(addr + STR_FLAGS) >> 2]!;
  let h: number;
  if ((flags & STR_HASHED) !== 0) h = i32[(addr + STR_HASH) >> 2]!;
  else {
    h = hashString(strValue(s, ref));
    i32[(addr + STR_HASH) >> 2] = h;
    i32[(addr + STR_FLAGS) >> 2] = flags | STR_HASHED;
  }
  s.hashHi = h >> 31;
  return h;
}

export function strKind(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + STR_FLAGS) >> 2]! & STR_KIND_MASK;
}

export function strLength(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + STR_LENGTH) >> 2]!;
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr of a str: the quote it prefers and its escapes. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c < 0x7f) out += ch;
    else if (c !== 0x20 && NON_PRINTABLE.test(ch)) {
      if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, "0")}`;
      else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, "0")}`;
      else out += `\\U${c.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

/** Compare two JavaScript strings by code point (UTF-16 order differs above the surrogates). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const sx = x >= 0xd800 && x <= 0xdfff;
      const sy = y >= 0xd800 && y <= 0xdfff;
      if (sx !== sy) return sx ? 1 : -1; // a surrogate pair is a code point above U+FFFF
      return x - y;
    }
  }
  return a.length - b.length;
}

/** The code point at index `i` (0 <= i < length) as a JavaScript string. */
function charAt(s: ObjectSpace, ref: StackRef, i: number): string {
  const text = strValue(s, ref);
  if (strKind(s, ref) !== STR_KIND_UCS4) return text.charAt(i);
  let index = 0;
  for (const ch of text) {
    if (index === i) return ch;
    index++;
  }
  return "";
}

/** str[i] for an int index, with Python's negative indexes and IndexError. */
export function strGetIndex(s: ObjectSpace, ref: StackRef, index: number): StackRef {
  const n = strLength(s, ref);
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) return s.raise(s.b.IndexError, "string index out of range");
  return s.charStr(charAt(s, ref, i));
}

function repeat(s: ObjectSpace, text: string, count: StackRef): StackRef {
  const n = intToSafeNumber(s, count);
  if (n === null) {
    return s.raise(s.b.OverflowError, "cannot fit 'int' into an index-sized integer");
  }
  if (n <= 0 || text.length === 0) return s.newStr("");
  if (text.length * n > 0x1fffffe8) return s.noMemory();
  return s.newStr(text.repeat(n));
}

export function installStr(s: ObjectSpace, b: Builtins): void {
  b.str = s.newStaticType(
    "str",
    s.objectType,
    {
      dealloc: (addr) => {
        s.strings.remove(s.i32[(addr + STR_SIDE) >> 2]!);
        s.heap.freeObject(addr);
      },
      repr: (self) => s.newStr(reprString(strValue(s, self))),
      // str() of a subclass instance is an exact str (unicode_result_unchanged).
      str: (self) =>
        s.typeAddrOf(self) === b.str.addr ? s.refs.dup(self) : newStr(s, strValue(s, self)),
      hash: (self) => strHash(s, self),
      len: (self) => strLength(s, self),
      bool: (self) => (strLength(s, self) !== 0 ? 1 : 0),
      richcompare: (self, other, op) => {
        if (!isStr(s, other)) return s.NotImplemented;
        if ((self & ~1) === (other & ~1)) return s.bool(compareResult(0, op));
        return s.bool(compareResult(compareCodePoints(strValue(s, self), strValue(s, other)), op));
      },
      binop: (x, y, nb) => {
        const op = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR ? nb - NB.INPLACE_ADD : nb;
        if (op === NB.ADD) {
          if (!isStr(s, x) || !isStr(s, y)) return s.NotImplemented;
          const total = strLength(s, x) + strLength(s, y);
          if (total > 0x1fffffe8) return s.noMemory();
          return s.newStr(strValue(s, x) + strValue(s, y));
        }
        if (op === NB.MULTIPLY) {
          if (isStr(s, x) && isInt(s, y)) return repeat(s, strValue(s, x), y);
          if (isStr(s, y) && isInt(s, x)) return repeat(s, strValue(s, y), x);
        }
        return s.NotImplemented;
      },
      getitem: (self, key) => {
        if (isInt(s, key)) {
          const i = intToSafeNumber(s, key);
          if (i === null) {
            return s.raise(s.b.IndexError, "cannot fit 'int' into an index-sized integer");
          }
          return strGetIndex(s, self, i);
        }
        return s.raise(
          s.b.TypeError,
          `string indices must be integers, not '${s.typeOf(key).name}'`,
        );
      },
      contains: (self, key) => {
        if (!isStr(s, key)) {
          s.raise(
            s.b.TypeError,
            `'in <string>' requires string as left operand, not ${s.typeOf(key).name}`,
          );
          return -1;
        }
        return strValue(s, self).includes(strValue(s, key)) ? 1 : 0;
      },
      iter: (self) => s.newSeqIter(s.b.str_iterator, self),
    },
    { flags: TPFLAGS_UNICODE_SUBCLASS },
  );
  b.str_iterator = s.newSeqIterType("str_ascii_iterator", (seq, i) =>
    i < strLength(s, seq) ? s.charStr(charAt(s, seq, i)) : NULL,
  );
}
