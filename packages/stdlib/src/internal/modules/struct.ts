// The _struct module (CPython's Modules/_struct.c): packing Python values into bytes by a format
// string and back. A format is parsed once into a list of codes (cached by its text); packing
// writes through a DataView, so byte order is a flag rather than a separate table.
import {
  bytesLike,
  dictSetItem,
  intFromBigInt,
  intToBigInt,
  isByteArray,
  isBytes,
  isFloat,
  isInt,
  isStr,
  newBytes,
  newClass,
  newSlice,
  type ObjectSpace,
  type PyType,
  strValue,
  tupleFromRefs,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";
import { asDouble } from "./math.js";

/** One format character with its repeat count, at its byte offset in the packed struct. */
interface Code {
  readonly ch: string;
  readonly count: number;
  readonly offset: number;
  readonly size: number;
}

export interface StructFormat {
  readonly codes: readonly Code[];
  readonly size: number;
  /** How many values pack takes and unpack returns. */
  readonly items: number;
  readonly little: boolean;
  /** '@' formats: native sizes and alignment (and a float cast that does not check range). */
  readonly native: boolean;
}

// Sizes in native mode ('@') and standard mode ('=', '<', '>', '!'); native alignment = size.
const NATIVE_SIZE: Readonly<Record<string, number>> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8,
  n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8,
}; // biome-ignore format: a table
const STANDARD_SIZE: Readonly<Record<string, number>> = {
  x: 1, c: 1, b: 1, B: 1, "?": 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8,
  e: 2, f: 4, d: 8, s: 1, p: 1,
}; // biome-ignore format: a table
const MAX_SIZE = 2 ** 53;
/** The largest struct pack() builds: beyond, MemoryError (the heap could not hold it anyway). */
const MAX_PACKED = 2 ** 30;

/** Parse `fmt`; a string describing the struct.error otherwise. */
export function parseFormat(fmt: string): StructFormat | string {
  let at = 0;
  let native = true;
  let little = true; // the host's order (x86 and ARM are little-endian)
  const first = fmt[0];
  if (first === "@" || first === "=" || first === "<" || first === ">" || first === "!") {
    at = 1;
    native = first === "@";
    little = first === "@" || first === "=" || first === "<";
  }
  const table = native ? NATIVE_SIZE : STANDARD_SIZE;
  const codes: Code[] = [];
  let size = 0;
  let items = 0;
  while (at < fmt.length) {
    let c = fmt[at++]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\v" || c === "\f") continue;
    let count = 1;
    if (c >= "0" && c <= "9") {
      let n = Number(c);
      while (at < fmt.length && fmt[at]! >= "0" && fmt[at]! <= "9") {
        n = n * 10 + Number(fmt[at++]);
        if (n > MAX_SIZE) return "total struct size too long";
      }
      if (at >= fmt.length) return "repeat count given without format specifier";
      c = fmt[at++]!;
      count = n;
    }
    const itemSize = table[c];
    if (itemSize === undefined) return "bad char in struct format";
    if (native && size > 0 && itemSize > 1) size += (itemSize - ((size - 1) % itemSize) - 1) | 0;
    if (c === "s" || c === "p") items++;
    else if (c !== "x") items += count;
    codes.push({ ch: c, count, offset: size, size: itemSize });
    size += count * itemSize;
    if (size > MAX_SIZE) return "total struct size too long";
  }
  return { codes, size, items, little, native };
}

const INT_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  b: [-(2n ** 7n), 2n ** 7n - 1n],
  B: [0n, 2n ** 8n - 1n],
  h: [-(2n ** 15n), 2n ** 15n - 1n],
  H: [0n, 2n ** 16n - 1n],
  i: [-(2n ** 31n), 2n ** 31n - 1n],
  I: [0n, 2n ** 32n - 1n],
  q: [-(2n ** 63n), 2n ** 63n - 1n],
  Q: [0n, 2n ** 64n - 1n],
  n: [-(2n ** 63n), 2n ** 63n - 1n],
  N: [0n, 2n ** 64n - 1n],
  P: [0n, 2n ** 64n - 1n],
};
function intRange(ch: string, size: number): readonly [bigint, bigint] {
  if (ch === "l") return size === 8 ? INT_RANGES.q! : INT_RANGES.i!;
  if (ch === "L") return size === 8 ? INT_RANGES.Q! : INT_RANGES.I!;
  return INT_RANGES[ch]!;
}

