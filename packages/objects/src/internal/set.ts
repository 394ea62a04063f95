// set and frozenset with CPython's table algorithm (Objects/setobject.c): linear probing in runs
// of LINEAR_PROBES, then perturbation over the full 64-bit hash; the same resizing rules and the
// same algorithms for the operators, so that iteration order (and so printed sets) match CPython.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { dictLength, dictNextEntry, entryKey, isDict } from "./dict.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { CompareOp, NB, type PyType } from "./type.js";

const SET_FILL = 8;
const SET_USED = 12;
const SET_MASK = 16;
const SET_TABLE = 20;
const SET_FINGER = 24;
export const SET_SIZE = 28;
// Table entry: [key][hash low][hash high]; key 0 = never used, DUMMY = deleted.
const E_LO = 4;
const E_HI = 8;
const ENTRY = 12;
const DUMMY = 2;
const MINSIZE = 8;
const LINEAR_PROBES = 9;

const SITER_SET = 8;
const SITER_POS = 12;
const SITER_USED = 16;
const SITER_LEFT = 20;
const SITER_SIZE = 24;

export function isAnySet(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & TAG_MASK) === 3) return false;
  const t = s.typeOf(ref);
  return t.isSubtypeOf(s.b.set) || t.isSubtypeOf(s.b.frozenset);
}

function isSetKey(s: ObjectSpace, ref: StackRef): boolean {
  return (ref & TAG_MASK) !== 3 && s.typeOf(ref).isSubtypeOf(s.b.set);
}

function f(s: ObjectSpace, so: StackRef, off: number): number {
  return s.i32[((so & ~TAG_MASK) + off) >> 2]!;
}

function setF(s: ObjectSpace, so: StackRef, off: number, v: number): void {
  s.i32[((so & ~TAG_MASK) + off) >> 2] = v;
}

/** A new empty set (or frozenset) of `type`. */
export function newSetOfType(s: ObjectSpace, type: PyType): StackRef {
  const o = s.allocInstance(type, SET_SIZE);
  if (o === 0) return ERROR;
  const table = s.heap.allocZeroed(ENTRY * MINSIZE);
  if (table === 0) {
    s.heap.freeObject(o);
    return s.noMemory();
  }
  const i32 = s.i32;
  i32[(o + SET_FILL) >> 2] = 0;
  i32[(o + SET_USED) >> 2] = 0;
  i32[(o + SET_MASK) >> 2] = MINSIZE - 1;
  i32[(o + SET_TABLE) >> 2] = table;
  i32[(o + SET_FINGER) >> 2] = 0;
  return o;
}

export function setSize(s: ObjectSpace, so: StackRef): number {
  return f(s, so, SET_USED);
}

function insertClean(
  s: ObjectSpace,
  table: number,
  mask: number,
  key: StackRef,
  lo: number,
  hi: number,
): void {
  const i32 = s.i32;
  let i = lo & mask;
  let plo = lo;
  let phi = hi;
  for (;;) {
    let e = table + i * ENTRY;
    if (i32[e >> 2] === 0) {
      i32[e >> 2] = key;
      i32[(e + E_LO) >> 2] = lo;
      i32[(e + E_HI) >> 2] = hi;
      return;
    }
    if (i + LINEAR_PROBES <= mask) {
      for (let j = 0; j < LINEAR_PROBES; j++) {
        e += ENTRY;
        if (i32[e >> 2] === 0) {
          i32[e >> 2] = key;
          i32[(e + E_LO) >> 2] = lo;
          i32[(e + E_HI) >> 2] = hi;
          return;
        }
      }
    }
    plo = (plo >>> 5) | (phi << 27);
    phi = phi >>> 5;
    i = (i * 5 + 1 + (plo >>> 0)) & mask;
  }
}

