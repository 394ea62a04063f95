// Cells (closure variables) and slices, with CPython's slice index arithmetic
// (PySlice_Unpack and PySlice_AdjustIndices) and slicing of list, tuple, str and range.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { callIndex } from "./classes.js";
import { intFromBigInt, intToBigInt, isInt } from "./int.js";
import { STR_KIND_UCS4 } from "./layout.js";
import { listFromRefs, listItemsBase, listLength, listResize } from "./list.js";
import type { ObjectSpace } from "./space.js";
import { strKind, strValue } from "./str.js";
import { tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { CompareOp } from "./type.js";

const CELL_REF = 8;
const CELL_SIZE = 12;
const SLICE_START = 8;
const SLICE_STOP = 12;
const SLICE_STEP = 16;
const SLICE_SIZE = 20;

/** A new cell holding `value` (borrowed; NULL for an empty cell). */
export function newCell(s: ObjectSpace, value: StackRef): StackRef {
  const c = s.allocObject(s.b.cell, CELL_SIZE);
  if (c === 0) return ERROR;
  s.i32[(c + CELL_REF) >> 2] = value === NULL ? NULL : s.refs.asOwned(value);
  return c;
}

/** The cell's content (borrowed), NULL when empty. */
export function cellGet(s: ObjectSpace, cell: StackRef): StackRef {
  return s.i32[((cell & ~TAG_MASK) + CELL_REF) >> 2]!;
}

/** Replace the cell's content with `value` (borrowed; NULL empties it). */
export function cellSet(s: ObjectSpace, cell: StackRef, value: StackRef): void {
  const at = ((cell & ~TAG_MASK) + CELL_REF) >> 2;
  const old = s.i32[at]!;
  s.i32[at] = value === NULL ? NULL : s.refs.asOwned(value);
  s.refs.close(old);
}

/** slice(start, stop, step), each borrowed (None for missing). */
export function newSlice(
  s: ObjectSpace,
  start: StackRef,
  stop: StackRef,
  step: StackRef,
): StackRef {
  const o = s.allocObject(s.b.slice, SLICE_SIZE);
  if (o === 0) return ERROR;
  const i32 = s.i32;
  i32[(o + SLICE_START) >> 2] = s.refs.asOwned(start);
  i32[(o + SLICE_STOP) >> 2] = s.refs.asOwned(stop);
  i32[(o + SLICE_STEP) >> 2] = s.refs.asOwned(step);
  return o;
}

export function isSlice(s: ObjectSpace, ref: StackRef): boolean {
  return (ref & TAG_MASK) !== 3 && s.typeOf(ref) === s.b.slice;
}

/** The index value of an int or an object with __index__ (as a BigInt), or null with TypeError. */
function sliceIndex(s: ObjectSpace, v: StackRef): bigint | null {
  if (isInt(s, v)) return intToBigInt(s, v);
  const index = callIndex(s, v);
  if (index === ERROR) return null;
  if (index !== NULL) {
    const n = intToBigInt(s, index);
    s.refs.close(index);
    return n;
  }
  s.raise(s.b.TypeError, "slice indices must be integers or None or have an __index__ method");
  return null;
}

/** PySlice_Unpack + PySlice_AdjustIndices: [start, stop, step, length] for a sequence of `n`. */
export function sliceIndices(
  s: ObjectSpace,
  slice: StackRef,
  n: number,
): [number, number, number, number] | null {
  const i32 = s.i32;
  const a = slice & ~TAG_MASK;
  const stepRef = i32[(a + SLICE_STEP) >> 2]!;
  let step = 1n;
  if (stepRef !== s.None) {
    const v = sliceIndex(s, stepRef);
    if (v === null) return null;
    if (v === 0n) {
      s.raise(s.b.ValueError, "slice step cannot be zero");
      return null;
    }
    step = v;
  }
  const len = BigInt(n);
  const bound = (ref: StackRef, dflt: bigint, lower: bigint, upper: bigint): bigint | null => {
    if (ref === s.None) return dflt;
    let v = sliceIndex(s, ref);
    if (v === null) return null;
    if (v < 0n) {
      v += len;
      if (v < 0n) v = lower;
    } else if (v >= len) v = upper;
    return v;
  };
  const start =
    step < 0n
      ? bound(i32[(a + SLICE_START) >> 2]!, len - 1n, -1n, len - 1n)
      : bound(i32[(a + SLICE_START) >> 2]!, 0n, 0n, len);
  if (start === null) return null;
  const stop =
    step < 0n
      ? bound(i32[(a + SLICE_STOP) >> 2]!, -1n, -1n, len - 1n)
      : bound(i32[(a + SLICE_STOP) >> 2]!, len, 0n, len);
  if (stop === null) return null;
  let length = 0n;
  if (step < 0n) {
    if (stop < start) length = (start - stop - 1n) / -step + 1n;
  } else if (start < stop) {
    length = (stop - start - 1n) / step + 1n;
  }
  return [Number(start), Number(stop), Number(step), Number(length)];
}

/** seq[slice] for list, tuple, str and range. */
export function getSlice(s: ObjectSpace, seq: StackRef, slice: StackRef): StackRef {
  const t = s.typeOf(seq);
  if (t.isSubtypeOf(s.b.str)) {
    const text = strValue(s, seq);
    const chars = strKind(s, seq) === STR_KIND_UCS4 ? [...text] : null;
    const n = chars === null ? text.length : chars.length;
    const ix = sliceIndices(s, slice, n);
    if (ix === null) return ERROR;
    const [start, , step, length] = ix;
    if (step === 1) {
      return s.newStr(
        chars === null
          ? text.slice(start, start + length)
          : chars.slice(start, start + length).join(""),
      );
    }
    let out = "";
    for (let i = 0, j = start; i < length; i++, j += step)
      out += chars === null ? text[j] : chars[j];
    return s.newStr(out);
  }
  if (t.isSubtypeOf(s.b.list) || t.isSubtypeOf(s.b.tuple)) {
    const isList = t.isSubtypeOf(s.b.list);
    const n = isList ? listLength(s, seq) : tupleLength(s, seq);
    const ix = sliceIndices(s, slice, n);
    if (ix === null) return ERROR;
    const [start, , step, length] = ix;
    const items: StackRef[] = [];
    const base = isList ? listItemsBase(s, seq) : -1;
    for (let i = 0, j = start; i < length; i++, j += step) {
      items.push(s.refs.asOwned(isList ? s.i32[base + j]! : tupleItem(s, seq, j)));
    }
    return isList ? listFromRefs(s, items) : tupleFromRefs(s, items);
  }
  if (t === s.b.range) {
    const n = s.length(seq);
    if (n < 0) return ERROR;
    const ix = sliceIndices(s, slice, n);
    if (ix === null) return ERROR;
    const [start, , step, length] = ix;
    const get = (name: string) => {
      const r = s.getAttr(seq, s.intern(name));
      const v = intToBigInt(s, r);
      s.refs.close(r);
      return v;
    };
    const rstart = get("start");
    const rstep = get("step");
    const first = intFromBigInt(s, rstart + BigInt(start) * rstep);
    const last = intFromBigInt(s, rstart + BigInt(start + length * step) * rstep);
    const st = intFromBigInt(s, BigInt(step) * rstep);
    const r = s.call(s.b.range.addr | 1, [first, last, st]);
    for (const x of [first, last, st]) s.refs.close(x);
    return r;
  }
  return s.raise(s.b.TypeError, `'${t.name}' object is not subscriptable`);
}

/** list[slice] = iterable, or del list[slice] when value is NULL. 0 or -1. */
export function setListSlice(
  s: ObjectSpace,
  list: StackRef,
  slice: StackRef,
  value: StackRef,
): number {
  const n = listLength(s, list);
  const ix = sliceIndices(s, slice, n);
  if (ix === null) return -1;
  const [start, stop, step, length] = ix;
  const items: StackRef[] = [];
  if (value !== NULL) {
    const collected = s.call(s.b.list.addr | 1, [value]);
    if (collected === ERROR) {
      if (s.isInstance(s.curexc, s.b.TypeError)) {
        s.refs.close(s.fetchException());
        s.raise(
          s.b.TypeError,
          step === 1 ? "can only assign an iterable" : "must assign iterable to extended slice",
        );
      }
      return -1;
    }
    const base = listItemsBase(s, collected);
    for (let i = 0; i < listLength(s, collected); i++) items.push(s.refs.asOwned(s.i32[base + i]!));
    s.refs.close(collected);
  }
  const i32 = s.i32;
  if (step !== 1) {
    if (value !== NULL && items.length !== length) {
      for (const it of items) s.refs.close(it);
      s.raise(
        s.b.ValueError,
        `attempt to assign sequence of size ${items.length} to extended slice of size ${length}`,
      );
      return -1;
    }
    const base = listItemsBase(s, list);
    const old: StackRef[] = [];
    if (value !== NULL) {
      for (let i = 0, j = start; i < length; i++, j += step) {
        old.push(i32[base + j]!);
        i32[base + j] = items[i]!;
      }
    } else {
      const keep: StackRef[] = [];
      const drop = new Set<number>();
      for (let i = 0, j = start; i < length; i++, j += step) drop.add(j);
      for (let j = 0; j < n; j++) (drop.has(j) ? old : keep).push(i32[base + j]!);
      for (let j = 0; j < keep.length; j++) i32[base + j] = keep[j]!;
      listResize(s, list, keep.length);
    }
    for (const o of old) s.refs.close(o);
    return 0;
  }
  // Contiguous: replace [start, max(start, stop)) with the items.
  const hi = Math.max(start, stop);
  const removed: StackRef[] = [];
  const base0 = listItemsBase(s, list);
  for (let j = start; j < hi; j++) removed.push(i32[base0 + j]!);
  const tail: StackRef[] = [];
  for (let j = hi; j < n; j++) tail.push(i32[base0 + j]!);
  const newLen = start + items.length + tail.length;
  if (!listResize(s, list, newLen)) {
    for (const it of items) s.refs.close(it);
    return -1;
  }
  const base = listItemsBase(s, list);
  for (let i = 0; i < items.length; i++) i32[base + start + i] = items[i]!;
  for (let i = 0; i < tail.length; i++) i32[base + start + items.length + i] = tail[i]!;
  for (const r of removed) s.refs.close(r);
  return 0;
}

export function installCellAndSlice(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  b.cell = s.newStaticType(
    "cell",
    b.object,
    {
      dealloc: (a) => {
        s.refs.close(i32[(a + CELL_REF) >> 2]!);
        s.heap.freeObject(a);
      },
      repr: (self) => {
        const v = cellGet(s, self);
        const id = (self & ~TAG_MASK).toString(16).padStart(12, "0");
        if (v === NULL) return s.newStr(`<cell at 0x${id}: empty>`);
        const vid = ((v & TAG_MASK) === 3 ? 0 : v & ~TAG_MASK).toString(16).padStart(12, "0");
        return s.newStr(`<cell at 0x${id}: ${s.typeOf(v).name} object at 0x${vid}>`);
      },
    },
    { gc: true },
  );
  b.cell.getsets.set("cell_contents", {
    get: (self) => {
      const v = cellGet(s, self);
      return v === NULL ? s.raise(s.b.ValueError, "Cell is empty") : s.refs.asOwned(v);
    },
    set: (self, v) => {
      cellSet(s, self, v);
      return 0;
    },
  });

  const field = (o: StackRef, off: number) => i32[((o & ~TAG_MASK) + off) >> 2]!;
  b.slice = s.newStaticType("slice", b.object, {
    dealloc: (a) => {
      for (const off of [SLICE_START, SLICE_STOP, SLICE_STEP]) s.refs.close(i32[(a + off) >> 2]!);
      s.heap.freeObject(a);
    },
    new: (_t, args, nargs, kwnames) => {
      if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
        return s.raise(s.b.TypeError, "slice() takes no keyword arguments");
      }
      if (nargs < 1 || nargs > 3) {
        return s.raise(
          s.b.TypeError,
          nargs < 1
            ? "slice expected at least 1 argument, got 0"
            : `slice expected at most 3 arguments, got ${nargs}`,
        );
      }
      if (nargs === 1) return newSlice(s, s.None, i32[args]!, s.None);
      return newSlice(s, i32[args]!, i32[args + 1]!, nargs === 3 ? i32[args + 2]! : s.None);
    },
    repr: (self) => {
      const parts: string[] = [];
      for (const off of [SLICE_START, SLICE_STOP, SLICE_STEP]) {
        const r = s.repr(field(self, off));
        if (r === ERROR) return ERROR;
        parts.push(strValue(s, r));
        s.refs.close(r);
      }
      return s.newStr(`slice(${parts.join(", ")})`);
    },
    hash: (self) => {
      const t = tupleFromRefs(
        s,
        [SLICE_START, SLICE_STOP, SLICE_STEP].map((off) => s.refs.asOwned(field(self, off))),
      );
      if (t === ERROR) return s.hashResult(-1, -1);
      const h = s.hash(t);
      const hi = s.hashHi;
      s.refs.close(t);
      return s.hashResult(h, hi);
    },
    richcompare: (self, other, op) => {
      if (!isSlice(s, other)) return s.NotImplemented;
      const mine = tupleFromRefs(
        s,
        [SLICE_START, SLICE_STOP, SLICE_STEP].map((off) => s.refs.asOwned(field(self, off))),
      );
      const theirs = tupleFromRefs(
        s,
        [SLICE_START, SLICE_STOP, SLICE_STEP].map((off) => s.refs.asOwned(field(other, off))),
      );
      const r = s.richCompare(mine, theirs, op);
      s.refs.close(mine);
      s.refs.close(theirs);
      return r;
    },
  });
  for (const [name, off] of [
    ["start", SLICE_START],
    ["stop", SLICE_STOP],
    ["step", SLICE_STEP],
  ] as const) {
    b.slice.getsets.set(name, { get: (self) => s.refs.asOwned(field(self, off)) });
  }
  b.slice.methods.set("indices", (self, args, nargs) => {
    if (nargs !== 1 || !isInt(s, i32[args]!)) {
      return s.raise(
        s.b.TypeError,
        "slice indices must be integers or None or have an __index__ method",
      );
    }
    const n = Number(intToBigInt(s, i32[args]!));
    if (n < 0) return s.raise(s.b.ValueError, "length should not be negative");
    const ix = sliceIndices(s, self, n);
    if (ix === null) return ERROR;
    return tupleFromRefs(s, [s.newInt(ix[0]), s.newInt(ix[1]), s.newInt(ix[2])]);
  });

  // Slicing through the subscript slots of the sequences.
  for (const t of [b.list, b.tuple, b.str, b.range]) {
    const plain = t.slots.getitem!;
    t.slots.getitem = (self, key) => (isSlice(s, key) ? getSlice(s, self, key) : plain(self, key));
  }
  const listSet = b.list.slots.setitem!;
  b.list.slots.setitem = (self, key, value) =>
    isSlice(s, key) ? setListSlice(s, self, key, value) : listSet(self, key, value);
  void CompareOp;
}
