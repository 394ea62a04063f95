// dict: CPython's compact, insertion-ordered table. An index table of i32 slots (-1 empty,
// -2 dummy) probed with CPython's perturbation over the full 64-bit hash, and a dense entry array
// [hash low][hash high][key][value]. The version field changes on every mutation.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import {
  DICT_FLAGS,
  DICT_KEYS,
  DICT_SIZE,
  DICT_USED,
  DICT_VERSION,
  DICT_WATCHED,
  DICTITER_DICT,
  DICTITER_KIND,
  DICTITER_POS,
  DICTITER_SIZE,
  DICTITER_USED,
  ENTRY_HASH_HI,
  ENTRY_HASH_LO,
  ENTRY_KEY,
  ENTRY_SIZE,
  ENTRY_VALUE,
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
  KEYS_USABLE,
  TPFLAGS_DICT_SUBCLASS,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { tupleFromRefs } from "./tuple.js";
import { CompareOp, type PyType } from "./type.js";

const EMPTY = -1;
const DUMMY = -2;
const MIN_LOG2 = 3;

function usableFraction(size: number): number {
  return ((size << 1) / 3) | 0;
}

/** Allocate a keys block of 2**log2 slots; 0 on failure. */
function newKeys(s: ObjectSpace, log2: number): number {
  const size = 1 << log2;
  const usable = usableFraction(size);
  const block = s.heap.alloc(KEYS_HEADER + 4 * size + ENTRY_SIZE * usable);
  if (block === 0) return 0;
  const i32 = s.i32;
  i32[(block + KEYS_LOG2) >> 2] = log2;
  i32[(block + KEYS_USABLE) >> 2] = usable;
  i32[(block + KEYS_NENTRIES) >> 2] = 0;
  i32.fill(EMPTY, (block + KEYS_HEADER) >> 2, ((block + KEYS_HEADER) >> 2) + size);
  return block;
}

/** Byte address of entry `ix` of a keys block. */
function entryAddr(keys: number, log2: number, ix: number): number {
  return keys + KEYS_HEADER + (4 << log2) + ENTRY_SIZE * ix;
}

export function newDict(s: ObjectSpace, minUsed = 0, type: PyType = s.b.dict): StackRef {
  let log2 = MIN_LOG2;
  while (usableFraction(1 << log2) < minUsed) log2++;
  const addr = s.allocInstance(type, DICT_SIZE);
  if (addr === 0) return ERROR;
  const keys = newKeys(s, log2);
  if (keys === 0) {
    s.heap.freeObject(addr);
    if (type.heap) s.refs.close(type.addr);
    return s.noMemory();
  }
  const i32 = s.i32;
  i32[(addr + DICT_USED) >> 2] = 0;
  i32[(addr + DICT_VERSION) >> 2] = s.nextDictVersion();
  i32[(addr + DICT_KEYS) >> 2] = keys;
  i32[(addr + DICT_FLAGS) >> 2] = 0;
  return addr;
}

/** A watched dict (DICT_WATCHED) is about to change or be freed: the watch ends, the JIT hears. */
export function dictWatchEvent(s: ObjectSpace, addr: number): void {
  s.i32[(addr + DICT_FLAGS) >> 2]! &= ~DICT_WATCHED;
  s.onDictModified?.(addr);
}

export function isDict(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_DICT_SUBCLASS) !== 0;
}

export function dictLength(s: ObjectSpace, dict: StackRef): number {
  return s.i32[((dict & ~TAG_MASK) + DICT_USED) >> 2]!;
}

/**
 * Find `key` (whose hash is lo/hi): the entry's byte address, 0 if absent, -1 on error (an
 * `__eq__` raised). A comparison that mutates the dict restarts the lookup, as in CPython.
 */
