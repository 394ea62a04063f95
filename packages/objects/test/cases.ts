// Shared helpers of the method and format tests: a space, tagged JSON values (as written by
// scripts/regen-method-cases.py from CPython 3.13) turned into references, and outcomes as text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Heap } from "@skein/gc";
import {
  createObjectSpace,
  dictSetItem,
  type ObjectSpace,
  parseFloatLiteral,
} from "@skein/objects";
import { ERROR, ReleaseStackRefs, type StackRef } from "@skein/stackref";

export type Encoded =
  | { int: string }
  | { float: string }
  | { str: string }
  | { bool: boolean }
  | { none: null }
  | { list: Encoded[] }
  | { tuple: Encoded[] }
  | { dict: [Encoded, Encoded][] }
  | { type: string };

/** repr() text, or [exception type, str(exception)]. */
export type Outcome = string | { error: [string, string] };

export function space(): { heap: Heap; s: ObjectSpace } {
  const heap = new Heap({ limit: 64 * 1024 * 1024 });
  const s = createObjectSpace(heap, new ReleaseStackRefs(heap));
  return { heap, s };
}

export function loadCases<T>(name: string): T[] {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "cases", `${name}.json`), "utf8"),
  ) as T[];
}

/** A new reference for an encoded value. */
export function build(s: ObjectSpace, v: Encoded): StackRef {
  if ("int" in v) return s.newInt(BigInt(v.int));
  if ("float" in v) return s.newFloat(parseFloatLiteral(v.float)!);
  if ("str" in v) return s.newStr(v.str);
  if ("bool" in v) return s.bool(v.bool);
  if ("none" in v) return s.None;
  if ("list" in v) return s.newList(v.list.map((x) => build(s, x)));
  if ("tuple" in v) return s.newTuple(v.tuple.map((x) => build(s, x)));
  if ("type" in v) return s.b[v.type]!.addr | 1;
  const d = s.newDict();
  for (const [k, x] of v.dict) {
    const key = build(s, k);
    const value = build(s, x);
    dictSetItem(s, d, key, value);
    s.refs.close(key);
    s.refs.close(value);
  }
  return d;
}

/** The outcome of a call that returned `r` (closed here). */
export function outcome(s: ObjectSpace, r: StackRef): Outcome {
  if (r === ERROR) {
    const exc = s.fetchException();
    const text = s.strText(exc) ?? "<str failed>";
    const name = s.typeOf(exc).name;
    s.refs.close(exc);
    return { error: [name, text] };
  }
  const repr = s.repr(r);
  s.refs.close(r);
  if (repr === ERROR) return outcome(s, ERROR);
  const text = s.strValue(repr);
  s.refs.close(repr);
  return text;
}

/** Run `f` twice and return the live-object growth of the second run (caches fill in the first). */
export function leakOf(heap: Heap, f: () => void): number {
  f();
  const before = heap.stats().liveObjects;
  f();
  return heap.stats().liveObjects - before;
}

export interface MethodCase {
  receiver: Encoded;
  method: string;
  args: Encoded[];
  kwargs: [string, Encoded][];
  result: Outcome;
  after?: string;
}

/** Call receiver.method(*args, **kwargs): [result, repr of the receiver afterwards]. */
export function callMethod(s: ObjectSpace, c: MethodCase): [Outcome, string] {
  const recv = build(s, c.receiver);
  const method = s.getAttr(recv, s.intern(c.method));
  let result: Outcome;
  if (method === ERROR) result = outcome(s, ERROR);
  else {
    const args = [...c.args, ...c.kwargs.map(([, v]) => v)].map((a) => build(s, a));
    const kwnames = c.kwargs.length === 0 ? 1 : s.newTuple(c.kwargs.map(([k]) => s.intern(k)));
    result = outcome(s, s.call(method, args, kwnames));
    for (const a of args) s.refs.close(a);
    if (kwnames !== 1) s.refs.close(kwnames);
    s.refs.close(method);
  }
  const after = outcome(s, s.refs.dup(recv));
  s.refs.close(recv);
  return [result, typeof after === "string" ? after : ""];
}

/** The kind of a case's receiver: "str", "list", "dict", "type:float", ... */
export function receiverKind(c: MethodCase): string {
  const r = c.receiver;
  if ("type" in r) return `type:${r.type}`;
  return Object.keys(r)[0]!;
}