function tableResize(s: ObjectSpace, so: StackRef, minused: number): boolean {
  let size = MINSIZE;
  while (size <= minused) size <<= 1;
  const table = s.heap.allocZeroed(ENTRY * size);
  if (table === 0) {
    s.noMemory();
    return false;
  }
  const i32 = s.i32;
  const old = f(s, so, SET_TABLE);
  const oldMask = f(s, so, SET_MASK);
  for (let i = 0; i <= oldMask; i++) {
    const e = old + i * ENTRY;
    const k = i32[e >> 2]!;
    if (k !== 0 && k !== DUMMY)
      insertClean(s, table, size - 1, k, i32[(e + E_LO) >> 2]!, i32[(e + E_HI) >> 2]!);
  }
  s.heap.free(old);
  setF(s, so, SET_TABLE, table);
  setF(s, so, SET_MASK, size - 1);
  setF(s, so, SET_FILL, f(s, so, SET_USED));
  return true;
}

/** Keys equal for a set: identity, str contents, then __eq__. */
function keyMatches(s: ObjectSpace, stored: StackRef, key: StackRef): number {
  if ((stored & ~1) === (key & ~1)) return 1;
  if (isStr(s, stored) && isStr(s, key)) return strValue(s, stored) === strValue(s, key) ? 1 : 0;
  return s.richCompareBool(stored, key, CompareOp.EQ);
}

/** The entry holding `key`, 0 if absent, -1 on error. */
function lookup(s: ObjectSpace, so: StackRef, key: StackRef, lo: number, hi: number): number {
  const i32 = s.i32;
  for (;;) {
    const table = f(s, so, SET_TABLE);
    const mask = f(s, so, SET_MASK);
    let i = lo & mask;
    let plo = lo;
    let phi = hi;
    let restart = false;
    for (;;) {
      let e = table + i * ENTRY;
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      do {
        const k = i32[e >> 2]!;
        if (k === 0) return 0;
        if (k !== DUMMY && i32[(e + E_LO) >> 2] === lo && i32[(e + E_HI) >> 2] === hi) {
          const before = f(s, so, SET_TABLE);
          const m = keyMatches(s, k, key);
          if (m < 0) return -1;
          if (m > 0) return e;
          if (before !== f(s, so, SET_TABLE) || i32[e >> 2] !== k) {
            restart = true;
            break;
          }
        }
        e += ENTRY;
      } while (probes-- > 0);
      if (restart) break;
      plo = (plo >>> 5) | (phi << 27);
      phi = phi >>> 5;
      i = (i * 5 + 1 + (plo >>> 0)) & mask;
    }
  }
}

/** set_add_entry: add `key` (borrowed) with its hash. 0 or -1. */
export function setAddEntry(
  s: ObjectSpace,
  so: StackRef,
  key: StackRef,
  lo: number,
  hi: number,
): number {
  const i32 = s.i32;
  for (;;) {
    const table = f(s, so, SET_TABLE);
    const mask = f(s, so, SET_MASK);
    let i = lo & mask;
    let plo = lo;
    let phi = hi;
    let freeslot = 0;
    let restart = false;
    for (;;) {
      let e = table + i * ENTRY;
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      let found = 0;
      do {
        const k = i32[e >> 2]!;
        if (k === 0) {
          found = -1;
          break;
        }
        if (k === DUMMY) {
          if (freeslot === 0) freeslot = e;
        } else if (i32[(e + E_LO) >> 2] === lo && i32[(e + E_HI) >> 2] === hi) {
          const m = keyMatches(s, k, key);
          if (m < 0) return -1;
          if (m > 0) return 0; // already present
          if (table !== f(s, so, SET_TABLE) || i32[e >> 2] !== k) {
            restart = true;
            break;
          }
        }
        e += ENTRY;
      } while (probes-- > 0);
      if (restart) break;
      if (found !== 0) {
        const owned = s.refs.asOwned(key);
        setF(s, so, SET_USED, f(s, so, SET_USED) + 1);
        const slot = freeslot !== 0 ? freeslot : e;
        i32[slot >> 2] = owned;
        i32[(slot + E_LO) >> 2] = lo;
        i32[(slot + E_HI) >> 2] = hi;
        if (freeslot !== 0) return 0;
        const fill = f(s, so, SET_FILL) + 1;
        setF(s, so, SET_FILL, fill);
        if (fill * 5 < mask * 3) return 0;
        const used = f(s, so, SET_USED);
        return tableResize(s, so, used > 50000 ? used * 2 : used * 4) ? 0 : -1;
      }
      plo = (plo >>> 5) | (phi << 27);
      phi = phi >>> 5;
      i = (i * 5 + 1 + (plo >>> 0)) & mask;
    }
  }
}

