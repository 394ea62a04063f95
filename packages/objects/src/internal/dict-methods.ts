// The methods of dict (CPython's Objects/dictobject.c): get, setdefault, pop, popitem, update,
// copy, clear, fromkeys, `|` and `|=`, and the view types dict_keys, dict_values, dict_items.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { collect } from "./constructors.js";
import {
  dictDelItem,
  dictGetItem,
  dictIterItems,
  dictIterKeys,
  dictIterValues,
  dictLength,
  dictNextEntry,
  dictSetItem,
  dictWatchEvent,
  entryKey,
  entryValue,
  isDict,
  newDict,
} from "./dict.js";
import {
  DICT_FLAGS,
  DICT_KEYS,
  DICT_USED,
  DICT_VERSION,
  ENTRY_KEY,
  ENTRY_SIZE,
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
} from "./layout.js";
import { defineMethods, noArgs, oneArg, positional } from "./method-args.js";
import type { ObjectSpace } from "./space.js";
import { tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { CompareOp, NB, type PyType } from "./type.js";

/** A view object: the header, then the dict it shows. */
const VIEW_DICT = 8;
const VIEW_SIZE = 12;

/** Store every entry of `source` (a dict) into `d`; 0 or -1. */
function mergeDict(s: ObjectSpace, d: StackRef, source: StackRef): number {
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, source, pos);
    if (e === 0) return 0;
    pos = s.iterPos;
    const k = s.refs.dup(entryKey(s, e));
    const v = s.refs.dup(entryValue(s, e));
    const r = dictSetItem(s, d, k, v);
    s.refs.close(k);
    s.refs.close(v);
    if (r < 0) return -1;
  }
}

/** d.update(other) for a mapping with keys() or an iterable of pairs (dict_merge/merge_from_seq2). */
export function dictUpdateFrom(s: ObjectSpace, d: StackRef, other: StackRef): number {
  if (isDict(s, other)) return mergeDict(s, d, other);
  const keysMethod = s.getAttr(other, s.intern("keys"));
  if (keysMethod !== ERROR) {
    const keysResult = s.call(keysMethod, []);
    s.refs.close(keysMethod);
    if (keysResult === ERROR) return -1;
    const keys = collect(s, keysResult);
    s.refs.close(keysResult);
    if (keys === null) return -1;
    let result = 0;
    for (const k of keys) {
      if (result < 0) continue;
      const v = s.getItem(other, k);
      if (v === ERROR || dictSetItem(s, d, k, v) < 0) result = -1;
      if (v !== ERROR) s.refs.close(v);
    }
    for (const k of keys) s.refs.close(k);
    return result;
  }
  if (!s.typeOf(s.curexc).isSubtypeOf(s.b.AttributeError)) return -1;
  s.refs.close(s.fetchException());
  const it = s.getIter(other);
  if (it === ERROR) return -1;
  for (let i = 0; ; i++) {
    const item = s.iterNext(it);
    if (item === NULL) break;
    if (item === ERROR) {
      s.refs.close(it);
      return -1;
    }
    if (s.typeOf(item).slots.iter === undefined) {
      s.refs.close(item);
      s.refs.close(it);
      s.raise(
        s.b.TypeError,
        `cannot convert dictionary update sequence element #${i} to a sequence`,
      );
      return -1;
    }
    const pair = collect(s, item);
    s.refs.close(item);
    if (pair === null) {
      s.refs.close(it);
      return -1;
    }
    if (pair.length !== 2) {
      for (const p of pair) s.refs.close(p);
      s.refs.close(it);
      s.raise(
        s.b.ValueError,
        `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`,
      );
      return -1;
    }
    const r = dictSetItem(s, d, pair[0]!, pair[1]!);
    s.refs.close(pair[0]!);
    s.refs.close(pair[1]!);
    if (r < 0) {
      s.refs.close(it);
      return -1;
    }
  }
  s.refs.close(it);
  return 0;
}

/** A shallow copy of a dict. */
export function dictCopy(s: ObjectSpace, d: StackRef): StackRef {
  const copy = newDict(s, dictLength(s, d));
  if (copy === ERROR) return ERROR;
  if (mergeDict(s, copy, d) < 0) {
    s.refs.close(copy);
    return ERROR;
  }
  return copy;
}