/** Half-precision encoding with round-half-even (CPython's PyFloat_Pack2); null on overflow. */
function packHalf(x: number): number | null {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (a === 0) return sign;
  // Scale to units of the smallest subnormal (2**-24), then round half to even.
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  let bits: number;
  if (e < -14) {
    bits = roundHalfEven(a * 2 ** 24);
  } else {
    const m = roundHalfEven((a / 2 ** e) * 1024); // 1024..2048
    bits = ((e + 15) << 10) + (m - 1024);
  }
  if (bits >= 0x7c00) return null;
  return sign | bits;
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5 || (d === 0.5 && f % 2 === 1)) return f + 1;
  return f;
}

function unpackHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (e === 0) return sign * m * 2 ** -24;
  return sign * (1024 + m) * 2 ** (e - 25);
}

export class StructModule {
  private readonly cache = new Map<string, StructFormat>();

  constructor(
    private readonly s: ObjectSpace,
    readonly error: PyType,
  ) {}

  clearCache(): void {
    this.cache.clear();
  }

  fail(message: string): null {
    this.s.raise(this.error, message);
    return null;
  }

  /** The parsed format of a str or bytes argument; null with the error set. */
  format(arg: StackRef): StructFormat | null {
    const s = this.s;
    let text: string;
    if (isStr(s, arg)) text = strValue(s, arg);
    else if (isBytes(s, arg)) text = String.fromCharCode(...bytesLike(s, arg)!);
    else {
      s.raise(
        s.b.TypeError,
        `Struct() argument 1 must be a str or bytes object, not ${s.typeOf(arg).name}`,
      );
      return null;
    }
    let f = this.cache.get(text);
    if (f === undefined) {
      const parsed = parseFormat(text);
      if (typeof parsed === "string") return this.fail(parsed);
      f = parsed;
      if (this.cache.size >= 100) this.cache.clear();
      this.cache.set(text, f);
    }
    return f;
  }

  /** The integer value of a packing argument (through __index__), null with struct.error. */
  private intArg(v: StackRef): bigint | null {
    const s = this.s;
    if (isInt(s, v)) return intToBigInt(s, v);
    if (s.typeOf(v).heap) {
      const f = s.getAttr(v, s.intern("__index__"));
      if (f !== ERROR) {
        const r = s.call(f, []);
        s.refs.close(f);
        if (r === ERROR) return null;
        if (!isInt(s, r)) {
          s.refs.close(r);
          s.raise(s.b.TypeError, `__index__ returned non-int (type ${s.typeOf(r).name})`);
          return null;
        }
        const n = intToBigInt(s, r);
        s.refs.close(r);
        return n;
      }
      s.refs.close(s.fetchException());
    }
    return this.fail("required argument is not an integer");
  }

  /** Pack `nargs` values at `args` into `out` (zeroed) from byte `base`; false with the error. */
  packInto(
    f: StructFormat,
    args: number,
    nargs: number,
    out: Uint8Array,
    base: number,
    fname: string,
  ): boolean {
    const s = this.s;
    if (nargs !== f.items) {
      this.fail(`${fname} expected ${f.items} items for packing (got ${nargs})`);
      return false;
    }
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    const le = f.little;
    let k = 0;
    for (const code of f.codes) {
      const { ch, count } = code;
      let at = base + code.offset;
      if (ch === "x") continue;
      if (ch === "s" || ch === "p") {
        const v = s.i32[args + k++]!;
        const data = isBytes(s, v) || isByteArray(s, v) ? bytesLike(s, v)! : null;
        if (data === null) {
          this.fail(`argument for '${ch}' must be a bytes object`);
          return false;
        }
        if (ch === "s") out.set(data.subarray(0, count), at);
        else if (count > 0) {
          const n = Math.min(data.length, count - 1, 255);
          out[at] = n;
          out.set(data.subarray(0, n), at + 1);
        }
        continue;
      }
      for (let j = 0; j < count; j++, at += code.size) {
        const v = s.i32[args + k++]!;
        if (!this.packOne(ch, code.size, v, view, at, le, f.native)) return false;
      }
    }
    return true;
  }

