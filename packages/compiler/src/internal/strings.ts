// Decoding of string and bytes literal bodies, as CPython's string_parser.c does.
import { type PySurrogateStr, strFromCodePoints } from "./constants.js";
import { lookupUnicodeName } from "./unicode-names.js";

/** A decoding problem: the caller raises it as a SyntaxError at the literal's token. */
export class LiteralError extends Error {}

export interface StringPrefix {
  bytes: boolean;
  raw: boolean;
  u: boolean;
  f: boolean;
  /** Length of the prefix in characters. */
  length: number;
}

export function parsePrefix(text: string): StringPrefix {
  const p: StringPrefix = { bytes: false, raw: false, u: false, f: false, length: 0 };
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i) | 0x20) {
      case 98:
        p.bytes = true;
        break;
      case 114:
        p.raw = true;
        break;
      case 117:
        p.u = true;
        break;
      case 102:
        p.f = true;
        break;
      default:
        p.length = i;
        return p;
    }
  }
  p.length = text.length;
  return p;
}

const SIMPLE_ESCAPES: Record<number, string> = {
  10: "", // backslash-newline: a line continuation
  92: "\\",
  39: "'",
  34: '"',
  97: "\x07",
  98: "\b",
  102: "\f",
  110: "\n",
  114: "\r",
  116: "\t",
  118: "\v",
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/**
 * Decodes the escapes of a str literal body (not raw). A low surrogate written right after a high
 * one (`\ud800\udc00`) stays a separate code point, so such a str comes back as a PySurrogateStr.
 */
export function decodeStrEscapes(body: string): string | PySurrogateStr {
  let i = body.indexOf("\\");
  if (i < 0) return body;
  let out = body.slice(0, i);
  // Offsets in `out` where a high and a low surrogate meet without forming a pair.
  let breaks: number[] | null = null;
  const n = body.length;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c !== 92) {
      const j = body.indexOf("\\", i);
      const e = j < 0 ? n : j;
      out += body.slice(i, e);
      i = e;
      continue;
    }
    const d = body.charCodeAt(i + 1);
    const simple = SIMPLE_ESCAPES[d];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (d >= 48 && d <= 55) {
      let v = d - 48;
      let k = i + 2;
      for (let m = 0; m < 2 && k < n; m++, k++) {
        const o = body.charCodeAt(k);
        if (o < 48 || o > 55) break;
        v = v * 8 + (o - 48);
      }
      out += String.fromCodePoint(v);
      i = k;
      continue;
    }
    if (d === 120 || d === 117 || d === 85) {
      const len = d === 120 ? 2 : d === 117 ? 4 : 8;
      let v = 0;
      for (let m = 0; m < len; m++) {
        const h = body.charCodeAt(i + 2 + m);
        if (!isHex(h)) {
          const what = d === 120 ? "\\xXX" : d === 117 ? "\\uXXXX" : "\\UXXXXXXXX";
          throw new LiteralError(
            `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + m}: truncated ${what} escape`,
          );
        }
        v = v * 16 + Number.parseInt(body[i + 2 + m]!, 16);
      }
      if (v > 0x10ffff) {
        throw new LiteralError(
          `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i + 1 + len}: illegal Unicode character`,
        );
      }
      if (v >= 0xdc00 && v < 0xe000 && out.length > 0) {
        const prev = out.charCodeAt(out.length - 1);
        if (prev >= 0xd800 && prev < 0xdc00) {
          breaks ??= [];
          breaks.push(out.length);
        }
      }
      out += String.fromCodePoint(v);
      i += 2 + len;
      continue;
    }
    if (d === 78) {
      // \N{name}
      const close = body.charCodeAt(i + 2) === 123 ? body.indexOf("}", i + 3) : -1;
      if (close < 0 || close === i + 3) {
        throw new LiteralError(
          `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${Math.min(i + 2, n - 1)}: malformed \\N character escape`,
        );
      }
      const cp = lookupUnicodeName(body.slice(i + 3, close));
      if (cp < 0) {
        throw new LiteralError(
          `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${close}: unknown Unicode character name`,
        );
      }
      out += String.fromCodePoint(cp);
      i = close + 1;
      continue;
    }
    if (i + 1 >= n) {
      throw new LiteralError(
        `(unicode error) 'unicodeescape' codec can't decode bytes in position ${i}-${i}: \\ at end of string`,
      );
    }
    // An unknown escape keeps its backslash (CPython warns).
    out += "\\";
    i += 1;
  }
  return breaks === null ? out : unpairedCodePoints(out, breaks);
}

/** The code points of `text`, where surrogates meeting at one of `breaks` stay two code points. */
function unpairedCodePoints(text: string, breaks: readonly number[]): string | PySurrogateStr {
  const cps: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000 && !breaks.includes(i + 1)) {
      cps.push(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00));
      i++;
    } else cps.push(c);
  }
  return strFromCodePoints(cps);
}

/**
 * Decodes a bytes literal body into bytes. Non-ASCII characters were rejected by the caller.
 */
export function decodeBytes(body: string, raw: boolean): Uint8Array {
  const out = new Uint8Array(body.length);
  let k = 0;
  const n = body.length;
  for (let i = 0; i < n; ) {
    const c = body.charCodeAt(i);
    if (c !== 92 || raw) {
      out[k++] = c;
      i++;
      continue;
    }
    const d = body.charCodeAt(i + 1);
    const simple = SIMPLE_ESCAPES[d];
    if (simple !== undefined) {
      if (simple.length) out[k++] = simple.charCodeAt(0);
      i += 2;
      continue;
    }
    if (d >= 48 && d <= 55) {
      let v = d - 48;
      let j = i + 2;
      for (let m = 0; m < 2 && j < n; m++, j++) {
        const o = body.charCodeAt(j);
        if (o < 48 || o > 55) break;
        v = v * 8 + (o - 48);
      }
      out[k++] = v & 0xff;
      i = j;
      continue;
    }
    if (d === 120) {
      const h1 = body.charCodeAt(i + 2);
      const h2 = body.charCodeAt(i + 3);
      if (!isHex(h1) || !isHex(h2)) {
        throw new LiteralError(`(value error) invalid \\x escape at position ${i}`);
      }
      out[k++] = Number.parseInt(body.slice(i + 2, i + 4), 16);
      i += 4;
      continue;
    }
    if (i + 1 >= n) throw new LiteralError("(value error) Trailing \\ in string");
    out[k++] = 92;
    i++;
  }
  return out.slice(0, k);
}