export function setAdd(s: ObjectSpace, so: StackRef, key: StackRef): number {
  const lo = s.hash(key);
  const hi = s.hashHi;
  if (lo === -1 && hi === -1) return -1;
  return setAddEntry(s, so, key, lo, hi);
}

/** 1 if `key` is in the set, 0 if not, -1 on error (an unhashable key raises TypeError). */
export function setContains(s: ObjectSpace, so: StackRef, key: StackRef): number {
  const lo = s.hash(key);
  const hi = s.hashHi;
  if (lo === -1 && hi === -1) {
    // A set is looked up as the frozenset of its items (CPython's _PySet_Contains).
    if (!isSetKey(s, key) || !s.isInstance(s.curexc, s.b.TypeError)) return -1;
    s.refs.close(s.fetchException());
    const frozen = makeSet(s, s.b.frozenset, key);
    if (frozen === ERROR) return -1;
    const r = setContains(s, so, frozen);
    s.refs.close(frozen);
    return r;
  }
  const e = lookup(s, so, key, lo, hi);
  return e < 0 ? -1 : e > 0 ? 1 : 0;
}

/** Remove `key`: 1 if it was there, 0 if not, -1 on error. */
export function setDiscard(s: ObjectSpace, so: StackRef, key: StackRef): number {
  const lo = s.hash(key);
  const hi = s.hashHi;
  if (lo === -1 && hi === -1) return -1;
  const e = lookup(s, so, key, lo, hi);
  if (e <= 0) return e;
  const i32 = s.i32;
  const old = i32[e >> 2]!;
  i32[e >> 2] = DUMMY;
  i32[(e + E_LO) >> 2] = -1;
  i32[(e + E_HI) >> 2] = -1;
  setF(s, so, SET_USED, f(s, so, SET_USED) - 1);
  s.refs.close(old);
  return 1;
}

/** The live entries of a set, in table order: [key, lo, hi] (borrowed keys). */
function* entries(s: ObjectSpace, so: StackRef): Generator<[StackRef, number, number]> {
  const table = f(s, so, SET_TABLE);
  const mask = f(s, so, SET_MASK);
  const i32 = s.i32;
  for (let i = 0; i <= mask; i++) {
    const e = table + i * ENTRY;
    const k = i32[e >> 2]!;
    if (k !== 0 && k !== DUMMY) yield [k, i32[(e + E_LO) >> 2]!, i32[(e + E_HI) >> 2]!];
  }
}

/** set_merge: add every element of another set, as CPython does (a copy keeps positions). */
function setMerge(s: ObjectSpace, so: StackRef, other: StackRef): number {
  if ((other & ~1) === (so & ~1) || setSize(s, other) === 0) return 0;
  const used = setSize(s, so);
  const otherUsed = setSize(s, other);
  if ((f(s, so, SET_FILL) + otherUsed) * 5 >= f(s, so, SET_MASK) * 3) {
    if (!tableResize(s, so, (used + otherUsed) * 2)) return -1;
  }
  const i32 = s.i32;
  if (
    f(s, so, SET_FILL) === 0 &&
    f(s, so, SET_MASK) === f(s, other, SET_MASK) &&
    f(s, other, SET_FILL) === otherUsed
  ) {
    const dst = f(s, so, SET_TABLE);
    const src = f(s, other, SET_TABLE);
    for (let i = 0; i <= f(s, other, SET_MASK); i++) {
      const k = i32[(src + i * ENTRY) >> 2]!;
      if (k === 0) continue;
      i32[(dst + i * ENTRY) >> 2] = s.refs.asOwned(k);
      i32[(dst + i * ENTRY + E_LO) >> 2] = i32[(src + i * ENTRY + E_LO) >> 2]!;
      i32[(dst + i * ENTRY + E_HI) >> 2] = i32[(src + i * ENTRY + E_HI) >> 2]!;
    }
    setF(s, so, SET_FILL, f(s, other, SET_FILL));
    setF(s, so, SET_USED, otherUsed);
    return 0;
  }
  if (f(s, so, SET_FILL) === 0) {
    const table = f(s, so, SET_TABLE);
    const mask = f(s, so, SET_MASK);
    setF(s, so, SET_FILL, otherUsed);
    setF(s, so, SET_USED, otherUsed);
    for (const [k, lo, hi] of entries(s, other))
      insertClean(s, table, mask, s.refs.asOwned(k), lo, hi);
    return 0;
  }
  for (const [k, lo, hi] of [...entries(s, other)]) {
    if (setAddEntry(s, so, k, lo, hi) < 0) return -1;
  }
  return 0;
}