  private packOne(
    ch: string,
    size: number,
    v: StackRef,
    view: DataView,
    at: number,
    le: boolean,
    native: boolean,
  ): boolean {
    const s = this.s;
    switch (ch) {
      case "c": {
        const data = isBytes(s, v) || isByteArray(s, v) ? bytesLike(s, v)! : null;
        if (data === null || data.length !== 1) {
          this.fail("char format requires a bytes object of length 1");
          return false;
        }
        view.setUint8(at, data[0]!);
        return true;
      }
      case "?": {
        const t = s.isTrue(v);
        if (t < 0) return false;
        view.setUint8(at, t);
        return true;
      }
      case "e":
      case "f":
      case "d": {
        if (!isFloat(s, v) && !isInt(s, v) && !s.typeOf(v).heap) {
          this.fail("required argument is not a float");
          return false;
        }
        const x = asDouble(s, v);
        if (x === null) {
          if (s.isInstance(s.curexc, s.b.TypeError)) {
            s.refs.close(s.fetchException());
            this.fail("required argument is not a float");
          }
          return false;
        }
        if (ch === "d") view.setFloat64(at, x, le);
        else if (ch === "f") {
          if (!native && Number.isFinite(x) && !Number.isFinite(Math.fround(x))) {
            s.raise(s.b.OverflowError, "float too large to pack with f format");
            return false;
          }
          view.setFloat32(at, x, le);
        } else {
          const h = packHalf(x);
          if (h === null) {
            s.raise(s.b.OverflowError, "float too large to pack with e format");
            return false;
          }
          view.setUint16(at, h, le);
        }
        return true;
      }
      default: {
        const n = this.intArg(v);
        if (n === null) return false;
        const [lo, hi] = intRange(ch, size);
        if (n < lo || n > hi) {
          if (ch === "P") {
            if (n >= -(2n ** 63n) && n < 0n) {
              view.setBigUint64(at, BigInt.asUintN(64, n), le);
              return true;
            }
            this.fail("int too large to convert");
          } else this.fail(`'${ch}' format requires ${lo} <= number <= ${hi}`);
          return false;
        }
        if (size === 1) view.setUint8(at, Number(BigInt.asUintN(8, n)));
        else if (size === 2) view.setUint16(at, Number(BigInt.asUintN(16, n)), le);
        else if (size === 4) view.setUint32(at, Number(BigInt.asUintN(32, n)), le);
        else view.setBigUint64(at, BigInt.asUintN(64, n), le);
        return true;
      }
    }
  }

  /** The tuple of values in `data` from byte `base`. */
  unpack(f: StructFormat, data: Uint8Array, base: number): StackRef {
    const s = this.s;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const le = f.little;
    const out: StackRef[] = [];
    const fail = () => {
      for (const r of out) s.refs.close(r);
      return ERROR;
    };
    for (const code of f.codes) {
      const { ch, count } = code;
      let at = base + code.offset;
      if (ch === "x") continue;
      if (ch === "s" || ch === "p") {
        let bytes = data.subarray(at, at + count);
        if (ch === "p") bytes = data.subarray(at + 1, at + 1 + Math.min(data[at] ?? 0, count - 1));
        const r = newBytes(s, count === 0 ? new Uint8Array(0) : bytes);
        if (r === ERROR) return fail();
        out.push(r);
        continue;
      }
      for (let j = 0; j < count; j++, at += code.size) {
        const r = this.unpackOne(ch, code.size, view, at, le);
        if (r === ERROR) return fail();
        out.push(r);
      }
    }
    return tupleFromRefs(s, out);
  }

  private unpackOne(ch: string, size: number, view: DataView, at: number, le: boolean): StackRef {
    const s = this.s;
    switch (ch) {
      case "c":
        return newBytes(s, new Uint8Array([view.getUint8(at)]));
      case "?":
        return s.bool(view.getUint8(at) !== 0);
      case "e":
        return s.newFloat(unpackHalf(view.getUint16(at, le)));
      case "f":
        return s.newFloat(view.getFloat32(at, le));
      case "d":
        return s.newFloat(view.getFloat64(at, le));
      default: {
        const signed = ch === "b" || ch === "h" || ch === "i" || ch === "l" || ch === "q";
        const signedN = signed || ch === "n";
        if (size === 1) return s.newInt(signed ? view.getInt8(at) : view.getUint8(at));
        if (size === 2) return s.newInt(signed ? view.getInt16(at, le) : view.getUint16(at, le));
        if (size === 4) return s.newInt(signed ? view.getInt32(at, le) : view.getUint32(at, le));
        return intFromBigInt(s, signedN ? view.getBigInt64(at, le) : view.getBigUint64(at, le));
      }
    }
  }
}

