// The bootstrap types: type, object, NoneType, bool, NotImplementedType, ellipsis, and the
// generic sequence-iterator type factory.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { Builtins } from "./builtins-types.js";
import { compareResult } from "./int.js";
import {
  BOOL_SIZE,
  BOOL_VALUE,
  SEQITER_INDEX,
  SEQITER_SEQ,
  SEQITER_SIZE,
  TPFLAGS_LONG_SUBCLASS,
  TPFLAGS_TYPE_SUBCLASS,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { CompareOp, NB, type PyType } from "./type.js";

/** An immortal instance of a header-only type (None, NotImplemented, Ellipsis). */
function newSingleton(s: ObjectSpace, type: PyType, size = 8): number {
  const addr = s.heap.allocObject(type.addr, size);
  if (addr === 0) throw new Error("heap too small for the builtin singletons");
  s.heap.makeImmortal(addr);
  return addr;
}

/** `<module.Name object at 0x...>`, CPython's default repr. */
export function defaultRepr(s: ObjectSpace, self: StackRef): StackRef {
  const type = s.typeOf(self);
  const prefix = type.module === "builtins" ? "" : `${type.module}.`;
  const id = (self & ~TAG_MASK).toString(16).padStart(12, "0");
  return s.newStr(`<${prefix}${type.name} object at 0x${id}>`);
}

export function installCore(s: ObjectSpace, b: Builtins): void {
  // `type` first: its type object is its own type.
  b.type = s.newStaticType(
    "type",
    null,
    {
      // Only classes (heap types) are ever freed: builtin types are immortal.
      dealloc: (addr) => {
        const t = s.typeFromAddr(addr);
        const dict = t.dict;
        t.dict = NULL;
        s.refs.close(dict);
        for (const base of t.bases) if (base.heap) s.refs.close(base.addr);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const t = s.typeFromAddr(self & ~TAG_MASK);
        const name = t.module === "builtins" ? t.name : `${t.module}.${t.name}`;
        return s.newStr(`<class '${name}'>`);
      },
      hash: (self) => s.hashFromNumber((self & ~TAG_MASK) >>> 3),
      call: (self, args, nargs, kwnames) => {
        const t = s.typeFromAddr(self & ~TAG_MASK);
        if (t === s.b.type && nargs === 1 && kwnames === NULL) {
          return s.newRef(s.typeAddrOf(s.i32[args]!));
        }
        const construct = t.slots.new;
        if (construct === undefined) {
          return s.raise(s.b.TypeError, `cannot create '${t.name}' instances`);
        }
        const obj = construct(self, args, nargs, kwnames);
        // type.__call__: __init__ runs when __new__ returned an instance of the class.
        const init = t.slots.init;
        if (obj === ERROR || init === undefined || !s.typeOf(obj).isSubtypeOf(t)) return obj;
        if (init(obj, args, nargs, kwnames) < 0) {
          s.refs.close(obj);
          return ERROR;
        }
        return obj;
      },
    },
    { flags: TPFLAGS_TYPE_SUBCLASS },
  );
  s.typeType = b.type;
  b.object = s.newStaticType("object", null, {
    repr: (self) => defaultRepr(s, self),
    hash: (self) => s.hashFromNumber((self & ~TAG_MASK) >>> 3),
    richcompare: (self, other, op) => {
      if (op === CompareOp.EQ) return (self & ~1) === (other & ~1) ? s.True : s.NotImplemented;
      if (op === CompareOp.NE) {
        const eq = s.richCompare(self, other, CompareOp.EQ);
        if (eq === ERROR || eq === s.NotImplemented) return eq;
        const t = s.isTrue(eq);
        s.refs.close(eq);
        return t < 0 ? ERROR : s.bool(t === 0);
      }
      return s.NotImplemented;
    },
  });
  s.objectType = b.object;
  b.type.base = b.object;
  b.type.mro = [b.type, b.object];

  b.NoneType = s.newStaticType("NoneType", b.object, {
    repr: () => s.newStr("None"),
    bool: () => 0,
    // A constant since CPython 3.12 (none_hash), so sets holding None print in a stable order.
    hash: () => s.hashFromNumber(0xfca86420),
  });
  s.noneAddr = newSingleton(s, b.NoneType);
  b.NotImplementedType = s.newStaticType("NotImplementedType", b.object, {
    repr: () => s.newStr("NotImplemented"),
    bool: () => 1, // deprecated in a boolean context, but still true in 3.13
  });
  s.notImplementedAddr = newSingleton(s, b.NotImplementedType);
  b.ellipsis = s.newStaticType("ellipsis", b.object, { repr: () => s.newStr("Ellipsis") });
  s.ellipsisAddr = newSingleton(s, b.ellipsis);
}

/** The iterator over an object that has __getitem__ but no __iter__ (CPython's PySeqIter). */
export function installSeqIterator(s: ObjectSpace, b: Builtins): void {
  b.iterator = newSeqIterType(s, "iterator", (seq, i) => {
    const item = s.getItem(seq, (i << 2) | 3);
    if (
      item === ERROR &&
      (s.isInstance(s.curexc, s.b.IndexError) || s.isInstance(s.curexc, s.b.StopIteration))
    ) {
      s.refs.close(s.fetchException());
      return NULL;
    }
    return item;
  });
}

/** bool comes after int, whose subclass it is. */
export function installBool(s: ObjectSpace, b: Builtins): void {
  const intSlots = b.int.slots;
  b.bool = s.newStaticType(
    "bool",
    b.int,
    {
      repr: (self) => s.newStr(self === s.True ? "True" : "False"),
      hash: (self) => s.hashFromNumber(self === s.True ? 1 : 0),
      bool: (self) => (self === s.True ? 1 : 0),
      richcompare: intSlots.richcompare!,
      binop: (x, y, nb, reflected) => {
        const bothBool = s.typeOf(x) === b.bool && s.typeOf(y) === b.bool;
        if (bothBool && (nb === NB.AND || nb === NB.OR || nb === NB.XOR)) {
          const p = x === s.True;
          const q = y === s.True;
          return s.bool(nb === NB.AND ? p && q : nb === NB.OR ? p || q : p !== q);
        }
        return intSlots.binop!(x, y, nb, reflected);
      },
      unary: intSlots.unary!,
    },
    { flags: TPFLAGS_LONG_SUBCLASS },
  );
  for (const v of [0, 1]) {
    const addr = newSingleton(s, b.bool, BOOL_SIZE);
    s.i32[(addr + BOOL_VALUE) >> 2] = v;
    if (v === 0) s.falseAddr = addr;
    else s.trueAddr = addr;
  }
}

/**
 * A GC-tracked iterator type over a sequence: `next(seq, i)` returns a new reference to item i,
 * or NULL at the end (the iterator then drops the sequence).
 */
export function newSeqIterType(
  s: ObjectSpace,
  name: string,
  next: (seq: StackRef, i: number) => StackRef,
): PyType {
  return s.newStaticType(
    name,
    s.objectType,
    {
      dealloc: (addr) => {
        s.refs.close(s.i32[(addr + SEQITER_SEQ) >> 2]!);
        s.heap.freeObject(addr);
      },
      iter: (self) => s.refs.dup(self),
      iternext: (self) => {
        const it = self & ~TAG_MASK;
        const i32 = s.i32;
        const seq = i32[(it + SEQITER_SEQ) >> 2]!;
        if (seq === NULL) return NULL;
        const i = i32[(it + SEQITER_INDEX) >> 2]!;
        const item = next(seq, i);
        if (item === NULL) {
          i32[(it + SEQITER_SEQ) >> 2] = NULL;
          s.refs.close(seq);
          return NULL;
        }
        i32[(it + SEQITER_INDEX) >> 2] = i + 1;
        return item;
      },
    },
    { gc: true },
  );
}

/** A new iterator of `type` (made by newSeqIterType) over `seq` (borrowed). */
export function newSeqIter(s: ObjectSpace, type: PyType, seq: StackRef): StackRef {
  const it = s.allocObject(type, SEQITER_SIZE);
  if (it === 0) return ERROR;
  s.i32[(it + SEQITER_SEQ) >> 2] = s.refs.asOwned(seq);
  s.i32[(it + SEQITER_INDEX) >> 2] = 0;
  return it;
}

export { compareResult };
