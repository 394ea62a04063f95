// Subclassing the builtin types: their instance layouts (fixed and variable-size), the
// constructors that make instances of a class over a builtin carry the builtin's value, the
// `__new__` of each builtin type (CPython's tp_new_wrapper) and the `__init__` of the mutable
// ones.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { callIndex, solidBase, typeLookup } from "./classes.js";
import { collect } from "./constructors.js";
import { intToBigInt, isInt } from "./int.js";
import {
  BYTEARRAY_SIZE,
  BYTES_DATA,
  BYTES_LENGTH,
  COMPLEX_IMAG,
  COMPLEX_REAL,
  COMPLEX_SIZE,
  DICT_SIZE,
  FLOAT_SIZE,
  FLOAT_VALUE,
  INT_DIGIT_BITS,
  INT_DIGITS,
  INT_SIZE_FIELD,
  LIST_SIZE,
  STR_FLAGS,
  STR_HASH,
  STR_HASHED,
  STR_KIND_MASK,
  STR_LENGTH,
  STR_SIDE,
  STR_SIZE,
  TPFLAGS_BASETYPE,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
  TYPE_FLAGS,
} from "./layout.js";
import { listAppend, newList } from "./list.js";
import { SET_SIZE, setUpdate } from "./set.js";
import type { ObjectSpace } from "./space.js";
import { tupleLength } from "./tuple.js";
import type { PyType, VectorCall } from "./type.js";

/** Byte size of a bytes object of `n` bytes, rounded up to 4 (where a class's fields start). */
function bytesSize(n: number): number {
  return (BYTES_DATA + n + 3) & ~3;
}

/**
 * An instance of class `cls` over the immutable builtin `base`, carrying the value of `value` (an
 * instance of `base` or of a subclass, owned and consumed), as CPython's long_subtype_new and
 * friends copy the value made by the base constructor.
 */
export function subtypeWithValue(
  s: ObjectSpace,
  cls: PyType,
  base: PyType,
  value: StackRef,
): StackRef {
  const i32 = s.i32;
  const b = s.b;
  const v = value & ~TAG_MASK;
  let o = 0;
  if (base === b.int) {
    const big = intToBigInt(s, value);
    let mag = big < 0n ? -big : big;
    const digits: number[] = [];
    while (mag > 0n) {
      digits.push(Number(mag & ((1n << BigInt(INT_DIGIT_BITS)) - 1n)));
      mag >>= BigInt(INT_DIGIT_BITS);
    }
    o = s.allocInstance(cls, INT_DIGITS + 4 * digits.length);
    if (o !== 0) {
      i32[(o + INT_SIZE_FIELD) >> 2] = big < 0n ? -digits.length : digits.length;
      for (let k = 0; k < digits.length; k++) i32[(o + INT_DIGITS + 4 * k) >> 2] = digits[k]!;
    }
  } else if (base === b.float) {
    o = s.allocInstance(cls, FLOAT_SIZE);
    if (o !== 0) s.f64[(o + FLOAT_VALUE) >> 3] = s.f64[(v + FLOAT_VALUE) >> 3]!;
  } else if (base === b.complex) {
    o = s.allocInstance(cls, COMPLEX_SIZE);
    if (o !== 0) {
      s.f64[(o + COMPLEX_REAL) >> 3] = s.f64[(v + COMPLEX_REAL) >> 3]!;
      s.f64[(o + COMPLEX_IMAG) >> 3] = s.f64[(v + COMPLEX_IMAG) >> 3]!;
    }
  } else if (base === b.str) {
    o = s.allocInstance(cls, STR_SIZE);
    if (o !== 0) {
      // Never interned: only exact strs are.
      i32[(o + STR_LENGTH) >> 2] = i32[(v + STR_LENGTH) >> 2]!;
      i32[(o + STR_FLAGS) >> 2] = i32[(v + STR_FLAGS) >> 2]! & (STR_KIND_MASK | STR_HASHED);
      i32[(o + STR_HASH) >> 2] = i32[(v + STR_HASH) >> 2]!;
      i32[(o + STR_HASH + 4) >> 2] = i32[(v + STR_HASH + 4) >> 2]!;
      i32[(o + STR_SIDE) >> 2] = s.strings.add(s.strings.get(i32[(v + STR_SIDE) >> 2]!));
    }
  } else if (base === b.tuple) {
    const n = i32[(v + TUPLE_LENGTH) >> 2]!;
    o = s.allocInstance(cls, TUPLE_ITEMS + 4 * n);
    if (o !== 0) {
      i32[(o + TUPLE_LENGTH) >> 2] = n;
      for (let k = 0; k < n; k++) {
        i32[((o + TUPLE_ITEMS) >> 2) + k] = s.refs.dup(i32[((v + TUPLE_ITEMS) >> 2) + k]!);
      }
    }
  } else if (base === b.bytes) {
    const n = i32[(v + BYTES_LENGTH) >> 2]!;
    o = s.allocInstance(cls, bytesSize(n));
    if (o !== 0) {
      i32[(o + BYTES_LENGTH) >> 2] = n;
      i32.fill(0, (o + BYTES_LENGTH + 4) >> 2, (o + BYTES_DATA) >> 2);
      s.u8.copyWithin(o + BYTES_DATA, v + BYTES_DATA, v + BYTES_DATA + n);
    }
  }
  s.refs.close(value);
  return o === 0 ? ERROR : o;
}

