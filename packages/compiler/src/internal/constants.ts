// How Constant.value carries Python's value kinds in JavaScript, and their Python reprs.
import { isPrintable } from "./unicode.js";

/** A complex number (only imaginary literals appear in source: `real` is then 0). */
export interface PyComplex {
  readonly kind: "complex";
  readonly real: number;
  readonly imag: number;
}

/** The `...` singleton. */
export interface PyEllipsis {
  readonly kind: "ellipsis";
}

export const Ellipsis: PyEllipsis = Object.freeze({ kind: "ellipsis" });

/**
 * A str holding a high surrogate directly followed by a low one (both written as escapes, as in
 * `'\ud800\udc00'`): Python keeps two code points where a JavaScript string would read one
 * astral character, so such a str is kept as its code points.
 */
export interface PySurrogateStr {
  readonly kind: "str";
  readonly codePoints: readonly number[];
}

/** The str for these code points: a JavaScript string unless that would merge a surrogate pair. */
export function strFromCodePoints(cps: readonly number[]): string | PySurrogateStr {
  for (let i = 1; i < cps.length; i++) {
    const hi = cps[i - 1]!;
    const lo = cps[i]!;
    if (hi >= 0xd800 && hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
      return { kind: "str", codePoints: cps };
    }
  }
  let out = "";
  for (const cp of cps) out += String.fromCodePoint(cp);
  return out;
}

/** The code points of a str constant (a JavaScript string's lone surrogates count as one each). */
export function strCodePoints(v: string | PySurrogateStr): number[] {
  if (typeof v !== "string") return [...v.codePoints];
  const out: number[] = [];
  for (const ch of v) out.push(ch.codePointAt(0)!);
  return out;
}

/** A str constant as a JavaScript string (a PySurrogateStr's pairs then read as one character). */
export function strText(v: string | PySurrogateStr): string {
  return typeof v === "string" ? v : String.fromCodePoint(...v.codePoints);
}

/**
 * A Python constant: None is `null`, bool a `boolean`, int a `bigint`, float a `number`, str a
 * `string` (UTF-16; lone surrogates stand for Python's surrogate code points), bytes a
 * `Uint8Array`, complex a `PyComplex`, Ellipsis the `Ellipsis` object.
 */
export type ConstantValue =
  | null
  | boolean
  | bigint
  | number
  | string
  | PySurrogateStr
  | Uint8Array
  | PyComplex
  | PyEllipsis;

export function makeComplex(real: number, imag: number): PyComplex {
  return { kind: "complex", real, imag };
}

/** Python's `repr` of a constant. */
export function pyRepr(v: ConstantValue): string {
  if (v === null) return "None";
  switch (typeof v) {
    case "boolean":
      return v ? "True" : "False";
    case "bigint":
      return v.toString();
    case "number":
      return floatRepr(v);
    case "string":
      return strRepr(v);
  }
  if (v instanceof Uint8Array) return bytesRepr(v);
  if (v.kind === "ellipsis") return "Ellipsis";
  if (v.kind === "str") return strRepr(v);
  return complexRepr(v);
}

/** repr(float): the shortest round-tripping digits, exponent form when exp < -4 or exp >= 16. */
export function floatRepr(x: number): string {
  const s = shortFloat(x);
  if (s === "inf" || s === "-inf" || s === "nan") return s;
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** Python's float formatting with format code 'r' but without the forced ".0". */
function shortFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const [mant, expStr] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const e = Number.parseInt(expStr, 10);
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(e);
    return `${sign}${m}e${e < 0 ? "-" : "+"}${ae < 10 ? "0" : ""}${ae}`;
  }
  if (e >= 0) {
    if (digits.length <= e + 1) return sign + digits.padEnd(e + 1, "0");
    return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  }
  return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
}

export function complexRepr(c: PyComplex): string {
  if (c.real === 0 && !Object.is(c.real, -0)) return `${shortFloat(c.imag)}j`;
  const im = shortFloat(c.imag);
  const sign = im.startsWith("-") || Number.isNaN(c.imag) ? "" : "+";
  return `(${shortFloat(c.real)}${sign}${im}j)`;
}

const HEX = "0123456789abcdef";

/** repr(str), as CPython's unicode_repr. */
export function strRepr(v: string | PySurrogateStr): string {
  const cps = strCodePoints(v);
  const quote = cps.includes(39) && !cps.includes(34) ? '"' : "'";
  let out = quote;
  for (const cp of cps) {
    if (cp < 128) {
      if (cp === 39 && quote === "'") out += "\\'";
      else if (cp === 34 && quote === '"') out += '\\"';
      else if (cp === 92) out += "\\\\";
      else if (cp === 9) out += "\\t";
      else if (cp === 10) out += "\\n";
      else if (cp === 13) out += "\\r";
      else if (cp < 32 || cp === 127) out += `\\x${HEX[cp >> 4]}${HEX[cp & 15]}`;
      else out += String.fromCharCode(cp);
    } else if (isPrintable(cp)) {
      out += String.fromCodePoint(cp);
    } else if (cp < 0x100) {
      out += `\\x${HEX[cp >> 4]}${HEX[cp & 15]}`;
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, "0")}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, "0")}`;
    }
  }
  return out + quote;
}

/** repr(bytes). */
export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 39) hasSingle = true;
    else if (c === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 92) out += `\\${String.fromCharCode(c)}`;
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c < 32 || c >= 127) out += `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
    else out += String.fromCharCode(c);
  }
  return out + quote;
}