/** set_update_internal: add the elements of any iterable (sets and dicts by their tables). */
export function setUpdate(s: ObjectSpace, so: StackRef, other: StackRef): number {
  if (isAnySet(s, other)) return setMerge(s, so, other);
  if (isDict(s, other) && s.typeOf(other) === s.b.dict) {
    const n = dictLength(s, other);
    if ((f(s, so, SET_FILL) + n) * 5 >= f(s, so, SET_MASK) * 3) {
      if (!tableResize(s, so, (setSize(s, so) + n) * 2)) return -1;
    }
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, other, pos);
      if (e === 0) return 0;
      pos = s.iterPos;
      const k = entryKey(s, e);
      const lo = s.i32[e >> 2]!;
      const hi = s.i32[(e + 4) >> 2]!;
      if (setAddEntry(s, so, k, lo, hi) < 0) return -1;
    }
  }
  const it = s.getIter(other);
  if (it === ERROR) return -1;
  for (;;) {
    const v = s.iterNext(it);
    if (v === NULL) break;
    if (v === ERROR || setAdd(s, so, v) < 0) {
      if (v !== ERROR) s.refs.close(v);
      s.refs.close(it);
      return -1;
    }
    s.refs.close(v);
  }
  s.refs.close(it);
  return 0;
}

/** A new set of `type` holding the elements of `iterable` (or empty when NULL). */
export function makeSet(s: ObjectSpace, type: PyType, iterable: StackRef): StackRef {
  const so = newSetOfType(s, type);
  if (so === ERROR || iterable === NULL) return so;
  if (setUpdate(s, so, iterable) < 0) {
    s.refs.close(so);
    return ERROR;
  }
  return so;
}

function baseType(s: ObjectSpace, so: StackRef): PyType {
  return s.typeOf(so).isSubtypeOf(s.b.frozenset) ? s.b.frozenset : s.b.set;
}

function copySet(s: ObjectSpace, so: StackRef): StackRef {
  return makeSet(s, baseType(s, so), so);
}

function intersection(s: ObjectSpace, so: StackRef, other: StackRef): StackRef {
  const result = newSetOfType(s, baseType(s, so));
  if (result === ERROR) return ERROR;
  if (isAnySet(s, other)) {
    let a = so;
    let b = other;
    if (setSize(s, b) > setSize(s, a)) [a, b] = [b, a];
    for (const [k, lo, hi] of [...entries(s, b)]) {
      const e = lookup(s, a, k, lo, hi);
      if (e < 0 || (e > 0 && setAddEntry(s, result, k, lo, hi) < 0)) {
        s.refs.close(result);
        return ERROR;
      }
    }
    return result;
  }
  const it = s.getIter(other);
  if (it === ERROR) {
    s.refs.close(result);
    return ERROR;
  }
  for (;;) {
    const v = s.iterNext(it);
    if (v === NULL) break;
    let r = v === ERROR ? -1 : setContains(s, so, v);
    if (r > 0) r = setAdd(s, result, v);
    if (v !== ERROR) s.refs.close(v);
    if (r < 0) {
      s.refs.close(it);
      s.refs.close(result);
      return ERROR;
    }
  }
  s.refs.close(it);
  return result;
}

