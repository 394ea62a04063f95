// Compile-time constants: the values a CodeUnit's consts hold, the key that merges equal constants
// (CPython's _PyCode_ConstantKey), and the constant folding the flow-graph optimizer performs
// (flowgraph.c's eval_const_binop / eval_const_unaryop), with CPython's size limits.
import { type ConstantValue, type PySurrogateStr, strText } from "./constants.js";

export interface ConstTuple {
  readonly kind: "tuple";
  readonly items: readonly ConstValue[];
}

export interface ConstFrozenset {
  readonly kind: "frozenset";
  readonly items: readonly ConstValue[];
}

export interface ConstSlice {
  readonly kind: "slice";
  readonly start: ConstValue;
  readonly stop: ConstValue;
  readonly step: ConstValue;
}

/** A nested code object: stands for the CodeUnit built by the assembler. */
export interface ConstCode {
  readonly kind: "code";
  readonly code: object;
}

/** Constants of code objects; a str is always a JavaScript string here (see PySurrogateStr). */
export type ConstValue =
  | Exclude<ConstantValue, PySurrogateStr>
  | ConstTuple
  | ConstFrozenset
  | ConstSlice
  | ConstCode;

export const tuple = (items: readonly ConstValue[]): ConstTuple => ({ kind: "tuple", items });

/** An AST constant as a code object's constant (a PySurrogateStr becomes a JavaScript string). */
export function constOf(v: ConstantValue): ConstValue {
  return typeof v === "object" && v !== null && !(v instanceof Uint8Array) && v.kind === "str"
    ? strText(v)
    : (v as ConstValue);
}

function isObj(v: ConstValue): v is Extract<ConstValue, object> {
  return typeof v === "object" && v !== null;
}

const codeIds = new WeakMap<object, number>();
let nextCodeId = 0;

/** A string that is equal for two constants exactly when CPython would merge them. */
export function constKey(v: ConstValue): string {
  if (v === null) return "N";
  switch (typeof v) {
    case "boolean":
      return v ? "T" : "F";
    case "bigint":
      return `i${v}`;
    case "number":
      // -0.0 and 0.0 differ; NaNs are kept apart by CPython (identity), merge them here by bits.
      return Object.is(v, -0) ? "f-0" : `f${v}`;
    case "string":
      return `s${v}`;
  }
  if (v instanceof Uint8Array) return `b${Array.from(v).join(",")}`;
  switch (v.kind) {
    case "ellipsis":
      return "E";
    case "complex":
      return `c${Object.is(v.real, -0) ? "-0" : v.real},${Object.is(v.imag, -0) ? "-0" : v.imag}`;
    case "tuple":
      return `(${v.items.map(constKey).join("|")})`;
    case "frozenset":
      return `{${v.items.map(constKey).join("|")}}`;
    case "slice":
      return `[${constKey(v.start)}|${constKey(v.stop)}|${constKey(v.step)}]`;
    case "code": {
      let id = codeIds.get(v.code);
      if (id === undefined) {
        id = nextCodeId++;
        codeIds.set(v.code, id);
      }
      return `C${id}`;
    }
  }
}

/** Python truthiness of a constant; null when it cannot be decided here. */
export function constTruth(v: ConstValue): boolean | null {
  if (v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    case "number":
      return v !== 0;
    case "string":
      return v.length > 0;
  }
  if (v instanceof Uint8Array) return v.length > 0;
  switch (v.kind) {
    case "ellipsis":
      return true;
    case "complex":
      return v.real !== 0 || v.imag !== 0;
    case "tuple":
    case "frozenset":
      return v.items.length > 0;
    default:
      return true;
  }
}

const MAX_INT_SIZE = 128n; // bits
const MAX_COLLECTION_SIZE = 256;
const MAX_STR_SIZE = 4096;
const MAX_TOTAL_ITEMS = 1024;

function bitLength(n: bigint): bigint {
  if (n < 0n) n = -n;
  return BigInt(n.toString(2).length) - (n === 0n ? 1n : 0n);
}

/** int value of an int or bool constant; null otherwise. */
function asInt(v: ConstValue): bigint | null {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return null;
}

