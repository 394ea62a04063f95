// tuple: immutable, items inline after the header; CPython's xxHash-based tuple hash.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { intToSafeNumber, isInt } from "./int.js";
import { TPFLAGS_TUPLE_SUBCLASS, TUPLE_ITEMS, TUPLE_LENGTH } from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { CompareOp, NB } from "./type.js";

/** A new tuple of `n` items, all NULL: the caller stores owned (heap-safe) items. */
export function newTuple(s: ObjectSpace, n: number): StackRef {
  if (n === 0 && s.emptyTuple !== 0) return s.emptyTuple | 1;
  const addr = s.allocObject(s.b.tuple, TUPLE_ITEMS + 4 * n);
  if (addr === 0) return ERROR;
  const i32 = s.i32;
  i32[(addr + TUPLE_LENGTH) >> 2] = n;
  i32.fill(NULL, (addr + TUPLE_ITEMS) >> 2, ((addr + TUPLE_ITEMS) >> 2) + n);
  return addr;
}

/** A tuple that takes ownership of `items` (each heap-safe). On failure the items are closed. */
export function tupleFromRefs(s: ObjectSpace, items: readonly StackRef[]): StackRef {
  const t = newTuple(s, items.length);
  if (t === ERROR) {
    for (const item of items) s.refs.close(item);
    return ERROR;
  }
  const base = ((t & ~TAG_MASK) + TUPLE_ITEMS) >> 2;
  for (let i = 0; i < items.length; i++) s.i32[base + i] = items[i]!;
  return t;
}

export function tupleLength(s: ObjectSpace, ref: StackRef): number {
  return s.i32[((ref & ~TAG_MASK) + TUPLE_LENGTH) >> 2]!;
}

/** Borrowed item `i` of a tuple. */
export function tupleItem(s: ObjectSpace, ref: StackRef, i: number): StackRef {
  return s.i32[(((ref & ~TAG_MASK) + TUPLE_ITEMS) >> 2) + i]!;
}

export function isTuple(s: ObjectSpace, ref: StackRef): boolean {
  if ((ref & 3) === 3) return false;
  return (s.i32[(s.typeAddrOf(ref) + 16) >> 2]! & TPFLAGS_TUPLE_SUBCLASS) !== 0;
}

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;
const MASK64 = (1n << 64n) - 1n;

/** CPython's tuplehash (xxHash lanes); sets the space's hash result. */
export function tupleHash(s: ObjectSpace, self: StackRef): number {
  const n = tupleLength(s, self);
  let acc = XXPRIME_5;
  for (let i = 0; i < n; i++) {
    const lo = s.hash(tupleItem(s, self, i));
    if (lo === -1 && s.hashHi === -1) return -1;
    const lane = (BigInt(s.hashHi >>> 0) << 32n) | BigInt(lo >>> 0);
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64;
    acc = (acc * XXPRIME_1) & MASK64;
  }
  acc = (acc + (BigInt(n) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return s.hashResult(1546275796, 0);
  return s.hashResult(Number(acc & 0xffffffffn) | 0, Number(acc >> 32n) | 0);
}

/** Repr of a sequence's items between brackets (shared by tuple and list). */
export function reprItems(
  s: ObjectSpace,
  base: number,
  n: number,
  open: string,
  close: string,
): StackRef {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = s.repr(s.i32[base + i]!);
    if (r === ERROR) return ERROR;
    parts.push(s.strValue(r));
    s.refs.close(r);
  }
  return s.newStr(open + parts.join(", ") + close);
}

/** Lexicographic comparison of two item arrays (tuple and list). */
export function compareItems(
  s: ObjectSpace,
  a: number,
  na: number,
  b: number,
  nb: number,
  op: number,
): StackRef {
  const i32 = s.i32;
  let i = 0;
  for (; i < na && i < nb; i++) {
    const x = i32[a + i]!;
    const y = i32[b + i]!;
    if ((x & ~1) === (y & ~1)) continue;
    const eq = s.richCompareBool(x, y, CompareOp.EQ);
    if (eq < 0) return ERROR;
    if (eq === 0) break;
  }
  if (i >= na || i >= nb) {
    const c = na - nb;
    return s.bool(
      op === CompareOp.LT
        ? c < 0
        : op === CompareOp.LE
          ? c <= 0
          : op === CompareOp.EQ
            ? c === 0
            : op === CompareOp.NE
              ? c !== 0
              : op === CompareOp.GT
                ? c > 0
                : c >= 0,
    );
  }
  if (op === CompareOp.EQ) return s.False;
  if (op === CompareOp.NE) return s.True;
  return s.richCompare(i32[a + i]!, i32[b + i]!, op);
}

/** Resolve a sequence index (negative from the end); -1 when out of range. */
export function normalizeIndex(s: ObjectSpace, key: StackRef, n: number): number {
  const i = intToSafeNumber(s, key);
  if (i === null) return -1;
  const j = i < 0 ? i + n : i;
  return j >= 0 && j < n ? j : -1;
}

export function installTuple(s: ObjectSpace, b: Builtins): void {
  b.tuple = s.newStaticType(
    "tuple",
    s.objectType,
    {
      dealloc: (addr) => {
        const n = s.i32[(addr + TUPLE_LENGTH) >> 2]!;
        const base = (addr + TUPLE_ITEMS) >> 2;
        // Last item first, as CPython's tupledealloc.
        for (let i = n - 1; i >= 0; i--) s.refs.close(s.i32[base + i]!);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const n = tupleLength(s, self);
        const base = ((self & ~TAG_MASK) + TUPLE_ITEMS) >> 2;
        return reprItems(s, base, n, "(", n === 1 ? ",)" : ")");
      },
      hash: (self) => tupleHash(s, self),
      len: (self) => tupleLength(s, self),
      bool: (self) => (tupleLength(s, self) !== 0 ? 1 : 0),
      richcompare: (self, other, op) => {
        if (!isTuple(s, other)) return s.NotImplemented;
        const a = ((self & ~TAG_MASK) + TUPLE_ITEMS) >> 2;
        const c = ((other & ~TAG_MASK) + TUPLE_ITEMS) >> 2;
        return compareItems(s, a, tupleLength(s, self), c, tupleLength(s, other), op);
      },
      getitem: (self, key) => {
        if (!isInt(s, key)) {
          return s.raise(
            s.b.TypeError,
            `tuple indices must be integers or slices, not ${s.typeOf(key).name}`,
          );
        }
        const i = normalizeIndex(s, key, tupleLength(s, self));
        if (i < 0) return s.raise(s.b.IndexError, "tuple index out of range");
        return s.refs.dup(tupleItem(s, self, i));
      },
      contains: (self, key) => s.sequenceContains(self, key),
      binop: (x, y, nb) => {
        if (nb !== NB.ADD || !isTuple(s, x) || !isTuple(s, y)) return s.NotImplemented;
        const items: StackRef[] = [];
        for (const t of [x, y]) {
          for (let i = 0; i < tupleLength(s, t); i++) items.push(s.refs.dup(tupleItem(s, t, i)));
        }
        return tupleFromRefs(s, items);
      },
      iter: (self) => s.newSeqIter(s.b.tuple_iterator, self),
    },
    { flags: TPFLAGS_TUPLE_SUBCLASS, gc: true },
  );
  b.tuple_iterator = s.newSeqIterType("tuple_iterator", (seq, i) =>
    i < tupleLength(s, seq) ? s.refs.dup(tupleItem(s, seq, i)) : NULL,
  );
}
