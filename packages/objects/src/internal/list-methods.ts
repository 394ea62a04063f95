// The methods of list and tuple (CPython's Objects/listobject.c and tupleobject.c), list and
// tuple repetition, and the recursion guard of container comparisons.
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { collect } from "./constructors.js";
import { intFromNumber, intToBigInt, isInt } from "./int.js";
import { LIST_LENGTH, SEQITER_INDEX } from "./layout.js";
import { isList, listAppend, listFromRefs, listItemsBase, listLength, listResize } from "./list.js";
import {
  adjustIndices,
  asIndex,
  defineMethods,
  noArgs,
  oneArg,
  positional,
  sliceIndex,
} from "./method-args.js";
import { sortRefs } from "./sort.js";
import type { ObjectSpace } from "./space.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { CompareOp, NB } from "./type.js";

/** Borrowed items of a list (a snapshot of the references). */
function listItems(s: ObjectSpace, list: StackRef): StackRef[] {
  const base = listItemsBase(s, list);
  const n = listLength(s, list);
  const out: StackRef[] = [];
  for (let i = 0; i < n; i++) out.push(s.i32[base + i]!);
  return out;
}

/**
 * CPython's sequence repetition by a non-int: a TypeError, unless the other operand is an
 * instance of a class, whose reflected method runs first.
 */
export function repeatByNonInt(s: ObjectSpace, other: StackRef): StackRef {
  const t = s.typeOf(other);
  if (t.heap) return s.NotImplemented;
  return s.raise(s.b.TypeError, `can't multiply sequence by non-int of type '${t.name}'`);
}

/** Append new references of `items` (borrowed); 0 or -1. */
function appendAll(s: ObjectSpace, list: StackRef, items: readonly StackRef[]): number {
  for (const item of items) if (listAppend(s, list, s.refs.asOwned(item)) < 0) return -1;
  return 0;
}

/** list.extend: 0 or -1. */
export function listExtend(s: ObjectSpace, list: StackRef, iterable: StackRef): number {
  if (isList(s, iterable)) return appendAll(s, list, listItems(s, iterable));
  if (isTuple(s, iterable)) {
    const items: StackRef[] = [];
    for (let i = 0; i < tupleLength(s, iterable); i++) items.push(tupleItem(s, iterable, i));
    return appendAll(s, list, items);
  }
  const items = collect(s, iterable);
  if (items === null) return -1;
  for (let i = 0; i < items.length; i++) {
    if (listAppend(s, list, items[i]!) < 0) {
      for (let j = i + 1; j < items.length; j++) s.refs.close(items[j]!);
      return -1;
    }
  }
  return 0;
}

/** The repetition count of `seq * n`: a non-negative count, or null with the error set. */
function repeatCount(s: ObjectSpace, n: StackRef, itemCount: number): number | null {
  const v = intToBigInt(s, n);
  if (v <= 0n || itemCount === 0) return 0;
  if (v > 9223372036854775807n) {
    s.raise(s.b.OverflowError, "cannot fit 'int' into an index-sized integer");
    return null;
  }
  if (v * BigInt(itemCount) > 0x1fffffffn) {
    s.noMemory();
    return null;
  }
  return Number(v);
}

function repeatRefs(s: ObjectSpace, items: readonly StackRef[], n: number): StackRef[] {
  const out: StackRef[] = [];
  for (let k = 0; k < n; k++) for (const item of items) out.push(s.refs.asOwned(item));
  return out;
}

/** Find `value` in items[start:stop]; the index, -1 if absent, -2 on error. */
function indexIn(
  s: ObjectSpace,
  get: (i: number) => StackRef | undefined,
  n: () => number,
  value: StackRef,
  start: number | null,
  stop: number | null,
): number {
  const [a, e] = adjustIndices(start, stop, n());
  for (let i = a; i < e && i < n(); i++) {
    const item = get(i);
    if (item === undefined) break;
    const owned = s.refs.asOwned(item);
    const eq = s.richCompareBool(owned, value, CompareOp.EQ);
    s.refs.close(owned);
    if (eq < 0) return -2;
    if (eq > 0) return i;
  }
  return -1;
}