export function dictLookup(
  s: ObjectSpace,
  dict: StackRef,
  key: StackRef,
  lo: number,
  hi: number,
): number {
  const addr = dict & ~TAG_MASK;
  const i32 = s.i32;
  for (;;) {
    const keys = i32[(addr + DICT_KEYS) >> 2]!;
    const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
    const mask = (1 << log2) - 1;
    const indices = (keys + KEYS_HEADER) >> 2;
    let i = lo & mask;
    let plo = lo;
    let phi = hi;
    let restart = false;
    for (;;) {
      const ix = i32[indices + i]!;
      if (ix === EMPTY) return 0;
      if (ix >= 0) {
        const e = entryAddr(keys, log2, ix);
        const k = i32[(e + ENTRY_KEY) >> 2]!;
        if ((k & ~1) === (key & ~1)) return e;
        if (i32[(e + ENTRY_HASH_LO) >> 2] === lo && i32[(e + ENTRY_HASH_HI) >> 2] === hi) {
          const version = i32[(addr + DICT_VERSION) >> 2];
          const eq = s.keysEqual(k, key);
          if (eq < 0) return -1;
          if (i32[(addr + DICT_VERSION) >> 2] !== version) {
            restart = true;
            break;
          }
          if (eq > 0) return e;
        }
      }
      // perturb >>= 5 over the unsigned 64-bit hash; i = (i*5 + perturb + 1) & mask
      plo = (plo >>> 5) | (phi << 27);
      phi = phi >>> 5;
      i = (i * 5 + (plo >>> 0) + 1) & mask;
    }
    if (!restart) return 0;
  }
}

/** Borrowed value for `key`, NULL if absent, ERROR on error (unhashable key, failing __eq__). */
export function dictGetItem(s: ObjectSpace, dict: StackRef, key: StackRef): StackRef {
  const lo = s.hash(key);
  if (lo === -1 && s.hashHi === -1) return ERROR;
  const e = dictLookup(s, dict, key, lo, s.hashHi);
  if (e === 0) return NULL;
  if (e < 0) return ERROR;
  return s.i32[(e + ENTRY_VALUE) >> 2]!;
}

/** Rebuild the table with room for `minUsed` items, dropping deleted entries. */
function dictResize(s: ObjectSpace, dict: StackRef, minUsed: number): boolean {
  const addr = dict & ~TAG_MASK;
  const i32 = s.i32;
  let log2 = MIN_LOG2;
  while (1 << log2 < minUsed) log2++;
  const oldKeys = i32[(addr + DICT_KEYS) >> 2]!;
  const oldLog2 = i32[(oldKeys + KEYS_LOG2) >> 2]!;
  const oldN = i32[(oldKeys + KEYS_NENTRIES) >> 2]!;
  const keys = newKeys(s, log2);
  if (keys === 0) {
    s.noMemory();
    return false;
  }
  const mask = (1 << log2) - 1;
  const indices = (keys + KEYS_HEADER) >> 2;
  let n = 0;
  for (let ix = 0; ix < oldN; ix++) {
    const src = entryAddr(oldKeys, oldLog2, ix);
    if (i32[(src + ENTRY_KEY) >> 2] === NULL) continue;
    const dst = entryAddr(keys, log2, n);
    i32.copyWithin(dst >> 2, src >> 2, (src + ENTRY_SIZE) >> 2);
    const lo = i32[(src + ENTRY_HASH_LO) >> 2]!;
    let i = lo & mask;
    let plo = lo;
    let phi = i32[(src + ENTRY_HASH_HI) >> 2]!;
    while (i32[indices + i] !== EMPTY) {
      plo = (plo >>> 5) | (phi << 27);
      phi = phi >>> 5;
      i = (i * 5 + (plo >>> 0) + 1) & mask;
    }
    i32[indices + i] = n;
    n++;
  }
  i32[(keys + KEYS_NENTRIES) >> 2] = n;
  i32[(keys + KEYS_USABLE) >> 2]! -= n;
  i32[(addr + DICT_KEYS) >> 2] = keys;
  s.heap.free(oldKeys);
  return true;
}

/** d[key] = value. Both are borrowed; the dict keeps heap-safe references. 0 or -1. */
export function dictSetItem(
  s: ObjectSpace,
  dict: StackRef,
  key: StackRef,
  value: StackRef,
): number {
  const lo = s.hash(key);
  const hi = s.hashHi;
  if (lo === -1 && hi === -1) return -1;
  return dictSetItemHashed(s, dict, key, value, lo, hi);
}

