// list: size, capacity and a separately allocated item block, grown as CPython's list_resize.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { isInt } from "./int.js";
import {
  LIST_CAPACITY,
  LIST_ITEMS,
  LIST_LENGTH,
  LIST_SIZE,
  TPFLAGS_LIST_SUBCLASS,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { compareItems, normalizeIndex, reprItems } from "./tuple.js";
import { NB, type PyType } from "./type.js";

/** A new list with room for `capacity` items and length 0. */
export function newList(s: ObjectSpace, capacity = 0, type: PyType = s.b.list): StackRef {
  const addr = s.allocInstance(type, LIST_SIZE);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  let items = 0;
  if (capacity > 0) {
    items = s.heap.alloc(4 * capacity);
    if (items === 0) {
      s.heap.freeObject(addr);
      return s.noMemory();
    }
  }
  i32[(addr + LIST_LENGTH) >> 2] = 0;
  i32[(addr + LIST_CAPACITY) >> 2] = capacity;
  i32[(addr + LIST_ITEMS) >> 2] = items;
  return addr;
}

export function listLength(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + LIST_LENGTH) >> 2]!;
}

/** i32 index of the first item. */
export function listItemsBase(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + LIST_ITEMS) >> 2]! >> 2;
}

export function isList(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_LIST_SUBCLASS) !== 0;
}

/** Make room for `newSize` items (CPython's over-allocation); false with MemoryError set. */
export function listResize(s: ObjectSpace, list: StackRef, newSize: number): boolean {
  const addr = list & ~TAG_MASK;
  const i32 = s.i32;
  const capacity = i32[(addr + LIST_CAPACITY) >> 2]!;
  const size = i32[(addr + LIST_LENGTH) >> 2]!;
  if (capacity >= newSize && newSize >= capacity >> 1) {
    i32[(addr + LIST_LENGTH) >> 2] = newSize;
    return true;
  }
  let grown = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - size > grown - newSize) grown = (newSize + 3) & ~3;
  if (newSize === 0) grown = 0;
  const old = i32[(addr + LIST_ITEMS) >> 2]!;
  let items = 0;
  if (grown > 0) {
    items = old === 0 ? s.heap.alloc(4 * grown) : s.heap.realloc(old, 4 * grown);
    if (items === 0) {
      s.noMemory();
      return false;
    }
  } else if (old !== 0) {
    s.heap.free(old);
  }
  i32[(addr + LIST_ITEMS) >> 2] = items;
  i32[(addr + LIST_CAPACITY) >> 2] = grown;
  i32[(addr + LIST_LENGTH) >> 2] = newSize;
  return true;
}

/** Append, taking ownership of the heap-safe `item`; -1 (item closed) on failure. */
export function listAppend(s: ObjectSpace, list: StackRef, item: StackRef): number {
  const addr = list & ~TAG_MASK;
  const i32 = s.i32;
  const n = i32[(addr + LIST_LENGTH) >> 2]!;
  if (n < i32[(addr + LIST_CAPACITY) >> 2]!) {
    i32[(i32[(addr + LIST_ITEMS) >> 2]! >> 2) + n] = item;
    i32[(addr + LIST_LENGTH) >> 2] = n + 1;
    return 0;
  }
  if (!listResize(s, list, n + 1)) {
    s.refs.close(item);
    return -1;
  }
  i32[(i32[(addr + LIST_ITEMS) >> 2]! >> 2) + n] = item;
  return 0;
}

/** A list that takes ownership of `items` (each heap-safe). */
export function listFromRefs(s: ObjectSpace, items: readonly StackRef[]): StackRef {
  const list = newList(s, items.length);
  if (list === ERROR) {
    for (const item of items) s.refs.close(item);
    return ERROR;
  }
  const base = listItemsBase(s, list);
  for (let i = 0; i < items.length; i++) s.i32[base + i] = items[i]!;
  s.i32[(list + LIST_LENGTH) >> 2] = items.length;
  return list;
}