function asFloat(v: ConstValue): number | null {
  if (typeof v === "number") return v;
  const i = asInt(v);
  if (i === null) return null;
  const f = Number(i);
  return Number.isFinite(f) ? f : null;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function complexity(v: ConstValue, limit: number): number {
  if (isObj(v) && !(v instanceof Uint8Array) && v.kind === "tuple") {
    limit -= v.items.length;
    for (let i = 0; limit >= 0 && i < v.items.length; i++) limit = complexity(v.items[i]!, limit);
  }
  return limit;
}

function repeat(seq: ConstValue, n: bigint): ConstValue | undefined {
  if (typeof seq === "string") {
    if (seq.length && (n < 0n || n > BigInt(Math.floor(MAX_STR_SIZE / seq.length))))
      return undefined;
    return n <= 0n ? "" : seq.repeat(Number(n));
  }
  if (seq instanceof Uint8Array) {
    if (seq.length && (n < 0n || n > BigInt(Math.floor(MAX_STR_SIZE / seq.length))))
      return undefined;
    const k = n <= 0n ? 0 : Number(n);
    const out = new Uint8Array(seq.length * k);
    for (let i = 0; i < k; i++) out.set(seq, i * seq.length);
    return out;
  }
  if (isObj(seq) && !(seq instanceof Uint8Array) && seq.kind === "tuple") {
    const size = seq.items.length;
    if (size) {
      if (n < 0n || n > BigInt(Math.floor(MAX_COLLECTION_SIZE / size))) return undefined;
      if (n && complexity(seq, Math.floor(MAX_TOTAL_ITEMS / Number(n))) < 0) return undefined;
    }
    const items: ConstValue[] = [];
    for (let i = 0n; i < n; i++) items.push(...seq.items);
    return tuple(items);
  }
  return undefined;
}

/** BINARY_OP on two constants; undefined when CPython would not fold (or we cannot). */
export function foldBinop(l: ConstValue, nb: number, r: ConstValue): ConstValue | undefined {
  if ((nb === 0 || nb === 10) && (isComplex(l) || isComplex(r))) {
    // complex + and - (1+2j, -0-0j): the int or float side has an imaginary part of 0.
    const a = complexParts(l);
    const b = complexParts(r);
    if (a === null || b === null) return undefined;
    const sign = nb === 0 ? 1 : -1;
    return { kind: "complex", real: a[0] + sign * b[0], imag: a[1] + sign * b[1] };
  }
  const a = asInt(l);
  const b = asInt(r);
  if (a !== null && b !== null) {
    switch (nb) {
      case 0:
        return a + b;
      case 10:
        return a - b;
      case 5:
        if (a !== 0n && b !== 0n && bitLength(a) + bitLength(b) > MAX_INT_SIZE) return undefined;
        return a * b;
      case 2:
        return b === 0n ? undefined : floorDiv(a, b);
      case 6:
        return b === 0n ? undefined : floorMod(a, b);
      case 8:
        if (b < 0n) return undefined; // a float result: not folded here
        if (a !== 0n && b > 0n && bitLength(a) * b > MAX_INT_SIZE) return undefined;
        return a ** b;
      case 3:
        if (b < 0n) return undefined;
        if (a !== 0n && b !== 0n && (b > MAX_INT_SIZE || bitLength(a) > MAX_INT_SIZE - b))
          return undefined;
        return a << b;
      case 9:
        if (b < 0n) return undefined;
        return a >> b;
      case 7:
        return typeof l === "boolean" && typeof r === "boolean" ? l || r : a | b;
      case 1:
        return typeof l === "boolean" && typeof r === "boolean" ? l && r : a & b;
      case 12:
        return typeof l === "boolean" && typeof r === "boolean" ? l !== r : a ^ b;
      case 11: {
        if (b === 0n) return undefined;
        const fa = Number(a);
        const fb = Number(b);
        if (
          !Number.isFinite(fa) ||
          !Number.isFinite(fb) ||
          Math.abs(fa) > 2 ** 53 ||
          Math.abs(fb) > 2 ** 53
        ) {
          return undefined;
        }
        return fa / fb;
      }
    }
    return undefined;
  }
  if (typeof l === "number" || typeof r === "number") {
    const x = asFloat(l);
    const y = asFloat(r);
    if (x === null || y === null) return undefined;
    switch (nb) {
      case 0:
        return x + y;
      case 10:
        return x - y;
      case 5:
        return x * y;
      case 11:
        return y === 0 ? undefined : x / y;
    }
    return undefined;
  }
  if (nb === 0) {
    if (typeof l === "string" && typeof r === "string") return l + r;
    if (l instanceof Uint8Array && r instanceof Uint8Array) {
      const out = new Uint8Array(l.length + r.length);
      out.set(l);
      out.set(r, l.length);
      return out;
    }
    if (isObj(l) && isObj(r) && !(l instanceof Uint8Array) && !(r instanceof Uint8Array)) {
      if (l.kind === "tuple" && r.kind === "tuple") return tuple([...l.items, ...r.items]);
    }
    return undefined;
  }
  if (nb === 5) {
    if (b !== null) return repeat(l, b);
    if (a !== null) return repeat(r, a);
  }
  return undefined;
}

/** UNARY_NEGATIVE / UNARY_INVERT / UNARY_NOT / unary plus on a constant. */
export function foldUnary(
  op: "neg" | "invert" | "not" | "pos",
  v: ConstValue,
): ConstValue | undefined {
  if (op === "not") {
    const t = constTruth(v);
    return t === null ? undefined : !t;
  }
  const i = asInt(v);
  if (i !== null) {
    if (op === "neg") return -i;
    if (op === "invert") return ~i;
    return i;
  }
  if (typeof v === "number") {
    if (op === "neg") return -v;
    if (op === "pos") return v;
    return undefined;
  }
  if (isObj(v) && !(v instanceof Uint8Array) && v.kind === "complex" && op !== "invert") {
    return op === "neg" ? { kind: "complex", real: -v.real, imag: -v.imag } : v;
  }
  return undefined;
}

function isComplex(v: ConstValue): boolean {
  return isObj(v) && !(v instanceof Uint8Array) && v.kind === "complex";
}

/** (real, imag) of an int, float or complex constant; null for anything else or too big an int. */
function complexParts(v: ConstValue): [number, number] | null {
  if (typeof v === "number") return [v, 0];
  if (typeof v === "bigint" || typeof v === "boolean") {
    const x = Number(v);
    return Number.isFinite(x) ? [x, 0] : null;
  }
  if (isObj(v) && !(v instanceof Uint8Array) && v.kind === "complex") return [v.real, v.imag];
  return null;
}