function countIn(
  s: ObjectSpace,
  get: (i: number) => StackRef | undefined,
  n: () => number,
  value: StackRef,
): number {
  let count = 0;
  for (let i = 0; i < n(); i++) {
    const item = get(i);
    if (item === undefined) break;
    const owned = s.refs.asOwned(item);
    const eq = s.richCompareBool(owned, value, CompareOp.EQ);
    s.refs.close(owned);
    if (eq < 0) return -1;
    count += eq;
  }
  return count;
}

/** list.sort(*, key=None, reverse=False): None, or ERROR. */
function listSort(s: ObjectSpace, list: StackRef, key: StackRef, reverse: boolean): StackRef {
  // As CPython, the list is empty while it is sorted: changes made by a key or a comparison
  // are detected and discarded.
  const items = listItems(s, list);
  const n = items.length;
  s.i32[((list & ~3) + LIST_LENGTH) >> 2] = 0;
  const ok = sortRefs(s, items, key, reverse);
  let result = s.None;
  if (!ok) result = ERROR;
  const added = listItems(s, list);
  s.i32[((list & ~3) + LIST_LENGTH) >> 2] = 0;
  for (const item of added) s.refs.close(item);
  if (added.length > 0 && ok) result = s.raise(s.b.ValueError, "list modified during sort");
  if (!listResize(s, list, n)) {
    for (const item of items) s.refs.close(item);
    return ERROR;
  }
  const base = listItemsBase(s, list);
  for (let i = 0; i < n; i++) s.i32[base + i] = items[i]!;
  return result;
}

let compareDepth = 0;
const MAX_COMPARE_DEPTH = 1000;

/** Wrap a container's richcompare with CPython's recursion check " in comparison". */
function guardCompare(
  s: ObjectSpace,
  f: (a: StackRef, b: StackRef, op: number) => StackRef,
): (a: StackRef, b: StackRef, op: number) => StackRef {
  return (a, b, op) => {
    if (compareDepth >= MAX_COMPARE_DEPTH) {
      return s.raise(s.b.RecursionError, "maximum recursion depth exceeded in comparison");
    }
    compareDepth++;
    try {
      return f(a, b, op);
    } finally {
      compareDepth--;
    }
  };
}