/** Whether a class's __new__ is one written in Python (some class of its MRO defines it). */
function newInPython(s: ObjectSpace, t: PyType): boolean {
  const f = typeLookup(s, t, "__new__");
  return f !== null && f.kind === "value" && f.owner.heap;
}

/**
 * The builtin whose constructor makes instances of builtin `t`: `t` itself, or the base it
 * shares its layout and constructor with (KeyError's is BaseException).
 */
function constructorOwner(t: PyType): PyType {
  let c = t;
  while (c.base !== null && c.base.slots.new !== undefined && solidBase(c.base) === solidBase(c)) {
    c = c.base;
  }
  return c;
}

/** `self.clear()` through the builtin method of `t`; false with the exception set. */
function callClear(s: ObjectSpace, t: PyType, self: StackRef): boolean {
  const r = t.methods.get("clear")!(self, 0, 0, NULL);
  if (r === ERROR) return false;
  s.refs.close(r);
  return true;
}

/** `T.__new__(cls, ...)` of a builtin type T: checks `cls`, then T's own tp_new. */
function newWrapper(s: ObjectSpace, t: PyType, tpNew: VectorCall): VectorCall {
  return (_self, args, nargs, kwnames) => {
    if (nargs < 1) return s.raise(s.b.TypeError, `${t.name}.__new__(): not enough arguments`);
    const cls = s.i32[args]!;
    if (!s.typeOf(cls).isSubtypeOf(s.b.type)) {
      return s.raise(
        s.b.TypeError,
        `${t.name}.__new__(X): X is not a type object (${s.typeOf(cls).name})`,
      );
    }
    const ct = s.typeFromAddr(cls & ~TAG_MASK);
    if (!ct.isSubtypeOf(t)) {
      return s.raise(
        s.b.TypeError,
        `${t.name}.__new__(${ct.name}): ${ct.name} is not a subtype of ${t.name}`,
      );
    }
    // tp_new_wrapper's check: the nearest base of cls whose __new__ is not written in Python
    // must construct with t's own constructor (object.__new__(int), int.__new__(bool) fail).
    let staticBase = ct;
    while (staticBase.heap && staticBase.base !== null && newInPython(s, staticBase)) {
      staticBase = staticBase.base;
    }
    if (constructorOwner(staticBase.builtin) !== constructorOwner(t)) {
      return s.raise(
        s.b.TypeError,
        `${t.name}.__new__(${ct.name}) is not safe, use ${staticBase.name}.__new__()`,
      );
    }
    return tpNew(cls, args + 1, nargs - 1, kwnames);
  };
}