/** Empty a dict by swapping its table with a new empty dict's, then dropping that dict. */
export function dictClear(s: ObjectSpace, d: StackRef): number {
  const empty = newDict(s);
  if (empty === ERROR) return -1;
  const a = d & ~TAG_MASK;
  const i32 = s.i32;
  for (const field of [DICT_KEYS, DICT_USED]) {
    const t = i32[(a + field) >> 2]!;
    i32[(a + field) >> 2] = i32[(empty + field) >> 2]!;
    i32[(empty + field) >> 2] = t;
  }
  if (i32[(a + DICT_FLAGS) >> 2] !== 0) dictWatchEvent(s, a);
  i32[(a + DICT_VERSION) >> 2] = s.nextDictVersion();
  s.refs.close(empty);
  return 0;
}

/** The key of the last live entry of a non-empty dict (borrowed). */
function lastKey(s: ObjectSpace, d: StackRef): StackRef {
  const i32 = s.i32;
  const keys = i32[((d & ~TAG_MASK) + DICT_KEYS) >> 2]!;
  const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
  for (let ix = i32[(keys + KEYS_NENTRIES) >> 2]! - 1; ix >= 0; ix--) {
    const e = keys + KEYS_HEADER + (4 << log2) + ENTRY_SIZE * ix;
    const k = i32[(e + ENTRY_KEY) >> 2]!;
    if (k !== NULL) return k;
  }
  return NULL;
}

function reprText(s: ObjectSpace, v: StackRef): string | null {
  const r = s.repr(v);
  if (r === ERROR) return null;
  const text = s.strValue(r);
  s.refs.close(r);
  return text;
}

const VIEW_KEYS = 0;
const VIEW_VALUES = 1;
const VIEW_ITEMS = 2;

function newView(s: ObjectSpace, type: PyType, d: StackRef): StackRef {
  const addr = s.allocObject(type, VIEW_SIZE);
  if (addr === 0) return ERROR;
  s.i32[(addr + VIEW_DICT) >> 2] = s.refs.asOwned(d);
  return addr;
}

function viewDict(s: ObjectSpace, view: StackRef): StackRef {
  return s.i32[((view & ~TAG_MASK) + VIEW_DICT) >> 2]!;
}

/** `(k, v) in items`: 0 or 1, -1 on error. */
function itemsContains(s: ObjectSpace, d: StackRef, pair: StackRef): number {
  if (s.typeOf(pair) !== s.b.tuple || tupleLength(s, pair) !== 2) return 0;
  const v = dictGetItem(s, d, tupleItem(s, pair, 0));
  if (v === ERROR) return -1;
  if (v === NULL) return 0;
  const owned = s.refs.asOwned(v);
  const eq = s.richCompareBool(owned, tupleItem(s, pair, 1), CompareOp.EQ);
  s.refs.close(owned);
  return eq;
}