function differenceUpdate(s: ObjectSpace, so: StackRef, other: StackRef): number {
  if ((so & ~1) === (other & ~1)) {
    for (const [k] of [...entries(s, so)]) if (setDiscard(s, so, k) < 0) return -1;
    return 0;
  }
  const it = s.getIter(other);
  if (it === ERROR) return -1;
  for (;;) {
    const v = s.iterNext(it);
    if (v === NULL) break;
    const r = v === ERROR ? -1 : setDiscard(s, so, v);
    if (v !== ERROR) s.refs.close(v);
    if (r < 0) {
      s.refs.close(it);
      return -1;
    }
  }
  s.refs.close(it);
  return 0;
}

function difference(s: ObjectSpace, so: StackRef, other: StackRef): StackRef {
  let otherSize = -1;
  if (isAnySet(s, other)) otherSize = setSize(s, other);
  else if (isDict(s, other)) otherSize = dictLength(s, other);
  if (otherSize < 0 || setSize(s, so) >> 2 > otherSize) {
    const result = copySet(s, so);
    if (result === ERROR) return ERROR;
    if (differenceUpdate(s, result, other) < 0) {
      s.refs.close(result);
      return ERROR;
    }
    return result;
  }
  const result = newSetOfType(s, baseType(s, so));
  if (result === ERROR) return ERROR;
  for (const [k, lo, hi] of [...entries(s, so)]) {
    const r = isAnySet(s, other) ? lookup(s, other, k, lo, hi) : s.contains(other, k);
    if (r < 0 || (r === 0 && setAddEntry(s, result, k, lo, hi) < 0)) {
      s.refs.close(result);
      return ERROR;
    }
  }
  return result;
}

/** symmetric_difference_update(so, other) with other's elements (borrowed set). */
function symmetricUpdateFrom(s: ObjectSpace, so: StackRef, other: StackRef): number {
  for (const [k, lo, hi] of [...entries(s, other)]) {
    const e = lookup(s, so, k, lo, hi);
    if (e < 0) return -1;
    if (e > 0) {
      if (setDiscard(s, so, k) < 0) return -1;
    } else if (setAddEntry(s, so, k, lo, hi) < 0) return -1;
  }
  return 0;
}

function symmetricDifference(s: ObjectSpace, so: StackRef, other: StackRef): StackRef {
  const result = makeSet(s, baseType(s, so), other);
  if (result === ERROR) return ERROR;
  if (symmetricUpdateFrom(s, result, so) < 0) {
    s.refs.close(result);
    return ERROR;
  }
  return result;
}

function isSubset(s: ObjectSpace, so: StackRef, other: StackRef): number {
  if (setSize(s, so) > setSize(s, other)) return 0;
  for (const [k, lo, hi] of [...entries(s, so)]) {
    const e = lookup(s, other, k, lo, hi);
    if (e <= 0) return e;
  }
  return 1;
}

function frozensetHash(s: ObjectSpace, so: StackRef): number {
  const M = (1n << 64n) - 1n;
  const shuffle = (h: bigint) => ((h ^ 89869747n ^ ((h << 16n) & M)) * 3644798167n) & M;
  let hash = 0n;
  const table = f(s, so, SET_TABLE);
  const mask = f(s, so, SET_MASK);
  const i32 = s.i32;
  for (let i = 0; i <= mask; i++) {
    const e = table + i * ENTRY;
    const k = i32[e >> 2]!;
    const h =
      k === 0
        ? 0n
        : (BigInt(i32[(e + E_HI) >> 2]! >>> 0) << 32n) | BigInt(i32[(e + E_LO) >> 2]! >>> 0);
    hash ^= shuffle(h);
  }
  const fill = f(s, so, SET_FILL);
  const used = f(s, so, SET_USED);
  if ((mask + 1 - fill) & 1) hash ^= shuffle(0n);
  if ((fill - used) & 1) hash ^= shuffle(M);
  hash ^= ((BigInt(used) + 1n) * 1927868237n) & M;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & M;
  if (hash === M) hash = 590923713n;
  return s.hashFromBigInt(hash);
}

