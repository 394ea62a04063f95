// Values crossing between JavaScript and Python: numbers, big ints, strings, booleans, null,
// arrays, Maps and plain objects are converted; anything else stays a Python object behind a
// handle that the embedder releases.
import {
  dictNextEntry,
  entryKey,
  entryValue,
  floatValue,
  intToBigInt,
  isDict,
  isFloat,
  isInt,
  isList,
  isStr,
  isTuple,
  listItemsBase,
  listLength,
  type ObjectSpace,
  strValue,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef } from "@skein/stackref";

/** A Python object held by JavaScript: it stays alive until `release()`. */
export class PyHandle {
  #ref: StackRef;
  readonly #space: ObjectSpace;
  /** The Python type name of the object. */
  readonly type: string;

  constructor(space: ObjectSpace, ref: StackRef) {
    this.#space = space;
    this.#ref = space.refs.asOwned(ref);
    this.type = space.typeOf(ref).name;
  }

  /** The reference (owned by the handle); throws once released. */
  get ref(): StackRef {
    if (this.#ref === NULL) throw new Error("this Python object handle was released");
    return this.#ref;
  }

  get released(): boolean {
    return this.#ref === NULL;
  }

  release(): void {
    if (this.#ref === NULL) return;
    const r = this.#ref;
    this.#ref = NULL;
    this.#space.refs.close(r);
  }
}

/** JavaScript values the engine converts to Python objects. */
export type JsValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | readonly JsValue[]
  | ReadonlyMap<JsValue, JsValue>
  | PyHandle
  | { readonly [key: string]: JsValue };

/** A new Python object for a JavaScript value, or ERROR with the exception set. */
export function toPython(s: ObjectSpace, v: JsValue): StackRef {
  if (v === null || v === undefined) return s.None;
  if (v instanceof PyHandle) return s.refs.asOwned(v.ref);
  switch (typeof v) {
    case "boolean":
      return s.bool(v);
    case "number":
      return Number.isSafeInteger(v) && !Object.is(v, -0) ? s.newInt(v) : s.newFloat(v);
    case "bigint":
      return s.newInt(v);
    case "string":
      return s.newStr(v);
  }
  if (Array.isArray(v)) {
    const items: StackRef[] = [];
    for (const item of v as readonly JsValue[]) {
      const r = toPython(s, item);
      if (r === ERROR) {
        for (const made of items) s.refs.close(made);
        return ERROR;
      }
      items.push(r);
    }
    return s.newList(items);
  }
  const entries: [JsValue, JsValue][] =
    v instanceof Map ? [...v.entries()] : Object.entries(v as { [key: string]: JsValue });
  const d = s.newDict();
  if (d === ERROR) return ERROR;
  for (const [key, value] of entries) {
    const k = toPython(s, key);
    const val = k === ERROR ? ERROR : toPython(s, value);
    const ok = val !== ERROR && s.setItem(d, k, val) === 0;
    if (k !== ERROR) s.refs.close(k);
    if (val !== ERROR) s.refs.close(val);
    if (!ok) {
      s.refs.close(d);
      return ERROR;
    }
  }
  return d;
}

/** JavaScript values the engine gives back. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyValue[]
  | Map<PyValue, PyValue>
  | PyHandle;

/**
 * The JavaScript value of a Python object (borrowed): None, bool, int (a number when exact, else a
 * bigint), float, str, list and tuple (arrays), dict (a Map); anything else a PyHandle.
 */
export function fromPython(s: ObjectSpace, r: StackRef): PyValue {
  if (r === s.None) return null;
  if (r === s.True) return true;
  if (r === s.False) return false;
  if (isInt(s, r) && s.typeOf(r) === s.b.int) {
    const v = intToBigInt(s, r);
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (isFloat(s, r) && s.typeOf(r) === s.b.float) return floatValue(s, r);
  if (isStr(s, r) && s.typeOf(r) === s.b.str) return strValue(s, r);
  if (isList(s, r) && s.typeOf(r) === s.b.list) {
    const base = listItemsBase(s, r);
    const out: PyValue[] = [];
    for (let i = 0; i < listLength(s, r); i++) out.push(fromPython(s, s.i32[base + i]!));
    return out;
  }
  if (isTuple(s, r) && s.typeOf(r) === s.b.tuple) {
    const out: PyValue[] = [];
    for (let i = 0; i < tupleLength(s, r); i++) out.push(fromPython(s, tupleItem(s, r, i)));
    return out;
  }
  if (isDict(s, r) && s.typeOf(r) === s.b.dict) {
    const out = new Map<PyValue, PyValue>();
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, r, pos);
      if (e === 0) break;
      pos = s.iterPos;
      out.set(fromPython(s, entryKey(s, e)), fromPython(s, entryValue(s, e)));
    }
    return out;
  }
  return new PyHandle(s, r);
}