function installViews(s: ObjectSpace, b: Builtins): PyType[] {
  const names = ["dict_keys", "dict_values", "dict_items"];
  const types: PyType[] = [];
  for (let kind = 0; kind < 3; kind++) {
    const type = s.newStaticType(
      names[kind]!,
      s.objectType,
      {
        dealloc: (addr) => {
          s.refs.close(s.i32[(addr + VIEW_DICT) >> 2]!);
          s.heap.freeObject(addr);
        },
        len: (self) => dictLength(s, viewDict(s, self)),
        bool: (self) => (dictLength(s, viewDict(s, self)) > 0 ? 1 : 0),
        iter: (self) => {
          const d = viewDict(s, self);
          return kind === VIEW_KEYS
            ? dictIterKeys(s, d)
            : kind === VIEW_VALUES
              ? dictIterValues(s, d)
              : dictIterItems(s, d);
        },
        contains: (self, key) => {
          const d = viewDict(s, self);
          if (kind === VIEW_KEYS) {
            const v = dictGetItem(s, d, key);
            return v === ERROR ? -1 : v === NULL ? 0 : 1;
          }
          if (kind === VIEW_ITEMS) return itemsContains(s, d, key);
          return s.sequenceContains(self, key);
        },
        repr: (self) => {
          if (!s.reprEnter(self)) return s.newStr("...");
          const items = collect(s, self);
          let out: string | null = null;
          if (items !== null) {
            const parts: string[] = [];
            for (const item of items) {
              const text = parts.length === items.length ? null : reprText(s, item);
              if (text === null) break;
              parts.push(text);
            }
            if (parts.length === items.length) out = `${names[kind]}([${parts.join(", ")}])`;
            for (const item of items) s.refs.close(item);
          }
          s.reprLeave(self);
          return out === null ? ERROR : s.newStr(out);
        },
        richcompare: (self, other, op) => {
          if (kind === VIEW_VALUES) return s.NotImplemented;
          const ot = s.typeOf(other);
          if (ot !== types[VIEW_KEYS] && ot !== types[VIEW_ITEMS]) return s.NotImplemented;
          if (op !== CompareOp.EQ && op !== CompareOp.NE) return s.NotImplemented;
          const n = dictLength(s, viewDict(s, self));
          let eq = n === s.length(other) ? 1 : 0;
          if (eq === 1) {
            const items = collect(s, self);
            if (items === null) return ERROR;
            for (const item of items) {
              if (eq !== 1) continue;
              eq = s.contains(other, item);
            }
            for (const item of items) s.refs.close(item);
            if (eq < 0) return ERROR;
          }
          return s.bool((eq === 1) === (op === CompareOp.EQ));
        },
      },
      { gc: true },
    );
    if (kind !== VIEW_VALUES) type.slots.hash = s.unhashable;
    types.push(type);
  }
  b.dict_keys = types[VIEW_KEYS]!;
  b.dict_values = types[VIEW_VALUES]!;
  b.dict_items = types[VIEW_ITEMS]!;
  return types;
}