export function installListMethods(s: ObjectSpace, b: Builtins): void {
  const list = b.list;
  // reversed(list): the index counts up from -len, item -index-1, stopping early if the list
  // shrank below it (listreviter).
  const reverseIter = s.newSeqIterType("list_reverseiterator", (seq, i) => {
    const j = -i - 1;
    return j >= 0 && j < listLength(s, seq) ? s.refs.dup(s.i32[listItemsBase(s, seq) + j]!) : NULL;
  });
  list.methods.set("__reversed__", (self, _args, nargs, kwnames) => {
    if (!noArgs(s, "list.__reversed__", nargs, kwnames)) return ERROR;
    const it = s.newSeqIter(reverseIter, self);
    if (it !== ERROR) s.i32[((it & ~3) + SEQITER_INDEX) >> 2] = -listLength(s, self);
    return it;
  });
  const getter = (self: StackRef) => (i: number) =>
    i < listLength(s, self) ? s.i32[listItemsBase(s, self) + i] : undefined;
  defineMethods(list.methods, {
    append: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "list.append", nargs, kwnames)) return ERROR;
      return listAppend(s, self, s.refs.asOwned(s.i32[args]!)) < 0 ? ERROR : s.None;
    },
    extend: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "list.extend", nargs, kwnames)) return ERROR;
      return listExtend(s, self, s.i32[args]!) < 0 ? ERROR : s.None;
    },
    insert: (self, args, nargs, kwnames) => {
      if (!positional(s, "list.insert", nargs, kwnames, 2, 2)) return ERROR;
      const index = asIndex(s, s.i32[args]!);
      if (index === null) return ERROR;
      const n = listLength(s, self);
      let i = index < 0 ? Math.max(0, index + n) : Math.min(index, n);
      i = Math.max(0, i);
      if (!listResize(s, self, n + 1)) return ERROR;
      const base = listItemsBase(s, self);
      s.i32.copyWithin(base + i + 1, base + i, base + n);
      s.i32[base + i] = s.refs.asOwned(s.i32[args + 1]!);
      return s.None;
    },
    pop: (self, args, nargs, kwnames) => {
      if (!positional(s, "list.pop", nargs, kwnames, 0, 1)) return ERROR;
      let index = -1;
      if (nargs === 1) {
        const i = asIndex(s, s.i32[args]!);
        if (i === null) return ERROR;
        index = i;
      }
      const n = listLength(s, self);
      if (n === 0) return s.raise(s.b.IndexError, "pop from empty list");
      const i = index < 0 ? index + n : index;
      if (i < 0 || i >= n) return s.raise(s.b.IndexError, "pop index out of range");
      const base = listItemsBase(s, self);
      const item = s.i32[base + i]!;
      s.i32.copyWithin(base + i, base + i + 1, base + n);
      listResize(s, self, n - 1);
      return item;
    },
    remove: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "list.remove", nargs, kwnames)) return ERROR;
      const i = indexIn(s, getter(self), () => listLength(s, self), s.i32[args]!, null, null);
      if (i === -2) return ERROR;
      if (i < 0) return s.raise(s.b.ValueError, "list.remove(x): x not in list");
      const n = listLength(s, self);
      const base = listItemsBase(s, self);
      const item = s.i32[base + i]!;
      s.i32.copyWithin(base + i, base + i + 1, base + n);
      listResize(s, self, n - 1);
      s.refs.close(item);
      return s.None;
    },
    index: (self, args, nargs, kwnames) => {
      if (!positional(s, "list.index", nargs, kwnames, 1, 3)) return ERROR;
      const value = s.i32[args]!;
      const start = nargs > 1 ? sliceIndex(s, s.i32[args + 1]!) : null;
      const stop = nargs > 2 ? sliceIndex(s, s.i32[args + 2]!) : null;
      if (Number.isNaN(start) || Number.isNaN(stop)) return ERROR;
      const i = indexIn(s, getter(self), () => listLength(s, self), value, start, stop);
      if (i === -2) return ERROR;
      if (i < 0) {
        const r = s.repr(value);
        if (r === ERROR) return ERROR;
        const text = s.strValue(r);
        s.refs.close(r);
        return s.raise(s.b.ValueError, `${text} is not in list`);
      }
      return intFromNumber(s, i);
    },
    count: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "list.count", nargs, kwnames)) return ERROR;
      const n = countIn(s, getter(self), () => listLength(s, self), s.i32[args]!);
      return n < 0 ? ERROR : intFromNumber(s, n);
    },
    clear: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "list.clear", nargs, kwnames)) return ERROR;
      const items = listItems(s, self);
      listResize(s, self, 0);
      for (const item of items) s.refs.close(item);
      return s.None;
    },
    copy: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "list.copy", nargs, kwnames)) return ERROR;
      return listFromRefs(
        s,
        listItems(s, self).map((r) => s.refs.asOwned(r)),
      );
    },
    reverse: (self, _args, nargs, kwnames) => {
      if (!noArgs(s, "list.reverse", nargs, kwnames)) return ERROR;
      const base = listItemsBase(s, self);
      s.i32.subarray(base, base + listLength(s, self)).reverse();
      return s.None;
    },
    sort: (self, args, nargs, kwnames) => {
      if (nargs > 0) return s.raise(s.b.TypeError, "sort() takes no positional arguments");
      const a = parseArgs(
        s,
        "sort",
        { names: ["*key", "*reverse"], required: 0 },
        args,
        nargs,
        kwnames,
      );
      if (a === null) return ERROR;
      let reverse = false;
      if (a[1] !== NULL) {
        if (s.typeOf(a[1]!) === s.b.float) {
          return s.raise(s.b.TypeError, "'float' object cannot be interpreted as an integer");
        }
        const t = s.isTrue(a[1]!);
        if (t < 0) return ERROR;
        reverse = t === 1;
      }
      return listSort(s, self, a[0]!, reverse);
    },
    __contains__: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "list.__contains__", nargs, kwnames)) return ERROR;
      const r = s.contains(self, s.i32[args]!);
      return r < 0 ? ERROR : s.bool(r === 1);
    },
  });

  const tupleGetter = (self: StackRef) => (i: number) =>
    i < tupleLength(s, self) ? tupleItem(s, self, i) : undefined;
  defineMethods(b.tuple.methods, {
    index: (self, args, nargs, kwnames) => {
      if (!positional(s, "tuple.index", nargs, kwnames, 1, 3)) return ERROR;
      const start = nargs > 1 ? sliceIndex(s, s.i32[args + 1]!) : null;
      const stop = nargs > 2 ? sliceIndex(s, s.i32[args + 2]!) : null;
      if (Number.isNaN(start) || Number.isNaN(stop)) return ERROR;
      const i = indexIn(
        s,
        tupleGetter(self),
        () => tupleLength(s, self),
        s.i32[args]!,
        start,
        stop,
      );
      if (i === -2) return ERROR;
      if (i < 0) return s.raise(s.b.ValueError, "tuple.index(x): x not in tuple");
      return intFromNumber(s, i);
    },
    count: (self, args, nargs, kwnames) => {
      if (!oneArg(s, "tuple.count", nargs, kwnames)) return ERROR;
      const n = countIn(s, tupleGetter(self), () => tupleLength(s, self), s.i32[args]!);
      return n < 0 ? ERROR : intFromNumber(s, n);
    },
  });

  // list * int, int * list, list *= int; tuple * int.
  const listBinop = list.slots.binop!;
  list.slots.binop = (x, y, nb, reflected) => {
    if (nb === NB.MULTIPLY || nb === NB.INPLACE_MULTIPLY) {
      const [seq, n] = isList(s, x) ? [x, y] : [y, x];
      if (!isList(s, seq)) return s.NotImplemented;
      if (!isInt(s, n)) return repeatByNonInt(s, n);
      if (nb === NB.INPLACE_MULTIPLY && seq === x) {
        const items = listItems(s, x);
        const count = repeatCount(s, n, items.length);
        if (count === null) return ERROR;
        if (count === 0) {
          listResize(s, x, 0);
          for (const item of items) s.refs.close(item);
          return s.refs.asOwned(x);
        }
        for (const item of repeatRefs(s, items, count - 1)) {
          if (listAppend(s, x, item) < 0) return ERROR;
        }
        return s.refs.asOwned(x);
      }
      const items = listItems(s, seq);
      const count = repeatCount(s, n, items.length);
      if (count === null) return ERROR;
      return listFromRefs(s, repeatRefs(s, items, count));
    }
    return listBinop(x, y, nb, reflected);
  };
  list.slots.richcompare = guardCompare(s, list.slots.richcompare!);
  const tupleBinop = b.tuple.slots.binop!;
  b.tuple.slots.binop = (x, y, nb, reflected) => {
    if (nb === NB.MULTIPLY) {
      const [seq, n] = isTuple(s, x) ? [x, y] : [y, x];
      if (!isTuple(s, seq)) return s.NotImplemented;
      if (!isInt(s, n)) return repeatByNonInt(s, n);
      const items: StackRef[] = [];
      for (let i = 0; i < tupleLength(s, seq); i++) items.push(tupleItem(s, seq, i));
      const count = repeatCount(s, n, items.length);
      if (count === null) return ERROR;
      if (count === 1 && s.typeOf(seq) === b.tuple) return s.refs.asOwned(seq);
      return tupleFromRefs(s, repeatRefs(s, items, count));
    }
    return tupleBinop(x, y, nb, reflected);
  };
  b.tuple.slots.richcompare = guardCompare(s, b.tuple.slots.richcompare!);
  b.dict.slots.richcompare = guardCompare(s, b.dict.slots.richcompare!);
}