export function dictSetItemHashed(
  s: ObjectSpace,
  dict: StackRef,
  key: StackRef,
  value: StackRef,
  lo: number,
  hi: number,
): number {
  const addr = dict & ~TAG_MASK;
  const i32 = s.i32;
  const e = dictLookup(s, dict, key, lo, hi);
  if (e < 0) return -1;
  if (i32[(addr + DICT_FLAGS) >> 2] !== 0) dictWatchEvent(s, addr);
  i32[(addr + DICT_VERSION) >> 2] = s.nextDictVersion();
  if (e > 0) {
    const old = i32[(e + ENTRY_VALUE) >> 2]!;
    i32[(e + ENTRY_VALUE) >> 2] = s.refs.asOwned(value);
    s.refs.close(old);
    return 0;
  }
  let keys = i32[(addr + DICT_KEYS) >> 2]!;
  if (i32[(keys + KEYS_USABLE) >> 2]! <= 0) {
    if (!dictResize(s, dict, i32[(addr + DICT_USED) >> 2]! * 3)) return -1;
    keys = i32[(addr + DICT_KEYS) >> 2]!;
  }
  const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
  const mask = (1 << log2) - 1;
  const indices = (keys + KEYS_HEADER) >> 2;
  let i = lo & mask;
  let plo = lo;
  let phi = hi;
  while (i32[indices + i]! >= 0) {
    plo = (plo >>> 5) | (phi << 27);
    phi = phi >>> 5;
    i = (i * 5 + (plo >>> 0) + 1) & mask;
  }
  const ix = i32[(keys + KEYS_NENTRIES) >> 2]!;
  i32[indices + i] = ix;
  const entry = entryAddr(keys, log2, ix);
  i32[(entry + ENTRY_HASH_LO) >> 2] = lo;
  i32[(entry + ENTRY_HASH_HI) >> 2] = hi;
  i32[(entry + ENTRY_KEY) >> 2] = s.refs.asOwned(key);
  i32[(entry + ENTRY_VALUE) >> 2] = s.refs.asOwned(value);
  i32[(keys + KEYS_NENTRIES) >> 2] = ix + 1;
  i32[(keys + KEYS_USABLE) >> 2]!--;
  i32[(addr + DICT_USED) >> 2]!++;
  return 0;
}

/** del d[key]: 0, or -1 with KeyError (or the hash/compare error) set. */
export function dictDelItem(s: ObjectSpace, dict: StackRef, key: StackRef): number {
  const lo = s.hash(key);
  const hi = s.hashHi;
  if (lo === -1 && hi === -1) return -1;
  const e = dictLookup(s, dict, key, lo, hi);
  if (e < 0) return -1;
  if (e === 0) {
    s.raiseKeyError(key);
    return -1;
  }
  const addr = dict & ~TAG_MASK;
  const i32 = s.i32;
  if (i32[(addr + DICT_FLAGS) >> 2] !== 0) dictWatchEvent(s, addr);
  const keys = i32[(addr + DICT_KEYS) >> 2]!;
  const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
  const ix = (e - entryAddr(keys, log2, 0)) / ENTRY_SIZE;
  const indices = (keys + KEYS_HEADER) >> 2;
  for (let i = 0; i < 1 << log2; i++) {
    if (i32[indices + i] === ix) {
      i32[indices + i] = DUMMY;
      break;
    }
  }
  const k = i32[(e + ENTRY_KEY) >> 2]!;
  const v = i32[(e + ENTRY_VALUE) >> 2]!;
  i32[(e + ENTRY_KEY) >> 2] = NULL;
  i32[(e + ENTRY_VALUE) >> 2] = NULL;
  i32[(addr + DICT_USED) >> 2]!--;
  i32[(addr + DICT_VERSION) >> 2] = s.nextDictVersion();
  s.refs.close(k);
  s.refs.close(v);
  return 0;
}

/**
 * Iterate: the byte address of the first live entry at index >= pos (and its index in
 * `s.iterPos`), or 0 at the end.
 */