export function installDictMethods(s: ObjectSpace, b: Builtins): void {
  const views = installViews(s, b);
  const view =
    (kind: number, name: string) =>
    (self: StackRef, _args: number, nargs: number, kwnames: StackRef): StackRef => {
      if (!noArgs(s, `dict.${name}`, nargs, kwnames)) return ERROR;
      return newView(s, views[kind]!, self);
    };
  defineMethods(b.dict.methods, {
    keys: view(VIEW_KEYS, "keys"),
    // reversed(d): the keys, last inserted first (over a snapshot of the keys).
    __reversed__: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "dict.__reversed__", nargs, kwnames)) return ERROR;
      const keys: StackRef[] = [];
      let pos = 0;
      for (;;) {
        const e = dictNextEntry(s, self, pos);
        if (e === 0) break;
        pos = s.iterPos;
        keys.push(s.refs.asOwned(entryKey(s, e)));
      }
      const list = s.newList(keys.reverse());
      if (list === ERROR) return ERROR;
      const it = s.getIter(list);
      s.refs.close(list);
      return it;
    },
    values: view(VIEW_VALUES, "values"),
    items: view(VIEW_ITEMS, "items"),
    get: (self, args, nargs, kwnames) => {
      if (!positional(s, "dict.get", nargs, kwnames, 1, 2)) return ERROR;
      const v = dictGetItem(s, self, s.i32[args]!);
      if (v === ERROR) return ERROR;
      if (v === NULL) return nargs === 2 ? s.refs.asOwned(s.i32[args + 1]!) : s.None;
      return s.refs.asOwned(v);
    },
    setdefault: (self, args, nargs, kwnames) => {
      if (!positional(s, "dict.setdefault", nargs, kwnames, 1, 2)) return ERROR;
      const key = s.i32[args]!;
      const v = dictGetItem(s, self, key);
      if (v === ERROR) return ERROR;
      if (v !== NULL) return s.refs.asOwned(v);
      const dflt = nargs === 2 ? s.i32[args + 1]! : s.None;
      if (dictSetItem(s, self, key, dflt) < 0) return ERROR;
      return s.refs.asOwned(dflt);
    },
    pop: (self, args, nargs, kwnames) => {
      if (!positional(s, "dict.pop", nargs, kwnames, 1, 2)) return ERROR;
      const key = s.i32[args]!;
      const v = dictGetItem(s, self, key);
      if (v === ERROR) return ERROR;
      if (v === NULL) {
        if (nargs === 2) return s.refs.asOwned(s.i32[args + 1]!);
        return s.raiseKeyError(key);
      }
      const value = s.refs.asOwned(v);
      if (dictDelItem(s, self, key) < 0) {
        s.refs.close(value);
        return ERROR;
      }
      return value;
    },
    popitem: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "dict.popitem", nargs, kwnames)) return ERROR;
      if (dictLength(s, self) === 0) {
        const msg = s.newStr("popitem(): dictionary is empty");
        if (msg === ERROR) return ERROR;
        s.raiseKeyError(msg);
        s.refs.close(msg);
        return ERROR;
      }
      const k = s.refs.asOwned(lastKey(s, self));
      const v = dictGetItem(s, self, k);
      if (v === ERROR || v === NULL) {
        s.refs.close(k);
        return ERROR;
      }
      const value = s.refs.asOwned(v);
      if (dictDelItem(s, self, k) < 0) {
        s.refs.close(k);
        s.refs.close(value);
        return ERROR;
      }
      return tupleFromRefs(s, [k, value]);
    },
    update: (self, args, nargs, kwnames) => {
      if (nargs > 1) {
        return s.raise(s.b.TypeError, `update expected at most 1 argument, got ${nargs}`);
      }
      if (nargs === 1 && dictUpdateFrom(s, self, s.i32[args]!) < 0) return ERROR;
      const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
      for (let k = 0; k < nkw; k++) {
        if (dictSetItem(s, self, tupleItem(s, kwnames, k), s.i32[args + nargs + k]!) < 0) {
          return ERROR;
        }
      }
      return s.None;
    },
    copy: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "dict.copy", nargs, kwnames)) return ERROR;
      return dictCopy(s, self);
    },
    clear: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "dict.clear", nargs, kwnames)) return ERROR;
      return dictClear(s, self) < 0 ? ERROR : s.None;
    },
    __contains__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "dict.__contains__", nargs, kwnames)) return ERROR;
      const v = dictGetItem(s, self, s.i32[args]!);
      return v === ERROR ? ERROR : s.bool(v !== NULL);
    },
  });

  defineMethods(b.dict.classMethods, {
    fromkeys: (cls, args, nargs, kwnames) => {
      if (!positional(s, "dict.fromkeys", nargs, kwnames, 1, 2)) return ERROR;
      const value = nargs === 2 ? s.i32[args + 1]! : s.None;
      const keys = collect(s, s.i32[args]!);
      if (keys === null) return ERROR;
      const exact = cls === NULL || (cls & ~TAG_MASK) === b.dict.addr;
      const d = exact ? newDict(s, keys.length) : s.call(cls, []);
      let ok = d !== ERROR;
      for (const k of keys) {
        if (ok && s.setItem(d, k, value) < 0) ok = false;
        s.refs.close(k);
      }
      if (!ok) {
        if (d !== ERROR) s.refs.close(d);
        return ERROR;
      }
      return d;
    },
  });

  // d | other, d |= other (PEP 584).
  const dictBinop = b.dict.slots.binop;
  b.dict.slots.binop = (x, y, nb, reflected) => {
    if (nb === NB.OR) {
      if (!isDict(s, x) || !isDict(s, y)) return s.NotImplemented;
      const d = dictCopy(s, x);
      if (d === ERROR) return ERROR;
      if (mergeDict(s, d, y) < 0) {
        s.refs.close(d);
        return ERROR;
      }
      return d;
    }
    if (nb === NB.INPLACE_OR) {
      if (!isDict(s, x)) return s.NotImplemented;
      if (dictUpdateFrom(s, x, y) < 0) return ERROR;
      return s.refs.asOwned(x);
    }
    return dictBinop === undefined ? s.NotImplemented : dictBinop(x, y, nb, reflected);
  };
}