function reprSet(s: ObjectSpace, so: StackRef): StackRef {
  const name = s.typeOf(so).name;
  const frozen = s.typeOf(so).isSubtypeOf(s.b.frozenset);
  if (setSize(s, so) === 0) return s.newStr(`${name}()`);
  if (!s.reprEnter(so)) return s.newStr(`${name}(...)`);
  const parts: string[] = [];
  for (const [k] of [...entries(s, so)]) {
    const r = s.repr(k);
    if (r === ERROR) {
      s.reprLeave(so);
      return ERROR;
    }
    parts.push(strValue(s, r));
    s.refs.close(r);
  }
  s.reprLeave(so);
  const body = `{${parts.join(", ")}}`;
  return s.newStr(frozen || name !== "set" ? `${name}(${body})` : body);
}

export function installSets(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const dealloc = (a: number) => {
    const table = i32[(a + SET_TABLE) >> 2]!;
    const mask = i32[(a + SET_MASK) >> 2]!;
    for (let i = 0; i <= mask; i++) {
      const k = i32[(table + i * ENTRY) >> 2]!;
      if (k !== 0 && k !== DUMMY) s.refs.close(k);
    }
    s.heap.free(table);
    s.heap.freeObject(a);
  };
  const binop = (a: StackRef, c: StackRef, nb: number) => {
    if (!isAnySet(s, a) || !isAnySet(s, c)) return s.NotImplemented;
    switch (nb) {
      case NB.OR: {
        const r = copySet(s, a);
        if (r !== ERROR && setMerge(s, r, c) < 0) {
          s.refs.close(r);
          return ERROR;
        }
        return r;
      }
      case NB.AND:
        return intersection(s, a, c);
      case NB.SUBTRACT:
        return difference(s, a, c);
      case NB.XOR:
        return symmetricDifference(s, a, c);
      case NB.INPLACE_OR:
      case NB.INPLACE_AND:
      case NB.INPLACE_SUBTRACT:
      case NB.INPLACE_XOR: {
        if (!s.typeOf(a).isSubtypeOf(b.set)) return s.NotImplemented;
        let r = 0;
        if (nb === NB.INPLACE_OR) r = setMerge(s, a, c);
        else if (nb === NB.INPLACE_SUBTRACT) r = differenceUpdate(s, a, c);
        else if (nb === NB.INPLACE_XOR) r = symmetricUpdateFrom(s, a, c);
        else {
          const t = intersection(s, a, c);
          if (t === ERROR) return ERROR;
          swapContents(s, a, t);
          s.refs.close(t);
        }
        return r < 0 ? ERROR : s.refs.asOwned(a);
      }
    }
    return s.NotImplemented;
  };
  const richcompare = (a: StackRef, c: StackRef, op: number): StackRef => {
    if (!isAnySet(s, c)) return s.NotImplemented;
    let r: number;
    switch (op) {
      case CompareOp.EQ:
      case CompareOp.NE:
        r = setSize(s, a) !== setSize(s, c) ? 0 : isSubset(s, a, c);
        if (r < 0) return ERROR;
        return s.bool((r === 1) === (op === CompareOp.EQ));
      case CompareOp.LE:
        r = isSubset(s, a, c);
        break;
      case CompareOp.GE:
        r = isSubset(s, c, a);
        break;
      case CompareOp.LT:
        r = setSize(s, a) < setSize(s, c) ? isSubset(s, a, c) : 0;
        break;
      default:
        r = setSize(s, a) > setSize(s, c) ? isSubset(s, c, a) : 0;
    }
    return r < 0 ? ERROR : s.bool(r === 1);
  };
  const iter = (self: StackRef) => {
    const it = s.allocObject(b.set_iterator, SITER_SIZE);
    if (it === 0) return ERROR;
    i32[(it + SITER_SET) >> 2] = s.refs.asOwned(self);
    i32[(it + SITER_POS) >> 2] = 0;
    i32[(it + SITER_USED) >> 2] = setSize(s, self);
    i32[(it + SITER_LEFT) >> 2] = setSize(s, self);
    return it;
  };
  const common = {
    dealloc,
    repr: (self: StackRef) => reprSet(s, self),
    len: (self: StackRef) => setSize(s, self),
    bool: (self: StackRef) => (setSize(s, self) > 0 ? 1 : 0),
    contains: (self: StackRef, key: StackRef) => setContains(s, self, key),
    iter,
    richcompare,
    binop,
  };
  const construct = (self: StackRef, args: number, nargs: number, kwnames: StackRef) => {
    const type = s.typeFromAddr(self & ~TAG_MASK);
    if (!noKeywords(s, type.name, kwnames) || !checkArgCount(s, type.name, nargs, 0, 1))
      return ERROR;
    if (type === b.frozenset && nargs === 1 && s.typeOf(i32[args]!) === b.frozenset) {
      return s.refs.asOwned(i32[args]!);
    }
    return makeSet(s, type, nargs === 0 ? NULL : i32[args]!);
  };
  b.set = s.newStaticType(
    "set",
    b.object,
    { ...common, hash: s.unhashable, new: construct },
    { gc: true },
  );
  b.frozenset = s.newStaticType(
    "frozenset",
    b.object,
    { ...common, hash: (self) => frozensetHash(s, self), new: construct },
    { gc: true },
  );
  b.set_iterator = s.newStaticType(
    "set_iterator",
    b.object,
    {
      dealloc: (a) => {
        s.refs.close(i32[(a + SITER_SET) >> 2]!);
        s.heap.freeObject(a);
      },
      iter: (self) => s.refs.dup(self),
      iternext: (self) => {
        const it = self & ~TAG_MASK;
        const so = i32[(it + SITER_SET) >> 2]!;
        if (so === NULL) return NULL;
        if (setSize(s, so) !== i32[(it + SITER_USED) >> 2]) {
          i32[(it + SITER_USED) >> 2] = -1;
          return s.raise(s.b.RuntimeError, "Set changed size during iteration");
        }
        const table = f(s, so, SET_TABLE);
        const mask = f(s, so, SET_MASK);
        for (let i = i32[(it + SITER_POS) >> 2]!; i <= mask; i++) {
          const k = i32[(table + i * ENTRY) >> 2]!;
          if (k !== 0 && k !== DUMMY) {
            i32[(it + SITER_POS) >> 2] = i + 1;
            i32[(it + SITER_LEFT) >> 2]!--;
            return s.refs.asOwned(k);
          }
        }
        i32[(it + SITER_SET) >> 2] = NULL;
        s.refs.close(so);
        return NULL;
      },
    },
    { gc: true },
  );

  const method = (
    t: PyType,
    name: string,
    impl: (self: StackRef, args: number, nargs: number) => StackRef,
  ) =>
    t.methods.set(name, (self, args, nargs, kwnames) =>
      noKeywords(s, name, kwnames) ? impl(self, args, nargs) : ERROR,
    );
  const one = (name: string, nargs: number) => checkArgCount(s, name, nargs, 1, 1);
  const asSet = (other: StackRef) =>
    isAnySet(s, other) ? s.refs.asOwned(other) : makeSet(s, b.set, other);
  for (const t of [b.set, b.frozenset]) {
    method(t, "copy", (self) => copySet(s, self));
    method(t, "union", (self, args, nargs) => {
      let r = copySet(s, self);
      for (let i = 0; i < nargs && r !== ERROR; i++) {
        if (setUpdate(s, r, i32[args + i]!) < 0) {
          s.refs.close(r);
          r = ERROR;
        }
      }
      return r;
    });
    method(t, "intersection", (self, args, nargs) => {
      let r = s.refs.asOwned(self);
      if (nargs === 0) {
        s.refs.close(r);
        return copySet(s, self);
      }
      for (let i = 0; i < nargs && r !== ERROR; i++) {
        const next = intersection(s, r, i32[args + i]!);
        s.refs.close(r);
        r = next;
      }
      return r;
    });
    method(t, "difference", (self, args, nargs) => {
      let r = copySet(s, self);
      for (let i = 0; i < nargs && r !== ERROR; i++) {
        if (differenceUpdate(s, r, i32[args + i]!) < 0) {
          s.refs.close(r);
          r = ERROR;
        }
      }
      return r;
    });
    method(t, "symmetric_difference", (self, args, nargs) => {
      if (!one("symmetric_difference", nargs)) return ERROR;
      const other = asSet(i32[args]!);
      if (other === ERROR) return ERROR;
      const r = symmetricDifference(s, self, other);
      s.refs.close(other);
      return r;
    });
    for (const [name, which] of [
      ["issubset", 0],
      ["issuperset", 1],
      ["isdisjoint", 2],
    ] as const) {
      method(t, name, (self, args, nargs) => {
        if (!one(name, nargs)) return ERROR;
        const other = asSet(i32[args]!);
        if (other === ERROR) return ERROR;
        let r: number;
        if (which === 0) r = isSubset(s, self, other);
        else if (which === 1) r = isSubset(s, other, self);
        else {
          const common = intersection(s, self, other);
          r = common === ERROR ? -1 : setSize(s, common) === 0 ? 1 : 0;
          if (common !== ERROR) s.refs.close(common);
        }
        s.refs.close(other);
        return r < 0 ? ERROR : s.bool(r === 1);
      });
    }
  }
  method(b.set, "add", (self, args, nargs) =>
    one("add", nargs) && setAdd(s, self, i32[args]!) >= 0 ? s.None : ERROR,
  );
  method(b.set, "discard", (self, args, nargs) =>
    one("discard", nargs) && setDiscard(s, self, i32[args]!) >= 0 ? s.None : ERROR,
  );
  method(b.set, "remove", (self, args, nargs) => {
    if (!one("remove", nargs)) return ERROR;
    const r = setDiscard(s, self, i32[args]!);
    if (r < 0) return ERROR;
    return r === 0 ? s.raiseKeyError(i32[args]!) : s.None;
  });
  method(b.set, "pop", (self) => {
    if (setSize(s, self) === 0) return s.raise(s.b.KeyError, "pop from an empty set");
    const table = f(s, self, SET_TABLE);
    const mask = f(s, self, SET_MASK);
    let i = f(s, self, SET_FINGER) & mask;
    for (;;) {
      const k = i32[(table + i * ENTRY) >> 2]!;
      if (k !== 0 && k !== DUMMY) break;
      i = i + 1 > mask ? 0 : i + 1;
    }
    const e = table + i * ENTRY;
    const key = i32[e >> 2]!;
    i32[e >> 2] = DUMMY;
    i32[(e + E_LO) >> 2] = -1;
    i32[(e + E_HI) >> 2] = -1;
    setF(s, self, SET_USED, f(s, self, SET_USED) - 1);
    setF(s, self, SET_FINGER, i + 1);
    return key;
  });
  method(b.set, "clear", (self) => {
    for (const [k] of [...entries(s, self)]) setDiscard(s, self, k);
    const empty = newSetOfType(s, b.set);
    if (empty === ERROR) return ERROR;
    swapContents(s, self, empty);
    s.refs.close(empty);
    return s.None;
  });
  method(b.set, "update", (self, args, nargs) => {
    for (let i = 0; i < nargs; i++) if (setUpdate(s, self, i32[args + i]!) < 0) return ERROR;
    return s.None;
  });
  method(b.set, "difference_update", (self, args, nargs) => {
    for (let i = 0; i < nargs; i++) if (differenceUpdate(s, self, i32[args + i]!) < 0) return ERROR;
    return s.None;
  });
  method(b.set, "intersection_update", (self, args, nargs) => {
    for (let i = 0; i < nargs; i++) {
      const t = intersection(s, self, i32[args + i]!);
      if (t === ERROR) return ERROR;
      swapContents(s, self, t);
      s.refs.close(t);
    }
    return s.None;
  });
  method(b.set, "symmetric_difference_update", (self, args, nargs) => {
    if (!one("symmetric_difference_update", nargs)) return ERROR;
    const other = asSet(i32[args]!);
    if (other === ERROR) return ERROR;
    const r = symmetricUpdateFrom(s, self, other);
    s.refs.close(other);
    return r < 0 ? ERROR : s.None;
  });
}

/** Exchange the tables of two sets (the second is then released by the caller). */
function swapContents(s: ObjectSpace, a: StackRef, c: StackRef): void {
  for (const off of [SET_FILL, SET_USED, SET_MASK, SET_TABLE, SET_FINGER]) {
    const x = f(s, a, off);
    setF(s, a, off, f(s, c, off));
    setF(s, c, off, x);
  }
}
