// repr() of the constants a CodeUnit holds, as CPython prints them (for disassemble()).
import type { CodeUnit, ConstValue } from "../code-unit.js";

/** repr(float): shortest round-tripping digits; exponent form when exp < -4 or exp >= 16. */
export function floatRepr(x: number): string {
  const s = shortFloat(x);
  return /[.eain]/.test(s) ? s : `${s}.0`;
}

function shortFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Number.POSITIVE_INFINITY) return "inf";
  if (x === Number.NEGATIVE_INFINITY) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const [mant, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const e = Number.parseInt(expText, 10);
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

function complexRepr(real: number, imag: number): string {
  if (real === 0 && !Object.is(real, -0)) return `${shortFloat(imag)}j`;
  const im = shortFloat(imag);
  const sign = im.startsWith("-") || Number.isNaN(imag) ? "" : "+";
  return `(${shortFloat(real)}${sign}${im}j)`;
}

const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, "0");
}

/** repr(str), as CPython's unicode_repr (str.isprintable decides what is escaped). */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (NOT_PRINTABLE.test(ch)) {
      out +=
        cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const c of b) {
    if (c === quote.charCodeAt(0) || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c === 0x09) out += "\\t";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c < 0x20 || c >= 0x7f) out += `\\x${hex(c, 2)}`;
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/** repr(code): CPython's `<code object NAME at 0x..., file "FILE", line N>` (no address here). */
export function codeRepr(unit: CodeUnit): string {
  return `<code object ${unit.name} at 0x..., file "${unit.filename}", line ${unit.firstLineno}>`;
}

/** repr() of a constant. */
export function constRepr(c: ConstValue): string {
  if (c === null) return "None";
  if (c === true) return "True";
  if (c === false) return "False";
  if (typeof c === "string") return strRepr(c);
  switch (c.kind) {
    case "int":
      return c.value.toString();
    case "float":
      return floatRepr(c.value);
    case "complex":
      return complexRepr(c.real, c.imag);
    case "bytes":
      return bytesRepr(c.value);
    case "tuple":
      if (c.items.length === 1) return `(${constRepr(c.items[0]!)},)`;
      return `(${c.items.map(constRepr).join(", ")})`;
    case "frozenset":
      return c.items.length === 0
        ? "frozenset()"
        : `frozenset({${c.items.map(constRepr).join(", ")}})`;
    case "ellipsis":
      return "Ellipsis";
    case "code":
      return codeRepr(c);
  }
}