export function dictNextEntry(s: ObjectSpace, dict: StackRef, pos: number): number {
  const i32 = s.i32;
  const keys = i32[((dict & ~TAG_MASK) + DICT_KEYS) >> 2]!;
  const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
  const n = i32[(keys + KEYS_NENTRIES) >> 2]!;
  for (let ix = pos; ix < n; ix++) {
    const e = entryAddr(keys, log2, ix);
    if (i32[(e + ENTRY_KEY) >> 2] !== NULL) {
      s.iterPos = ix + 1;
      return e;
    }
  }
  return 0;
}

export function entryKey(s: ObjectSpace, e: number): StackRef {
  return s.i32[(e + ENTRY_KEY) >> 2]!;
}

export function entryValue(s: ObjectSpace, e: number): StackRef {
  return s.i32[(e + ENTRY_VALUE) >> 2]!;
}

const ITER_KEYS = 0;
const ITER_VALUES = 1;
const ITER_ITEMS = 2;

function newDictIter(s: ObjectSpace, dict: StackRef, kind: number): StackRef {
  const types = [s.b.dict_keyiterator, s.b.dict_valueiterator, s.b.dict_itemiterator];
  const it = s.allocObject(types[kind]!, DICTITER_SIZE);
  if (it === 0) return ERROR;
  const i32 = s.i32;
  i32[(it + DICTITER_DICT) >> 2] = s.refs.asOwned(dict);
  i32[(it + DICTITER_POS) >> 2] = 0;
  i32[(it + DICTITER_USED) >> 2] = dictLength(s, dict);
  i32[(it + DICTITER_KIND) >> 2] = kind;
  return it;
}

export function dictIterKeys(s: ObjectSpace, dict: StackRef): StackRef {
  return newDictIter(s, dict, ITER_KEYS);
}
export function dictIterValues(s: ObjectSpace, dict: StackRef): StackRef {
  return newDictIter(s, dict, ITER_VALUES);
}
export function dictIterItems(s: ObjectSpace, dict: StackRef): StackRef {
  return newDictIter(s, dict, ITER_ITEMS);
}

function dictIterNext(s: ObjectSpace, self: StackRef): StackRef {
  const it = self & ~TAG_MASK;
  const i32 = s.i32;
  const dict = i32[(it + DICTITER_DICT) >> 2]!;
  if (dict === NULL) return NULL;
  if (dictLength(s, dict) !== i32[(it + DICTITER_USED) >> 2]) {
    i32[(it + DICTITER_USED) >> 2] = -1; // stays broken, as in CPython
    return s.raise(s.b.RuntimeError, "dictionary changed size during iteration");
  }
  const e = dictNextEntry(s, dict, i32[(it + DICTITER_POS) >> 2]!);
  if (e === 0) {
    i32[(it + DICTITER_DICT) >> 2] = NULL;
    s.refs.close(dict);
    return NULL;
  }
  i32[(it + DICTITER_POS) >> 2] = s.iterPos;
  const kind = i32[(it + DICTITER_KIND) >> 2]!;
  const k = entryKey(s, e);
  const v = entryValue(s, e);
  if (kind === ITER_KEYS) return s.refs.dup(k);
  if (kind === ITER_VALUES) return s.refs.dup(v);
  return tupleFromRefs(s, [s.refs.dup(k), s.refs.dup(v)]);
}

