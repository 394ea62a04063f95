// format(value, spec) and __format__ dispatch (CPython's PyObject_Format), str.format (the
// MarkupIterator of Objects/stringlib/unicode_format.h) and printf-style `str % args`
// (PyUnicode_Format), with CPython's error messages.
import { ERROR, NULL, type StackRef, TAG_INT, TAG_MASK } from "@skein/stackref";
import { callSpecial } from "./classes.js";
import { floatValue, isFloat } from "./float.js";
import { floatToString, formatFloatSpec, formatIntSpec, formatStrSpec } from "./format.js";
import { intFromNumber, intToBigInt, isInt } from "./int.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { isTuple, tupleItem, tupleLength } from "./tuple.js";

/** Text of a new reference (closed here), or null for ERROR. */
function takeText(s: ObjectSpace, r: StackRef): string | null {
  if (r === ERROR) return null;
  const text = strValue(s, r);
  s.refs.close(r);
  return text;
}

/** Python's ascii(): repr with non-ASCII characters escaped. */
export function asciiText(s: ObjectSpace, v: StackRef): string | null {
  const r = takeText(s, s.repr(v));
  if (r === null) return null;
  let out = "";
  for (const ch of r) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return out;
}

/** The exact builtin formatters, by the type of `v`; undefined when `__format__` must be looked up. */
function exactFormat(s: ObjectSpace, v: StackRef, spec: string): string | null | undefined {
  if ((v & TAG_MASK) === TAG_INT) return formatIntSpec(s, BigInt(v >> 2), spec);
  const type = s.typeOf(v);
  if (type === s.b.str) return formatStrSpec(s, strValue(s, v), spec);
  if (type === s.b.int) return formatIntSpec(s, intToBigInt(s, v), spec);
  if (type === s.b.float) return formatFloatSpec(s, floatValue(s, v), spec);
  return undefined;
}

/** format(value, spec): a new str reference, or ERROR. */
export function formatObject(s: ObjectSpace, v: StackRef, spec: string): StackRef {
  const text = exactFormat(s, v, spec);
  if (text === null) return ERROR;
  if (text !== undefined) return s.newStr(text);
  const specRef = s.newStr(spec);
  if (specRef === ERROR) return ERROR;
  // __format__ of the value's type (a class in an f-string uses type's, object.__format__).
  const r = callSpecial(s, v, "__format__", [specRef]);
  s.refs.close(specRef);
  if (r === ERROR) return ERROR;
  if (r === NULL) {
    return s.raise(s.b.TypeError, `Type ${s.typeOf(v).name} doesn't define __format__`);
  }
  if (!isStr(s, r)) {
    const name = s.typeOf(r).name;
    s.refs.close(r);
    return s.raise(s.b.TypeError, `__format__ must return a str, not ${name}`);
  }
  return r;
}

/** The `__format__` methods of int, float, str and object (self borrowed, spec a str). */
export function formatMethod(s: ObjectSpace, self: StackRef, spec: StackRef): StackRef {
  if (!isStr(s, spec)) {
    return s.raise(s.b.TypeError, `__format__() argument must be str, not ${s.typeOf(spec).name}`);
  }
  const text = strValue(s, spec);
  const typeName = s.typeOf(self).name;
  let out: string | null;
  if (isStr(s, self)) {
    out = text === "" ? s.strText(self) : formatStrSpec(s, strValue(s, self), text, typeName);
  } else if (isInt(s, self)) {
    out = text === "" ? s.strText(self) : formatIntSpec(s, intToBigInt(s, self), text, typeName);
  } else if (isFloat(s, self)) {
    out = text === "" ? s.strText(self) : formatFloatSpec(s, floatValue(s, self), text, typeName);
  } else {
    if (text !== "") {
      return s.raise(s.b.TypeError, `unsupported format string passed to ${typeName}.__format__`);
    }
    return s.str(self);
  }
  return out === null ? ERROR : s.newStr(out);
}