function indexError(s: ObjectSpace, key: StackRef, what: string): StackRef {
  return s.raise(
    s.b.TypeError,
    `list indices must be integers or slices, not ${s.typeOf(key).name}${what}`,
  );
}

export function installList(s: ObjectSpace, b: Builtins): void {
  b.list = s.newStaticType(
    "list",
    s.objectType,
    {
      dealloc: (addr) => {
        const i32 = s.i32;
        const n = i32[(addr + LIST_LENGTH) >> 2]!;
        const items = i32[(addr + LIST_ITEMS) >> 2]!;
        // Last item first, as CPython's list_dealloc (the order __del__ methods run in).
        for (let i = n - 1; i >= 0; i--) s.refs.close(i32[(items >> 2) + i]!);
        if (items !== 0) s.heap.free(items);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        if (!s.reprEnter(self)) return s.newStr("[...]");
        const r = reprItems(s, listItemsBase(s, self), listLength(s, self), "[", "]");
        s.reprLeave(self);
        return r;
      },
      hash: s.unhashable,
      len: (self) => listLength(s, self),
      bool: (self) => (listLength(s, self) !== 0 ? 1 : 0),
      richcompare: (self, other, op) => {
        if (!isList(s, other)) return s.NotImplemented;
        return compareItems(
          s,
          listItemsBase(s, self),
          listLength(s, self),
          listItemsBase(s, other),
          listLength(s, other),
          op,
        );
      },
      getitem: (self, key) => {
        if (!isInt(s, key)) return indexError(s, key, "");
        const i = normalizeIndex(s, key, listLength(s, self));
        if (i < 0) return s.raise(s.b.IndexError, "list index out of range");
        return s.refs.dup(s.i32[listItemsBase(s, self) + i]!);
      },
      setitem: (self, key, value) => {
        if (!isInt(s, key)) {
          indexError(s, key, "");
          return -1;
        }
        const n = listLength(s, self);
        const i = normalizeIndex(s, key, n);
        if (i < 0) {
          s.raise(s.b.IndexError, `list assignment index out of range`);
          return -1;
        }
        const base = listItemsBase(s, self);
        const old = s.i32[base + i]!;
        if (value === NULL) {
          s.i32.copyWithin(base + i, base + i + 1, base + n);
          listResize(s, self, n - 1);
        } else {
          s.i32[base + i] = s.refs.asOwned(value);
        }
        s.refs.close(old);
        return 0;
      },
      contains: (self, key) => s.sequenceContains(self, key),
      binop: (x, y, nb) => {
        if ((nb !== NB.ADD && nb !== NB.INPLACE_ADD) || !isList(s, x) || !isList(s, y)) {
          return s.NotImplemented;
        }
        if (nb === NB.INPLACE_ADD) {
          const base = listItemsBase(s, y);
          const added: StackRef[] = [];
          for (let i = 0; i < listLength(s, y); i++) added.push(s.refs.dup(s.i32[base + i]!));
          for (const item of added) if (listAppend(s, x, item) < 0) return ERROR;
          return s.refs.asOwned(x); // a new reference even when x is a borrowed operand
        }
        const items: StackRef[] = [];
        for (const l of [x, y]) {
          const base = listItemsBase(s, l);
          for (let i = 0; i < listLength(s, l); i++) items.push(s.refs.dup(s.i32[base + i]!));
        }
        return listFromRefs(s, items);
      },
      iter: (self) => s.newSeqIter(s.b.list_iterator, self),
    },
    { flags: TPFLAGS_LIST_SUBCLASS, gc: true },
  );
  b.list_iterator = s.newSeqIterType("list_iterator", (seq, i) =>
    i < listLength(s, seq) ? s.refs.dup(s.i32[listItemsBase(s, seq) + i]!) : NULL,
  );
}