export function installDict(s: ObjectSpace, b: Builtins): void {
  b.dict = s.newStaticType(
    "dict",
    s.objectType,
    {
      dealloc: (addr) => {
        const i32 = s.i32;
        if (i32[(addr + DICT_FLAGS) >> 2] !== 0) dictWatchEvent(s, addr);
        const keys = i32[(addr + DICT_KEYS) >> 2]!;
        const log2 = i32[(keys + KEYS_LOG2) >> 2]!;
        const n = i32[(keys + KEYS_NENTRIES) >> 2]!;
        for (let ix = 0; ix < n; ix++) {
          const e = entryAddr(keys, log2, ix);
          s.refs.close(i32[(e + ENTRY_KEY) >> 2]!);
          s.refs.close(i32[(e + ENTRY_VALUE) >> 2]!);
        }
        s.heap.free(keys);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        if (dictLength(s, self) === 0) return s.newStr("{}");
        if (!s.reprEnter(self)) return s.newStr("{...}");
        const parts: string[] = [];
        let pos = 0;
        for (;;) {
          const e = dictNextEntry(s, self, pos);
          if (e === 0) break;
          pos = s.iterPos;
          const k = s.repr(entryKey(s, e));
          const v = k === ERROR ? ERROR : s.repr(entryValue(s, e));
          if (v === ERROR) {
            s.refs.xclose(k === ERROR ? NULL : k);
            s.reprLeave(self);
            return ERROR;
          }
          parts.push(`${s.strValue(k)}: ${s.strValue(v)}`);
          s.refs.close(k);
          s.refs.close(v);
        }
        s.reprLeave(self);
        return s.newStr(`{${parts.join(", ")}}`);
      },
      hash: s.unhashable,
      len: (self) => dictLength(s, self),
      bool: (self) => (dictLength(s, self) !== 0 ? 1 : 0),
      getitem: (self, key) => {
        const v = dictGetItem(s, self, key);
        if (v === NULL) {
          const hasOwn = (d: StackRef, name: string) => {
            const m = s.dictGetStr(d, name);
            return m !== NULL && m !== ERROR;
          };
          // A subclass may supply the value of a missing key (defaultdict, Counter).
          const t = s.typeOf(self);
          if (t !== s.b.dict && t.mro.some((c) => c.heap && hasOwn(c.dict, "__missing__"))) {
            const f = s.getAttr(t.addr | 1, s.intern("__missing__"));
            if (f === ERROR) return ERROR;
            const r = s.call(f, [self, key]);
            s.refs.close(f);
            return r;
          }
          s.raiseKeyError(key);
          return ERROR;
        }
        return v === ERROR ? ERROR : s.refs.dup(v);
      },
      setitem: (self, key, value) =>
        value === NULL ? dictDelItem(s, self, key) : dictSetItem(s, self, key, value),
      contains: (self, key) => {
        const v = dictGetItem(s, self, key);
        return v === ERROR ? -1 : v === NULL ? 0 : 1;
      },
      richcompare: (self, other, op) => {
        if (!isDict(s, other) || (op !== CompareOp.EQ && op !== CompareOp.NE)) {
          return s.NotImplemented;
        }
        const eq = dictEqual(s, self, other);
        if (eq < 0) return ERROR;
        return s.bool((eq === 1) === (op === CompareOp.EQ));
      },
      iter: (self) => dictIterKeys(s, self),
    },
    { flags: TPFLAGS_DICT_SUBCLASS, gc: true },
  );
  const iterSlots = {
    dealloc: (addr: number) => {
      s.refs.close(s.i32[(addr + DICTITER_DICT) >> 2]!);
      s.heap.freeObject(addr);
    },
    iter: (self: StackRef) => s.refs.dup(self),
    iternext: (self: StackRef) => dictIterNext(s, self),
  };
  b.dict_keyiterator = s.newStaticType("dict_keyiterator", s.objectType, iterSlots, { gc: true });
  b.dict_valueiterator = s.newStaticType("dict_valueiterator", s.objectType, iterSlots, {
    gc: true,
  });
  b.dict_itemiterator = s.newStaticType("dict_itemiterator", s.objectType, iterSlots, { gc: true });
}

function dictEqual(s: ObjectSpace, a: StackRef, b: StackRef): number {
  if (dictLength(s, a) !== dictLength(s, b)) return 0;
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, a, pos);
    if (e === 0) return 1;
    pos = s.iterPos;
    const k = s.refs.dup(entryKey(s, e));
    const v = s.refs.dup(entryValue(s, e));
    const other = dictGetItem(s, b, k);
    let eq: number;
    if (other === ERROR) eq = -1;
    else if (other === NULL) eq = 0;
    else eq = s.richCompareBool(v, other, CompareOp.EQ);
    s.refs.close(k);
    s.refs.close(v);
    if (eq <= 0) return eq;
  }
}
