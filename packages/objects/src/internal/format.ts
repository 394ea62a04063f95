// The format-spec mini-language (CPython's Python/formatter_unicode.c) for int, float and str,
// and float-to-text conversion with exact, correctly rounded digits (Python/pystrtod.c's
// format_float_short over digits computed from the double's exact binary value with BigInt).
// Functions that can fail return null with the exception set.
import type { ObjectSpace } from "./space.js";

/** A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`. */
export interface FormatSpec {
  fill: string;
  align: string;
  sign: string;
  noNeg0: boolean;
  alt: boolean;
  width: number;
  /** "" none, "," or "_" every three digits, "_4" every four (b, o, x, X). */
  grouping: string;
  precision: number;
  type: string;
}

const PY_SSIZE_T_MAX = 9223372036854775807n;
/** Larger results would not fit a str (the heap limit is below 2 GiB). */
const MAX_WIDTH = 0x1fffffe8;

function isAlign(c: string | undefined): boolean {
  return c === "<" || c === ">" || c === "=" || c === "^";
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Digits at `pos`: [value, next position], value -1 if none; null on overflow (error set). */
function readInteger(s: ObjectSpace, cps: readonly string[], pos: number): [number, number] | null {
  let acc = 0n;
  let i = pos;
  while (isDigit(cps[i])) {
    const d = BigInt(cps[i]!.charCodeAt(0) - 48);
    if (acc > (PY_SSIZE_T_MAX - d) / 10n) {
      s.raise(s.b.ValueError, "Too many decimal digits in format string");
      return null;
    }
    acc = acc * 10n + d;
    i++;
  }
  if (i === pos) return [-1, i];
  if (acc > BigInt(MAX_WIDTH)) {
    s.noMemory();
    return null;
  }
  return [Number(acc), i];
}

function separatorError(s: ObjectSpace, sep: string, type: string): null {
  const c = type.codePointAt(0)!;
  const shown = c > 32 && c < 128 ? `'${type}'` : `'\\x${c.toString(16)}'`;
  s.raise(s.b.ValueError, `Cannot specify '${sep}' with ${shown}.`);
  return null;
}

/** CPython's parse_internal_render_format_spec. */
export function parseFormatSpec(
  s: ObjectSpace,
  spec: string,
  typeName: string,
  defaultType: string,
  defaultAlign: string,
): FormatSpec | null {
  const cps = Array.from(spec);
  const end = cps.length;
  const f: FormatSpec = {
    fill: " ",
    align: defaultAlign,
    sign: "",
    noNeg0: false,
    alt: false,
    width: -1,
    grouping: "",
    precision: -1,
    type: defaultType,
  };
  let pos = 0;
  let alignSpecified = false;
  let fillSpecified = false;
  if (end >= 2 && isAlign(cps[1])) {
    f.align = cps[1]!;
    f.fill = cps[0]!;
    fillSpecified = true;
    alignSpecified = true;
    pos = 2;
  } else if (end >= 1 && isAlign(cps[0])) {
    f.align = cps[0]!;
    alignSpecified = true;
    pos = 1;
  }
  const c0 = cps[pos];
  if (c0 === " " || c0 === "+" || c0 === "-") {
    f.sign = c0;
    pos++;
  }
  if (cps[pos] === "z") {
    f.noNeg0 = true;
    pos++;
  }
  if (cps[pos] === "#") {
    f.alt = true;
    pos++;
  }
  if (!fillSpecified && cps[pos] === "0") {
    f.fill = "0";
    if (!alignSpecified && defaultAlign === ">") f.align = "=";
    pos++;
  }
  const width = readInteger(s, cps, pos);
  if (width === null) return null;
  [f.width, pos] = width;
  if (cps[pos] === ",") {
    f.grouping = ",";
    pos++;
  }
  if (cps[pos] === "_") {
    if (f.grouping !== "") {
      s.raise(s.b.ValueError, "Cannot specify both ',' and '_'.");
      return null;
    }
    f.grouping = "_";
    pos++;
  }
  if (cps[pos] === "," && f.grouping === "_") {
    s.raise(s.b.ValueError, "Cannot specify both ',' and '_'.");
    return null;
  }
  if (cps[pos] === ".") {
    const precision = readInteger(s, cps, pos + 1);
    if (precision === null) return null;
    [f.precision, pos] = precision;
    if (f.precision < 0) {
      s.raise(s.b.ValueError, "Format specifier missing precision");
      return null;
    }
  }
  if (end - pos > 1) {
    s.raise(s.b.ValueError, `Invalid format specifier '${spec}' for object of type '${typeName}'`);
    return null;
  }
  if (end - pos === 1) f.type = cps[pos]!;
  if (f.grouping !== "") {
    switch (f.type) {
      case "d":
      case "e":
      case "f":
      case "g":
      case "E":
      case "G":
      case "%":
      case "F":
      case "":
        break;
      case "b":
      case "o":
      case "x":
      case "X":
        if (f.grouping === "_") {
          f.grouping = "_4";
          break;
        }
        return separatorError(s, f.grouping, f.type);
      default:
        return separatorError(s, f.grouping, f.type);
    }
  }
  return f;
}

function unknownCode(s: ObjectSpace, type: string, typeName: string): null {
  const c = type.codePointAt(0)!;
  const shown = c > 32 && c < 128 ? type : `\\x${c.toString(16)}`;
  s.raise(s.b.ValueError, `Unknown format code '${shown}' for object of type '${typeName}'`);
  return null;
}

/** CPython's _PyUnicode_InsertThousandsGrouping: digits grouped, zero-padded to minWidth. */
function groupDigits(digits: string, minWidth: number, sep: string, size: number): string {
  let min = Math.max(0, minWidth);
  let remaining = digits.length;
  let pos = digits.length;
  const parts: string[] = [];
  if (size === 0) {
    const len = Math.max(remaining, min, 1);
    return "0".repeat(Math.max(0, len - remaining)) + digits;
  }
  for (;;) {
    const len = Math.min(size, Math.max(remaining, min, 1));
    const zeros = Math.max(0, len - remaining);
    const chars = Math.max(0, Math.min(remaining, len));
    parts.push("0".repeat(zeros) + digits.slice(pos - chars, pos));
    pos -= chars;
    remaining -= chars;
    min -= len;
    if (remaining <= 0 && min <= 0) break;
    min -= sep.length;
  }
  return parts.reverse().join(sep);
}

/**
 * CPython's calc_number_widths and fill_number: sign, prefix, padding, grouped integer digits,
 * then the decimal point and the rest.
 */
function layoutNumber(
  f: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string,
  hasDecimal: boolean,
  remainder: string,
  locale: boolean,
): string {
  let sign = "";
  if (f.sign === "+") sign = negative ? "-" : "+";
  else if (f.sign === " ") sign = negative ? "-" : " ";
  else if (negative) sign = "-";
  const nonDigit = sign.length + prefix.length + (hasDecimal ? 1 : 0) + remainder.length;
  const minWidth = f.fill === "0" && f.align === "=" ? f.width - nonDigit : 0;
  let grouped = "";
  if (digits.length > 0) {
    if (locale || f.grouping === "") grouped = groupDigits(digits, minWidth, "", 0);
    else
      grouped = groupDigits(
        digits,
        minWidth,
        f.grouping === "," ? "," : "_",
        f.grouping === "_4" ? 4 : 3,
      );
  }
  const padding = f.width - (nonDigit + [...grouped].length);
  let left = "";
  let inner = "";
  let right = "";
  if (padding > 0) {
    if (f.align === "<") right = f.fill.repeat(padding);
    else if (f.align === "^") {
      left = f.fill.repeat(padding >> 1);
      right = f.fill.repeat(padding - (padding >> 1));
    } else if (f.align === "=") inner = f.fill.repeat(padding);
    else left = f.fill.repeat(padding);
  }
  return left + sign + prefix + inner + grouped + (hasDecimal ? "." : "") + remainder + right;
}

/** Pad `text` (already cut to precision) to the width, CPython's calc_padding. */
function pad(text: string, length: number, f: FormatSpec): string {
  if (f.width <= length) return text;
  const total = f.width - length;
  if (f.align === ">") return f.fill.repeat(total) + text;
  if (f.align === "^") {
    const left = total >> 1;
    return f.fill.repeat(left) + text + f.fill.repeat(total - left);
  }
  return text + f.fill.repeat(total);
}

/** str.__format__ (format_string_internal), on the text of a str. */
export function formatStrSpec(
  s: ObjectSpace,
  text: string,
  spec: string,
  typeName = "str",
): string | null {
  if (spec === "") return text;
  const f = parseFormatSpec(s, spec, typeName, "s", "<");
  if (f === null) return null;
  if (f.type !== "s") return unknownCode(s, f.type, typeName);
  if (f.sign !== "") {
    const what = f.sign === " " ? "Space" : "Sign";
    s.raise(s.b.ValueError, `${what} not allowed in string format specifier`);
    return null;
  }
  if (f.noNeg0) {
    s.raise(s.b.ValueError, "Negative zero coercion (z) not allowed in string format specifier");
    return null;
  }
  if (f.alt) {
    s.raise(s.b.ValueError, "Alternate form (#) not allowed in string format specifier");
    return null;
  }
  if (f.align === "=") {
    s.raise(s.b.ValueError, "'=' alignment not allowed in string format specifier");
    return null;
  }
  let cps: string[] | null = null;
  let length = text.length;
  if (/[\ud800-\udfff]/.test(text)) {
    cps = Array.from(text);
    length = cps.length;
  }
  if ((f.width < 0 || f.width <= length) && (f.precision < 0 || f.precision >= length)) {
    return text;
  }
  let body = text;
  if (f.precision >= 0 && length >= f.precision) {
    body = cps === null ? text.slice(0, f.precision) : cps.slice(0, f.precision).join("");
    length = f.precision;
  }
  return pad(body, length, f);
}

/** int.__format__ (format_long_internal), for the value of an int. */
export function formatIntSpec(
  s: ObjectSpace,
  v: bigint,
  spec: string,
  typeName = "int",
): string | null {
  if (spec === "") return v.toString();
  const f = parseFormatSpec(s, spec, typeName, "d", ">");
  if (f === null) return null;
  switch (f.type) {
    case "b":
    case "c":
    case "d":
    case "o":
    case "x":
    case "X":
    case "n":
      break;
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "%": {
      const d = Number(v);
      if (!Number.isFinite(d)) {
        s.raise(s.b.OverflowError, "int too large to convert to float");
        return null;
      }
      return formatFloatWith(s, d, f);
    }
    default:
      return unknownCode(s, f.type, typeName);
  }
  if (f.precision !== -1) {
    s.raise(s.b.ValueError, "Precision not allowed in integer format specifier");
    return null;
  }
  if (f.noNeg0) {
    s.raise(s.b.ValueError, "Negative zero coercion (z) not allowed in integer format specifier");
    return null;
  }
  if (f.type === "c") {
    if (f.sign !== "") {
      s.raise(s.b.ValueError, "Sign not allowed with integer format specifier 'c'");
      return null;
    }
    if (f.alt) {
      s.raise(s.b.ValueError, "Alternate form (#) not allowed with integer format specifier 'c'");
      return null;
    }
    if (v > 9223372036854775807n || v < -9223372036854775808n) {
      s.raise(s.b.OverflowError, "Python int too large to convert to C long");
      return null;
    }
    if (v < 0n || v > 0x10ffffn) {
      s.raise(s.b.OverflowError, "%c arg not in range(0x110000)");
      return null;
    }
    return layoutNumber(f, false, "", "", false, String.fromCodePoint(Number(v)), false);
  }
  const base = f.type === "b" ? 2 : f.type === "o" ? 8 : f.type === "x" || f.type === "X" ? 16 : 10;
  const negative = v < 0n;
  let digits = (negative ? -v : v).toString(base);
  let prefix = "";
  if (f.alt && base !== 10) prefix = base === 2 ? "0b" : base === 8 ? "0o" : "0x";
  if (f.type === "X") {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  return layoutNumber(f, negative, prefix, digits, false, "", f.type === "n");
}

/** float.__format__ (format_float_internal), for a double. */
export function formatFloatSpec(
  s: ObjectSpace,
  v: number,
  spec: string,
  typeName = "float",
): string | null {
  if (spec === "") return floatToString(v, "r", 0, false, true, false);
  const f = parseFormatSpec(s, spec, typeName, "", ">");
  if (f === null) return null;
  switch (f.type) {
    case "":
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "n":
    case "%":
      return formatFloatWith(s, v, f);
    default:
      return unknownCode(s, f.type, typeName);
  }
}

function formatFloatWith(_s: ObjectSpace, value: number, f: FormatSpec): string {
  let type = f.type;
  let precision = f.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  let v = value;
  let pct = false;
  if (type === "") {
    addDot0 = true;
    type = "r";
    defaultPrecision = 0;
  }
  if (type === "n") type = "g";
  if (type === "%") {
    type = "f";
    v *= 100;
    pct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === "r") type = "g";
  let text = floatToString(v, type, precision, f.alt, addDot0, f.noNeg0);
  if (pct) text += "%";
  let negative = false;
  if (text.startsWith("-")) {
    negative = true;
    text = text.slice(1);
  }
  let i = 0;
  while (isDigit(text[i])) i++;
  const digits = text.slice(0, i);
  const hasDecimal = text[i] === ".";
  const remainder = text.slice(hasDecimal ? i + 1 : i);
  return layoutNumber(f, negative, "", digits, hasDecimal, remainder, f.type === "n");
}

// ---- exact digits of a double ----

const scratch = new DataView(new ArrayBuffer(8));

/** |v| = mantissa * 2**exponent exactly, for finite nonzero v. */
function decompose(v: number): [bigint, number] {
  scratch.setFloat64(0, v);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [mantissa, -1074];
  mantissa |= 1n << 52n;
  return [mantissa, biased - 1075];
}

/** round(num / den), ties to even. */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = 2n * (num - q * den);
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** round(|v| * 10**scale) for finite v. */
function scaled(v: number, scale: number): bigint {
  const [m, e] = decompose(v);
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  return roundDiv(num, den);
}

/**
 * The first `n` significant digits of |v| (v finite, nonzero), correctly rounded, trailing zeros
 * removed, and decpt such that |v| ~ 0.digits * 10**decpt (dtoa's mode 2).
 */
function significantDigits(v: number, n: number): [string, number] {
  let k = Math.floor(Math.log10(Math.abs(v)));
  for (;;) {
    const q = scaled(v, n - 1 - k);
    const text = q.toString();
    if (text.length > n) {
      if (text.length === n + 1 && /^10*$/.test(text)) return ["1", k + 2];
      k++;
      continue;
    }
    if (text.length < n) {
      k--;
      continue;
    }
    return [text.replace(/0+$/, ""), k + 1];
  }
}

/** Digits of round(|v| * 10**p) without trailing zeros, and decpt (dtoa's mode 3). */
function fixedDigits(v: number, p: number): [string, number] {
  const q = scaled(v, p);
  if (q === 0n) return ["", -p];
  const text = q.toString();
  const stripped = text.replace(/0+$/, "");
  return [stripped, text.length - p];
}

/** The shortest digits that round-trip (dtoa's mode 0, as repr uses). */
function shortestDigits(v: number): [string, number] {
  const [mantissa, exp] = Math.abs(v).toExponential().split("e") as [string, string];
  return [mantissa.replace(".", ""), Number(exp) + 1];
}

/**
 * CPython's PyOS_double_to_string with format codes e, f, g (upper case too) and r: the text
 * of `v`, its sign included (never a plus sign).
 */
export function floatToString(
  v: number,
  formatCode: string,
  precision: number,
  alt: boolean,
  addDot0: boolean,
  noNeg0: boolean,
): string {
  const upper = formatCode === "E" || formatCode === "F" || formatCode === "G";
  const type = formatCode.toLowerCase();
  if (!Number.isFinite(v)) {
    const text = Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    return upper ? text.toUpperCase() : text;
  }
  let negative = v < 0 || Object.is(v, -0);
  let digits: string;
  let decpt: number;
  let p = precision;
  if (type === "g" && p === 0) p = 1;
  if (v === 0) {
    digits = "0";
    decpt = 1;
    if (type === "f") [digits, decpt] = ["", -p];
  } else if (type === "r") [digits, decpt] = shortestDigits(v);
  else if (type === "f") [digits, decpt] = fixedDigits(v, p);
  else if (type === "e") [digits, decpt] = significantDigits(v, p + 1);
  else [digits, decpt] = significantDigits(v, p);
  if (noNeg0 && negative && /^0*$/.test(digits)) negative = false;
  let useExp = false;
  let vdigitsEnd = digits.length;
  if (type === "e") {
    useExp = true;
    vdigitsEnd = p + 1;
  } else if (type === "f") {
    vdigitsEnd = decpt + p;
  } else if (type === "g") {
    if (decpt <= -4 || decpt > (addDot0 ? p - 1 : p)) useExp = true;
    if (alt) vdigitsEnd = p;
  } else if (decpt <= -4 || decpt > 16) {
    useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vdigitsStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vdigitsEnd = vdigitsEnd > decpt ? vdigitsEnd : decpt + 1;
  else vdigitsEnd = Math.max(vdigitsEnd, decpt);
  const n = digits.length;
  let out = negative ? "-" : "";
  if (decpt <= 0) out += `${"0".repeat(decpt - vdigitsStart)}.${"0".repeat(-decpt)}`;
  else out += "0".repeat(-vdigitsStart);
  if (decpt > 0 && decpt <= n) out += `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  else out += digits;
  if (n < decpt) out += `${"0".repeat(decpt - n)}.${"0".repeat(vdigitsEnd - decpt)}`;
  else out += "0".repeat(vdigitsEnd - n);
  if (out.endsWith(".") && !alt) out = out.slice(0, -1);
  if (useExp) {
    const e = Math.abs(exp);
    out += `e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  return upper ? out.toUpperCase() : out;
}