/** MemoryError() for a struct larger than MAX_PACKED (a new one: it gets a traceback). */
function tooLarge(s: ObjectSpace): StackRef {
  const exc = s.call(s.b.MemoryError.addr | 1, []);
  if (exc !== ERROR) s.setException(exc);
  return ERROR;
}

/** The data of a buffer argument (bytes, bytearray), null with TypeError. */
function bufferData(s: ObjectSpace, v: StackRef): Uint8Array | null {
  const data = bytesLike(s, v);
  if (data !== null) return data;
  if (s.typeOf(v).heap) {
    // Objects of the Python-written array module expose their bytes.
    const f = s.getAttr(v, s.intern("__skein_buffer__"));
    if (f !== ERROR) {
      const r = s.call(f, []);
      s.refs.close(f);
      if (r === ERROR) return null;
      const d = bytesLike(s, r);
      s.refs.close(r);
      if (d !== null) return d;
    } else s.refs.close(s.fetchException());
  }
  s.raise(s.b.TypeError, `a bytes-like object is required, not '${s.typeOf(v).name}'`);
  return null;
}

function checkOffset(
  st: StructModule,
  offset: number,
  length: number,
  size: number,
  what: "unpack_from" | "pack_into",
): number | null {
  let at = offset;
  if (at < 0) {
    if (what === "pack_into" && at + size > 0) {
      return st.fail(`no space to pack ${size} bytes at offset ${at}`);
    }
    if (at + length < 0) return st.fail(`offset ${at} out of range for ${length}-byte buffer`);
    at += length;
  }
  if (length - at < size) {
    const verb = what === "unpack_from" ? "unpacking" : "packing";
    return st.fail(
      `${what} requires a buffer of at least ${size + at} bytes for ${verb} ${size} bytes at offset ${at} (actual buffer size is ${length})`,
    );
  }
  return at;
}

function offsetArg(s: ObjectSpace, v: StackRef): number | null {
  if (!isInt(s, v)) {
    s.raise(s.b.TypeError, `'${s.typeOf(v).name}' object cannot be interpreted as an integer`);
    return null;
  }
  const n = intToBigInt(s, v);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) {
    s.raise(s.b.OverflowError, "Python int too large to convert to C ssize_t");
    return null;
  }
  return Number(n);
}