export function installSubclassing(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  // Instance layouts: the fixed part of each builtin (a class's fields follow it), and the size
  // of the variable-size ones.
  const fixed: [PyType, number][] = [
    [b.float, FLOAT_SIZE],
    [b.complex, COMPLEX_SIZE],
    [b.str, STR_SIZE],
    [b.list, LIST_SIZE],
    [b.dict, DICT_SIZE],
    [b.set, SET_SIZE],
    [b.frozenset, SET_SIZE],
    [b.bytearray, BYTEARRAY_SIZE],
  ];
  for (const [t, size] of fixed) t.basicSize = size;
  b.int.basicSize = INT_DIGITS;
  b.int.varSize = (addr) => INT_DIGITS + 4 * Math.abs(i32[(addr + INT_SIZE_FIELD) >> 2]!);
  b.tuple.basicSize = TUPLE_ITEMS;
  b.tuple.varSize = (addr) => TUPLE_ITEMS + 4 * i32[(addr + TUPLE_LENGTH) >> 2]!;
  b.bytes.basicSize = BYTES_DATA;
  b.bytes.varSize = (addr) => bytesSize(i32[(addr + BYTES_LENGTH) >> 2]!);
  for (const t of [b.set, b.frozenset, b.bytes, b.bytearray, b.complex]) {
    i32[(t.addr + TYPE_FLAGS) >> 2]! |= TPFLAGS_BASETYPE;
  }

  // Immutable values: the base constructor makes the value, a class instance copies it.
  for (const t of [b.int, b.float, b.complex, b.str, b.tuple, b.bytes]) {
    const plain = t.slots.new!;
    t.slots.new = (type, args, nargs, kwnames) => {
      const cls = s.typeFromAddr(type & ~TAG_MASK);
      if (cls === t) return plain(type, args, nargs, kwnames);
      const value = plain(t.addr | 1, args, nargs, kwnames);
      return value === ERROR ? ERROR : subtypeWithValue(s, cls, t, value);
    };
  }
  // Mutable containers: a class instance starts empty and its __init__ fills it.
  const listNew = b.list.slots.new!;
  b.list.slots.new = (type, args, nargs, kwnames) => {
    const cls = s.typeFromAddr(type & ~TAG_MASK);
    if (cls === b.list) return listNew(type, args, nargs, kwnames);
    return newList(s, 0, cls);
  };
  b.list.methods.set("__init__", (self, args, nargs, kwnames) => {
    if (!noKeywords(s, "list", kwnames) || !checkArgCount(s, "list", nargs, 0, 1)) return ERROR;
    if (!callClear(s, b.list, self)) return ERROR;
    if (nargs === 0) return s.None;
    const items = collect(s, i32[args]!);
    if (items === null) return ERROR;
    for (let k = 0; k < items.length; k++) {
      if (listAppend(s, self, items[k]!) < 0) {
        for (let j = k + 1; j < items.length; j++) s.refs.close(items[j]!);
        return ERROR;
      }
    }
    return s.None;
  });
  b.set.methods.set("__init__", (self, args, nargs, kwnames) => {
    if (!noKeywords(s, "set", kwnames) || !checkArgCount(s, "set", nargs, 0, 1)) return ERROR;
    if (!callClear(s, b.set, self)) return ERROR;
    if (nargs === 1 && setUpdate(s, self, i32[args]!) < 0) return ERROR;
    return s.None;
  });
  const byteArrayInit = b.bytearray.slots.init!;
  b.bytearray.methods.set("__init__", (self, args, nargs, kwnames) =>
    byteArrayInit(self, args, nargs, kwnames) < 0 ? ERROR : s.None,
  );

  // Sequences accept any object with __index__ as an index (PyNumber_AsSsize_t).
  for (const t of [b.list, b.tuple, b.str, b.range, b.bytes, b.bytearray]) {
    const getitem = t.slots.getitem!;
    t.slots.getitem = (self, key) => {
      if (isInt(s, key) || s.typeOf(key) === b.slice) return getitem(self, key);
      const index = callIndex(s, key);
      if (index === ERROR) return ERROR;
      if (index === NULL) return getitem(self, key);
      const r = getitem(self, index);
      s.refs.close(index);
      return r;
    };
    const setitem = t.slots.setitem;
    if (setitem === undefined) continue;
    t.slots.setitem = (self, key, value) => {
      if (isInt(s, key) || s.typeOf(key) === b.slice) return setitem(self, key, value);
      const index = callIndex(s, key);
      if (index === ERROR) return -1;
      if (index === NULL) return setitem(self, key, value);
      const r = setitem(self, index, value);
      s.refs.close(index);
      return r;
    };
  }

  // T.__new__ of every builtin type that has a constructor.
  for (const t of s.types) {
    const tpNew = t.slots.new;
    if (tpNew === undefined || t.heap || t.classMethods.has("__new__")) continue;
    t.classMethods.set(
      "__new__",
      newWrapper(s, t, (cls, args, nargs, kwnames) => {
        const ct = s.typeFromAddr(cls & ~TAG_MASK);
        // A class's own tp_new would call its __new__ again: use the builtin's.
        return ct.heap
          ? tpNew(cls, args, nargs, kwnames)
          : ct.slots.new!(cls, args, nargs, kwnames);
      }),
    );
  }
  const objectNew = b.object.slots.new!;
  // object.__new__(cls, *args): extra arguments are an error unless only __init__ is overridden.
  b.object.classMethods.set(
    "__new__",
    newWrapper(s, b.object, (cls, args, nargs, kwnames) => {
      const ct = s.typeFromAddr(cls & ~TAG_MASK);
      if (nargs > 0 || (kwnames !== NULL && tupleLength(s, kwnames) > 0)) {
        const own = (name: string) => {
          const f = typeLookup(s, ct, name);
          return f !== null && f.kind === "value";
        };
        if (own("__new__")) {
          return s.raise(
            s.b.TypeError,
            "object.__new__() takes exactly one argument (the type to instantiate)",
          );
        }
        if (!own("__init__")) return s.raise(s.b.TypeError, `${ct.name}() takes no arguments`);
      }
      return objectNew(cls, args, 0, NULL);
    }),
  );
}
