// Helpers of the bytes and complex tests: the tagged JSON of scripts/regen-bytes-complex-cases.py
// (CPython 3.13's outcomes) turned into references, and each case kind run against a space.
import {
  CompareOp,
  NB,
  newByteArray,
  newBytes,
  newComplex,
  newSlice,
  type ObjectSpace,
  parseFloatLiteral,
  reprString,
  UnaryOp,
} from "@skein/objects";
import { ERROR, type StackRef } from "@skein/stackref";
import { build as buildPlain, type Encoded, type Outcome, outcome } from "./cases.js";

export type Value =
  | Encoded
  | { bytes: string }
  | { bytearray: string }
  | { complex: [string, string] }
  | { slice: [Value, Value, Value] }
  | { list: Value[] }
  | { tuple: Value[] };

export interface MethodCase {
  receiver: Value;
  method: string;
  args: Value[];
  kwargs: [string, Value][];
  result: Outcome;
  after?: string;
}
export interface OperatorCase {
  left: Value;
  op: string;
  right: Value;
  result: Outcome;
}
export interface FunctionCase {
  fn: string;
  value: Value;
  result: Outcome;
}
export interface CallCase {
  callee: Value;
  args: Value[];
  kwargs: [string, Value][];
  result: Outcome;
}
export interface Cases {
  methods: MethodCase[];
  operators: OperatorCase[];
  functions: FunctionCase[];
  calls: CallCase[];
}

function hex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A new reference for an encoded value. */
export function build(s: ObjectSpace, v: Value): StackRef {
  if ("bytes" in v) return newBytes(s, hex(v.bytes));
  if ("bytearray" in v) return newByteArray(s, hex(v.bytearray));
  if ("complex" in v) {
    return newComplex(s, parseFloatLiteral(v.complex[0])!, parseFloatLiteral(v.complex[1])!);
  }
  if ("slice" in v) {
    const parts = v.slice.map((x) => build(s, x));
    const r = newSlice(s, parts[0]!, parts[1]!, parts[2]!);
    for (const p of parts) s.refs.close(p);
    return r;
  }
  if ("list" in v) return s.newList(v.list.map((x) => build(s, x)));
  if ("tuple" in v) return s.newTuple(v.tuple.map((x) => build(s, x)));
  return buildPlain(s, v as Encoded);
}

function callWith(
  s: ObjectSpace,
  callable: StackRef,
  args: Value[],
  kwargs: [string, Value][],
): Outcome {
  const refs = [...args, ...kwargs.map(([, v]) => v)].map((a) => build(s, a));
  const kwnames = kwargs.length === 0 ? 1 : s.newTuple(kwargs.map(([k]) => s.intern(k)));
  const result = outcome(s, s.call(callable, refs, kwnames));
  for (const a of refs) s.refs.close(a);
  if (kwnames !== 1) s.refs.close(kwnames);
  return result;
}

/** receiver.method(*args, **kwargs): [outcome, repr of the receiver afterwards]. */
export function runMethod(s: ObjectSpace, c: MethodCase): [Outcome, string] {
  const recv = build(s, c.receiver);
  const method = s.getAttr(recv, s.intern(c.method));
  const result = method === ERROR ? outcome(s, ERROR) : callWith(s, method, c.args, c.kwargs);
  if (method !== ERROR) s.refs.close(method);
  const after = outcome(s, s.refs.dup(recv));
  s.refs.close(recv);
  return [result, typeof after === "string" ? after : ""];
}

const BINARY: Record<string, number> = {
  add: NB.ADD,
  sub: NB.SUBTRACT,
  mul: NB.MULTIPLY,
  truediv: NB.TRUE_DIVIDE,
  floordiv: NB.FLOOR_DIVIDE,
  pow: NB.POWER,
};
const COMPARE: Record<string, number> = {
  eq: CompareOp.EQ,
  ne: CompareOp.NE,
  lt: CompareOp.LT,
  ge: CompareOp.GE,
};

export function runOperator(s: ObjectSpace, c: OperatorCase): Outcome {
  const a = build(s, c.left);
  const b = build(s, c.right);
  let r: StackRef;
  if (c.op === "contains") {
    const n = s.contains(a, b);
    r = n < 0 ? ERROR : s.bool(n === 1);
  } else if (c.op === "getitem") r = s.getItem(a, b);
  else if (c.op in COMPARE) r = s.richCompare(a, b, COMPARE[c.op]!);
  else r = s.binaryOp(a, b, BINARY[c.op]!);
  const got = outcome(s, r);
  s.refs.close(a);
  s.refs.close(b);
  return got;
}

export function runFunction(s: ObjectSpace, c: FunctionCase): Outcome {
  const v = build(s, c.value);
  let r: StackRef;
  switch (c.fn) {
    case "repr":
      r = s.repr(v);
      if (r !== ERROR) {
        const text = s.strValue(r);
        s.refs.close(r);
        s.refs.close(v);
        return reprString(text);
      }
      break;
    case "len": {
      const n = s.length(v);
      r = n < 0 ? ERROR : s.newInt(n);
      break;
    }
    case "bool": {
      const n = s.isTrue(v);
      r = n < 0 ? ERROR : s.bool(n === 1);
      break;
    }
    case "hash": {
      const h = s.hashExact(v);
      r = h === null ? ERROR : s.newInt(h);
      break;
    }
    case "list":
      r = s.call(s.b.list.addr | 1, [v]);
      break;
    case "neg":
      r = s.unaryOp(v, UnaryOp.NEGATIVE);
      break;
    case "abs": {
      const m = s.getAttr(v, s.intern("__abs__"));
      r = m === ERROR ? ERROR : s.call(m, []);
      if (m !== ERROR) s.refs.close(m);
      break;
    }
    default:
      r = s.getAttr(v, s.intern(c.fn));
  }
  s.refs.close(v);
  return outcome(s, r);
}

export function runCall(s: ObjectSpace, c: CallCase): Outcome {
  const callee = build(s, c.callee);
  const r = callWith(s, callee, c.args, c.kwargs);
  s.refs.close(callee);
  return r;
}