// ---- str.format ----

const AUTO_INIT = 0;
const AUTO_AUTO = 1;
const AUTO_MANUAL = 2;

interface FormatState {
  /** Positional arguments; null for format_map, which has none. */
  readonly args: readonly StackRef[] | null;
  /** A mapping for keyword fields, or NULL. */
  readonly kwargs: StackRef;
  autoState: number;
  autoNumber: number;
}

/** Decimal value of a whole field part, -1 if it is not all digits; null on overflow. */
function fieldInteger(s: ObjectSpace, text: string): number | null {
  if (text === "" || !/^[0-9]+$/.test(text)) return -1;
  const v = BigInt(text);
  if (v > 9223372036854775807n) {
    s.raise(s.b.ValueError, "Too many decimal digits in format string");
    return null;
  }
  return v > 0x7fffffffn ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** The object a field name names (new reference), or ERROR. */
function fieldObject(s: ObjectSpace, name: string, st: FormatState): StackRef {
  let i = 0;
  while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
  const first = name.slice(0, i);
  let index = fieldInteger(s, first);
  if (index === null) return ERROR;
  const empty = first === "";
  if (empty || index !== -1) {
    if (st.autoState === AUTO_INIT) st.autoState = empty ? AUTO_AUTO : AUTO_MANUAL;
    if (st.autoState === AUTO_MANUAL && empty) {
      return s.raise(
        s.b.ValueError,
        "cannot switch from manual field specification to automatic field numbering",
      );
    }
    if (st.autoState !== AUTO_MANUAL && !empty) {
      return s.raise(
        s.b.ValueError,
        "cannot switch from automatic field numbering to manual field specification",
      );
    }
    if (empty) index = st.autoNumber++;
  }
  let obj: StackRef;
  if (index === -1) {
    const key = s.newStr(first);
    if (key === ERROR) return ERROR;
    if (st.kwargs === NULL) {
      s.raiseKeyError(key);
      s.refs.close(key);
      return ERROR;
    }
    obj = s.getItem(st.kwargs, key);
    s.refs.close(key);
  } else {
    if (st.args === null) {
      return s.raise(s.b.ValueError, "Format string contains positional fields");
    }
    const arg = st.args[index];
    if (arg === undefined) {
      return s.raise(
        s.b.IndexError,
        `Replacement index ${index} out of range for positional args tuple`,
      );
    }
    obj = s.refs.dup(arg);
  }
  if (obj === ERROR) return ERROR;
  while (i < name.length) {
    const c = name[i++];
    let part: string;
    let attribute: boolean;
    if (c === ".") {
      attribute = true;
      const start = i;
      while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
      part = name.slice(start, i);
    } else if (c === "[") {
      attribute = false;
      const close = name.indexOf("]", i);
      if (close < 0) {
        s.refs.close(obj);
        return s.raise(s.b.ValueError, "Missing ']' in format string");
      }
      part = name.slice(i, close);
      i = close + 1;
    } else {
      s.refs.close(obj);
      return s.raise(s.b.ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
    let next: StackRef;
    if (part === "") {
      s.refs.close(obj);
      return s.raise(s.b.ValueError, "Empty attribute in format string");
    }
    if (attribute) {
      const key = s.newStr(part);
      if (key === ERROR) {
        s.refs.close(obj);
        return ERROR;
      }
      next = s.getAttr(obj, key);
      s.refs.close(key);
    } else {
      const n = fieldInteger(s, part);
      if (n === null) {
        s.refs.close(obj);
        return ERROR;
      }
      const key = n === -1 ? s.newStr(part) : intFromNumber(s, n);
      if (key === ERROR) {
        s.refs.close(obj);
        return ERROR;
      }
      next = s.getItem(obj, key);
      s.refs.close(key);
    }
    s.refs.close(obj);
    if (next === ERROR) return ERROR;
    obj = next;
  }
  return obj;
}

/** Expand `template` (code points); null with the exception set. */
function buildString(
  s: ObjectSpace,
  template: readonly string[],
  st: FormatState,
  depth: number,
): string | null {
  if (depth <= 0) {
    s.raise(s.b.ValueError, "Max string recursion exceeded");
    return null;
  }
  const end = template.length;
  let pos = 0;
  let out = "";
  while (pos < end) {
    // Literal text up to a brace.
    let c = "";
    let markup = false;
    const start = pos;
    while (pos < end) {
      c = template[pos++]!;
      if (c === "{" || c === "}") {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let len = pos - start;
    if (markup && c === "}" && (atEnd || template[pos] !== "}")) {
      s.raise(s.b.ValueError, "Single '}' encountered in format string");
      return null;
    }
    if (markup && atEnd && c === "{") {
      s.raise(s.b.ValueError, "Single '{' encountered in format string");
      return null;
    }
    if (markup && !atEnd) {
      if (template[pos] === c) {
        pos++;
        markup = false;
      } else len--;
    }
    out += template.slice(start, start + len).join("");
    if (!markup) continue;
    // The field: name, conversion, spec (CPython's parse_field).
    const nameStart = pos;
    c = "";
    while (pos < end) {
      c = template[pos++]!;
      if (c === "{") {
        s.raise(s.b.ValueError, "unexpected '{' in field name");
        return null;
      }
      if (c === "[") {
        while (pos < end && template[pos] !== "]") pos++;
        c = "";
        continue;
      }
      if (c === "}" || c === ":" || c === "!") break;
      c = "";
    }
    const fieldName = template.slice(nameStart, pos - 1).join("");
    let conversion = "";
    let spec: string[] = [];
    let expand = false;
    if (c === "!" || c === ":") {
      let done = false;
      if (c === "!") {
        if (pos >= end) {
          s.raise(s.b.ValueError, "end of string while looking for conversion specifier");
          return null;
        }
        conversion = template[pos++]!;
        if (pos < end) {
          const d = template[pos++]!;
          if (d === "}") done = true;
          else if (d !== ":") {
            s.raise(s.b.ValueError, "expected ':' after conversion specifier");
            return null;
          }
        }
      }
      if (!done) {
        const specStart = pos;
        let count = 1;
        let closed = false;
        while (pos < end) {
          const d = template[pos++]!;
          if (d === "{") {
            expand = true;
            count++;
          } else if (d === "}") {
            count--;
            if (count === 0) {
              spec = template.slice(specStart, pos - 1);
              closed = true;
              break;
            }
          }
        }
        if (!closed) {
          s.raise(s.b.ValueError, "unmatched '{' in format spec");
          return null;
        }
      }
    } else if (c !== "}") {
      s.raise(s.b.ValueError, "expected '}' before end of string");
      return null;
    }
    // Render it.
    let obj = fieldObject(s, fieldName, st);
    if (obj === ERROR) return null;
    if (conversion !== "") {
      let converted: StackRef;
      if (conversion === "r") converted = s.repr(obj);
      else if (conversion === "s") converted = s.str(obj);
      else if (conversion === "a") {
        const text = asciiText(s, obj);
        converted = text === null ? ERROR : s.newStr(text);
      } else {
        const cp = conversion.codePointAt(0)!;
        const shown = cp > 32 && cp < 127 ? conversion : `\\x${cp.toString(16)}`;
        converted = s.raise(s.b.ValueError, `Unknown conversion specifier ${shown}`);
      }
      s.refs.close(obj);
      if (converted === ERROR) return null;
      obj = converted;
    }
    let specText: string | null = spec.join("");
    if (expand) specText = buildString(s, spec, st, depth - 1);
    if (specText === null) {
      s.refs.close(obj);
      return null;
    }
    const r = formatObject(s, obj, specText);
    s.refs.close(obj);
    const text = takeText(s, r);
    if (text === null) return null;
    out += text;
  }
  return out;
}

/** str.format: `args` borrowed, `kwargs` a mapping or NULL. */
export function strFormat(
  s: ObjectSpace,
  template: string,
  args: readonly StackRef[],
  kwargs: StackRef,
): StackRef {
  const st: FormatState = { args, kwargs, autoState: AUTO_INIT, autoNumber: 0 };
  const text = buildString(s, Array.from(template), st, 2);
  return text === null ? ERROR : s.newStr(text);
}

/** str.format_map(mapping). */
export function strFormatMap(s: ObjectSpace, template: string, mapping: StackRef): StackRef {
  const st: FormatState = { args: null, kwargs: mapping, autoState: AUTO_INIT, autoNumber: 0 };
  const text = buildString(s, Array.from(template), st, 2);
  return text === null ? ERROR : s.newStr(text);
}

// ---- printf-style formatting ----

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;

interface PrintfState {
  args: StackRef;
  arglen: number;
  argidx: number;
  dict: StackRef;
}

/** The next argument (borrowed), or ERROR. */
function nextArg(s: ObjectSpace, ctx: PrintfState): StackRef {
  const i = ctx.argidx;
  if (i < ctx.arglen) {
    ctx.argidx++;
    return ctx.arglen < 0 ? ctx.args : tupleItem(s, ctx.args, i);
  }
  return s.raise(s.b.TypeError, "not enough arguments for format string");
}

/** %d %i %u %o %x %X of one argument: the text with sign and prefix; null on error. */
function printfInt(
  s: ObjectSpace,
  v: StackRef,
  type: string,
  alt: boolean,
  prec: number,
): string | null {
  const base = type === "o" ? 8 : type === "x" || type === "X" ? 16 : 10;
  let n: bigint;
  if (isInt(s, v)) n = intToBigInt(s, v);
  else if (isFloat(s, v) && type !== "o" && type !== "x" && type !== "X") {
    const d = floatValue(s, v);
    if (Number.isNaN(d)) {
      s.raise(s.b.ValueError, "cannot convert float NaN to integer");
      return null;
    }
    if (!Number.isFinite(d)) {
      s.raise(s.b.OverflowError, "cannot convert float infinity to integer");
      return null;
    }
    n = BigInt(Math.trunc(d));
  } else {
    const what = base === 10 ? "a real number" : "an integer";
    s.raise(s.b.TypeError, `%${type} format: ${what} is required, not ${s.typeOf(v).name}`);
    return null;
  }
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (prec > digits.length) digits = "0".repeat(prec - digits.length) + digits;
  let prefix = "";
  if (alt && base !== 10) prefix = base === 8 ? "0o" : "0x";
  let text = (negative ? "-" : "") + prefix + digits;
  if (type === "X") text = text.toUpperCase();
  return text;
}

/** The double of a float or int argument (PyFloat_AsDouble), or null with TypeError set. */
function printfDouble(s: ObjectSpace, v: StackRef): number | null {
  if (isFloat(s, v)) return floatValue(s, v);
  if (isInt(s, v)) {
    const d = Number(intToBigInt(s, v));
    if (!Number.isFinite(d)) {
      s.raise(s.b.OverflowError, "int too large to convert to float");
      return null;
    }
    return d;
  }
  s.raise(s.b.TypeError, `must be real number, not ${s.typeOf(v).name}`);
  return null;
}

/** `fmt % args` for a str format: a new str, or ERROR. */
export function printfFormat(s: ObjectSpace, fmt: string, args: StackRef): StackRef {
  const cps = Array.from(fmt);
  const ctx: PrintfState = { args, arglen: -1, argidx: -2, dict: NULL };
  if (isTuple(s, args)) {
    ctx.arglen = tupleLength(s, args);
    ctx.argidx = 0;
  }
  const argType = s.typeOf(args);
  if (argType.slots.getitem !== undefined && !isTuple(s, args) && !isStr(s, args)) {
    ctx.dict = args;
  }
  let out = "";
  let owned = NULL;
  const fail = (): StackRef => {
    if (owned !== NULL) s.refs.close(owned);
    return ERROR;
  };
  let pos = 0;
  let cnt = cps.length;
  while (--cnt >= 0) {
    if (cps[pos] !== "%") {
      const next = cps.indexOf("%", pos);
      const stop = next < 0 ? cps.length : next;
      out += cps.slice(pos, stop).join("");
      cnt -= stop - pos - 1;
      pos = stop;
      continue;
    }
    pos++;
    // unicode_format_arg
    let ch = cps[pos] ?? "\0";
    if (ch === "%") {
      pos++;
      cnt--;
      out += "%";
      continue;
    }
    let flags = 0;
    let width = -1;
    let prec = -1;
    if (ch === "(") {
      if (ctx.dict === NULL) {
        s.raise(s.b.TypeError, "format requires a mapping");
        return fail();
      }
      pos++;
      cnt--;
      const keyStart = pos;
      let depth = 1;
      while (depth > 0 && cnt > 0) {
        ch = cps[pos]!;
        if (ch === ")") depth--;
        else if (ch === "(") depth++;
        pos++;
        cnt--;
      }
      if (cnt < 0 || depth > 0) {
        s.raise(s.b.ValueError, "incomplete format key");
        return fail();
      }
      const key = s.newStr(cps.slice(keyStart, pos - 1).join(""));
      if (key === ERROR) return fail();
      const value = s.getItem(ctx.dict, key);
      s.refs.close(key);
      if (value === ERROR) return fail();
      if (owned !== NULL) s.refs.close(owned);
      owned = value;
      ctx.args = value;
      ctx.arglen = -1;
      ctx.argidx = -2;
    }
    while (--cnt >= 0) {
      ch = cps[pos++]!;
      if (ch === "-") flags |= F_LJUST;
      else if (ch === "+") flags |= F_SIGN;
      else if (ch === " ") flags |= F_BLANK;
      else if (ch === "#") flags |= F_ALT;
      else if (ch === "0") flags |= F_ZERO;
      else break;
    }
    if (ch === "*") {
      const v = nextArg(s, ctx);
      if (v === ERROR) return fail();
      if (!isInt(s, v)) {
        s.raise(s.b.TypeError, "* wants int");
        return fail();
      }
      width = Number(intToBigInt(s, v));
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      if (--cnt >= 0) ch = cps[pos++]!;
    } else if (ch >= "0" && ch <= "9") {
      width = ch.charCodeAt(0) - 48;
      while (--cnt >= 0) {
        ch = cps[pos++]!;
        if (ch < "0" || ch > "9") break;
        width = width * 10 + ch.charCodeAt(0) - 48;
        if (width > 0x7fffffff) {
          s.raise(s.b.ValueError, "width too big");
          return fail();
        }
      }
    }
    if (ch === ".") {
      prec = 0;
      if (--cnt >= 0) ch = cps[pos++]!;
      if (ch === "*") {
        const v = nextArg(s, ctx);
        if (v === ERROR) return fail();
        if (!isInt(s, v)) {
          s.raise(s.b.TypeError, "* wants int");
          return fail();
        }
        prec = Number(intToBigInt(s, v));
        if (--cnt >= 0) ch = cps[pos++]!;
      } else if (ch >= "0" && ch <= "9") {
        prec = ch.charCodeAt(0) - 48;
        while (--cnt >= 0) {
          ch = cps[pos++]!;
          if (ch < "0" || ch > "9") break;
          prec = prec * 10 + ch.charCodeAt(0) - 48;
          if (prec > 0x7fffffff) {
            s.raise(s.b.ValueError, "precision too big");
            return fail();
          }
        }
      }
    }
    if (cnt >= 0 && (ch === "h" || ch === "l" || ch === "L")) {
      if (--cnt >= 0) ch = cps[pos++]!;
    }
    if (cnt < 0) {
      s.raise(s.b.ValueError, "incomplete format");
      return fail();
    }
    // unicode_format_arg_format
    const v = nextArg(s, ctx);
    if (v === ERROR) return fail();
    let text: string | null;
    let signed = false;
    switch (ch) {
      case "s":
        text = isStr(s, v) ? strValue(s, v) : s.strText(v);
        break;
      case "r":
        text = takeText(s, s.repr(v));
        break;
      case "a":
        text = asciiText(s, v);
        break;
      case "i":
      case "d":
      case "u":
      case "o":
      case "x":
      case "X":
        text = printfInt(s, v, ch, (flags & F_ALT) !== 0, prec);
        signed = true;
        break;
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G": {
        const d = printfDouble(s, v);
        text =
          d === null
            ? null
            : floatToString(d, ch, prec < 0 ? 6 : prec, (flags & F_ALT) !== 0, false, false);
        signed = true;
        break;
      }
      case "c":
        if (isStr(s, v)) {
          const t = strValue(s, v);
          if ([...t].length !== 1) {
            s.raise(s.b.TypeError, "%c requires int or char");
            text = null;
          } else text = t;
        } else if (isInt(s, v)) {
          const n = intToBigInt(s, v);
          if (n < 0n || n > 0x10ffffn) {
            s.raise(s.b.OverflowError, "%c arg not in range(0x110000)");
            text = null;
          } else text = String.fromCodePoint(Number(n));
        } else {
          s.raise(s.b.TypeError, "%c requires int or char");
          text = null;
        }
        break;
      default: {
        const cp = ch.codePointAt(0)!;
        const shown = cp >= 32 && cp <= 126 ? ch : "?";
        s.raise(
          s.b.ValueError,
          `unsupported format character '${shown}' (0x${cp.toString(16)}) at index ${pos - 1}`,
        );
        text = null;
      }
    }
    if (text === null) return fail();
    out += printfOutput(text, ch, flags, width, prec, signed);
    if (owned !== NULL) {
      s.refs.close(owned);
      owned = NULL;
    }
  }
  if (ctx.argidx < ctx.arglen && ctx.dict === NULL) {
    s.raise(s.b.TypeError, "not all arguments converted during string formatting");
    return fail();
  }
  return s.newStr(out);
}

/** CPython's unicode_format_arg_output: sign, prefix, padding and truncation. */
function printfOutput(
  str: string,
  ch: string,
  flags: number,
  widthIn: number,
  prec: number,
  signedIn: boolean,
): string {
  let signed = signedIn;
  let width = widthIn;
  const fill = signed && (flags & F_ZERO) !== 0 ? "0" : " ";
  const cps = Array.from(str);
  let len = cps.length;
  if (
    (width === -1 || width <= len) &&
    (prec === -1 || prec >= len) &&
    (flags & (F_SIGN | F_BLANK)) === 0
  ) {
    return str;
  }
  if ((ch === "s" || ch === "r" || ch === "a") && prec >= 0 && len > prec) len = prec;
  let pindex = 0;
  let signChar = "";
  if (signed) {
    const c = cps[0];
    if (c === "-" || c === "+") {
      signChar = c;
      len--;
      pindex++;
    } else if ((flags & F_SIGN) !== 0) signChar = "+";
    else if ((flags & F_BLANK) !== 0) signChar = " ";
    else signed = false;
  }
  if (width < len) width = len;
  let out = "";
  if (signed) {
    if (fill !== " ") out += signChar;
    if (width > len) width--;
  }
  const alt = (flags & F_ALT) !== 0 && (ch === "x" || ch === "X" || ch === "o");
  if (alt) {
    if (fill !== " ") {
      out += cps[pindex]! + cps[pindex + 1]!;
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && (flags & F_LJUST) === 0) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === " ") {
    if (signed) out += signChar;
    if (alt) {
      out += cps[pindex]! + cps[pindex + 1]!;
      pindex += 2;
    }
  }
  out += cps.slice(pindex, pindex + len).join("");
  if (width > len) out += " ".repeat(width - len);
  return out;
}