export function initStruct(_rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const ns = s.newDict();
  const modName = s.newStr("struct");
  dictSetItem(s, ns, s.intern("__module__"), modName);
  s.refs.close(modName);
  const bases = s.newTuple([s.refs.asOwned(s.b.Exception.addr | 1)]);
  const errorType = newClass(s, s.b.type, "error", bases, ns);
  s.refs.close(bases);
  s.refs.close(ns);
  if (errorType === ERROR) {
    m.failed = true;
    return;
  }
  const st = new StructModule(s, s.typeFromAddr(errorType & ~3));
  m.set("error", errorType);
  const argCount = (name: string, nargs: number, want: number): boolean => {
    if (nargs >= want) return true;
    s.raise(
      s.b.TypeError,
      want === 1
        ? `${name}() missing required argument 'format' (pos 1)`
        : `${name} expected ${want} arguments, got ${nargs}`,
    );
    return false;
  };
  m.fn("calcsize", (_self, args, nargs) => {
    if (nargs !== 1) {
      return s.raise(s.b.TypeError, `calcsize() takes exactly one argument (${nargs} given)`);
    }
    const f = st.format(s.i32[args]!);
    return f === null ? ERROR : s.newInt(f.size);
  });
  m.fn("pack", (_self, args, nargs) => {
    if (nargs === 0) return s.raise(s.b.TypeError, "missing format argument");
    const f = st.format(s.i32[args]!);
    if (f === null) return ERROR;
    if (f.size > MAX_PACKED) return tooLarge(s);
    const out = new Uint8Array(f.size);
    if (!st.packInto(f, args + 1, nargs - 1, out, 0, "pack")) return ERROR;
    return newBytes(s, out);
  });
  m.fn("pack_into", (_self, args, nargs) => {
    if (nargs < 1) return s.raise(s.b.TypeError, "pack_into expected at least 1 argument, got 0");
    const f = st.format(s.i32[args]!);
    if (f === null) return ERROR;
    if (nargs < 2) return st.fail("pack_into expected buffer argument") ?? ERROR;
    if (nargs < 3) return st.fail("pack_into expected offset argument") ?? ERROR;
    const buffer = s.i32[args + 1]!;
    if (nargs - 3 !== f.items) {
      return st.fail(`pack_into expected ${f.items} items for packing (got ${nargs - 3})`) ?? ERROR;
    }
    if (!isByteArray(s, buffer)) {
      return s.raise(
        s.b.TypeError,
        `argument must be read-write bytes-like object, not ${s.typeOf(buffer).name}`,
      );
    }
    const offset = offsetArg(s, s.i32[args + 2]!);
    if (offset === null) return ERROR;
    const length = s.length(buffer);
    const at = checkOffset(st, offset, length, f.size, "pack_into");
    if (at === null) return ERROR;
    if (f.size > MAX_PACKED) return tooLarge(s);
    const out = new Uint8Array(f.size);
    if (!st.packInto(f, args + 3, nargs - 3, out, 0, "pack_into")) return ERROR;
    const data = newBytes(s, out);
    if (data === ERROR) return ERROR;
    const slice = newSlice(s, s.newInt(at), s.newInt(at + f.size), s.None);
    const r = slice === ERROR ? -1 : s.setItem(buffer, slice, data);
    s.refs.xclose(slice === ERROR ? NULL : slice);
    s.refs.close(data);
    return r < 0 ? ERROR : s.None;
  });
  m.fn("unpack", (_self, args, nargs) => {
    if (!argCount("unpack", nargs, 2) || nargs > 2) {
      if (nargs > 2) s.raise(s.b.TypeError, `unpack expected 2 arguments, got ${nargs}`);
      return ERROR;
    }
    const f = st.format(s.i32[args]!);
    if (f === null) return ERROR;
    const data = bufferData(s, s.i32[args + 1]!);
    if (data === null) return ERROR;
    if (data.length !== f.size) {
      return st.fail(`unpack requires a buffer of ${f.size} bytes`) ?? ERROR;
    }
    return st.unpack(f, data, 0);
  });
  m.fn("unpack_from", (_self, args, nargs, kwnames) => {
    const nkw = kwnames === NULL ? 0 : s.length(kwnames);
    let bufferRef: StackRef = nargs > 1 ? s.i32[args + 1]! : NULL;
    let offsetRef: StackRef = nargs > 2 ? s.i32[args + 2]! : NULL;
    for (let i = 0; i < nkw; i++) {
      const key = s.strValue(s.getItem(kwnames, (i << 2) | 3));
      const v = s.i32[args + nargs + i]!;
      if (key === "buffer" && nargs < 2) bufferRef = v;
      else if (key === "offset" && nargs < 3) offsetRef = v;
      else
        return s.raise(s.b.TypeError, `unpack_from() got an unexpected keyword argument '${key}'`);
    }
    if (nargs === 0) {
      return s.raise(s.b.TypeError, "unpack_from() missing required argument 'format' (pos 1)");
    }
    if (bufferRef === NULL) {
      return s.raise(s.b.TypeError, "unpack_from() missing required argument 'buffer' (pos 2)");
    }
    if (nargs > 3) {
      return s.raise(s.b.TypeError, `unpack_from() takes at most 3 arguments (${nargs} given)`);
    }
    const f = st.format(s.i32[args]!);
    if (f === null) return ERROR;
    const data = bufferData(s, bufferRef);
    if (data === null) return ERROR;
    const offset = offsetRef === NULL ? 0 : offsetArg(s, offsetRef);
    if (offset === null) return ERROR;
    const at = checkOffset(st, offset, data.length, f.size, "unpack_from");
    if (at === null) return ERROR;
    return st.unpack(f, data, at);
  });
  // iter_unpack's checks; the iteration itself is a generator in struct.py.
  m.fn("_iter_unpack_check", (_self, args, nargs) => {
    if (nargs !== 2)
      return s.raise(s.b.TypeError, `iter_unpack expected 2 arguments, got ${nargs}`);
    const f = st.format(s.i32[args]!);
    if (f === null) return ERROR;
    const data = bufferData(s, s.i32[args + 1]!);
    if (data === null) return ERROR;
    if (f.size === 0)
      return st.fail("cannot iteratively unpack with a struct of length 0") ?? ERROR;
    if (data.length % f.size !== 0) {
      return (
        st.fail(`iterative unpacking requires a buffer of a multiple of ${f.size} bytes`) ?? ERROR
      );
    }
    return newBytes(s, data);
  });
  m.fn("_clearcache", () => {
    st.clearCache();
    return s.None;
  });
}
