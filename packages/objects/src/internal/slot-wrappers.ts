// The special methods of builtin types as attributes (CPython's slotdefs and wrap_* functions):
// each builtin type lists the dunders it defines itself, and `int.__add__`, `(1).__lt__`,
// `dict.__setitem__` or `super().__init__` call that type's own slot. Found along the MRO like
// any builtin method, they make `super().__setitem__(k, v)` in a dict subclass reach dict's slot.
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { checkArgCount, noKeywords } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { intPowMod, intToBigInt, isInt } from "./int.js";
import type { ObjectSpace } from "./space.js";
import { isStr } from "./str.js";
import { tupleFromRefs } from "./tuple.js";
import { CompareOp, NB, type PyType, type TypeSlots, UnaryOp, type VectorCall } from "./type.js";

const COMPARE: Record<string, number> = {
  __lt__: CompareOp.LT,
  __le__: CompareOp.LE,
  __eq__: CompareOp.EQ,
  __ne__: CompareOp.NE,
  __gt__: CompareOp.GT,
  __ge__: CompareOp.GE,
};

const BINARY: Record<string, number> = {
  add: NB.ADD,
  and: NB.AND,
  floordiv: NB.FLOOR_DIVIDE,
  lshift: NB.LSHIFT,
  matmul: NB.MATRIX_MULTIPLY,
  mul: NB.MULTIPLY,
  mod: NB.REMAINDER,
  or: NB.OR,
  pow: NB.POWER,
  rshift: NB.RSHIFT,
  sub: NB.SUBTRACT,
  truediv: NB.TRUE_DIVIDE,
  xor: NB.XOR,
};

const UNARY: Record<string, number> = {
  __neg__: UnaryOp.NEGATIVE,
  __pos__: UnaryOp.POSITIVE,
  __invert__: UnaryOp.INVERT,
};

/**
 * The slot wrappers each builtin type defines itself (its own `__dict__` in CPython 3.13); the
 * rest it inherits along the MRO. Names whose behaviour is a method of the type (`__format__`,
 * `__abs__` of int...) are installed with the type's methods instead.
 */
const OWN_SLOT_WRAPPERS: Record<string, string> = {
  object:
    "__delattr__ __eq__ __ge__ __getattribute__ __gt__ __hash__ __init__ __le__ __lt__ __ne__ __repr__ __setattr__ __str__",
  type: "__call__ __delattr__ __getattribute__ __init__ __or__ __repr__ __ror__ __setattr__",
  int: "__add__ __and__ __bool__ __divmod__ __eq__ __floordiv__ __ge__ __gt__ __hash__ __invert__ __le__ __lshift__ __lt__ __mod__ __mul__ __ne__ __neg__ __or__ __pos__ __pow__ __radd__ __rand__ __rdivmod__ __repr__ __rfloordiv__ __rlshift__ __rmod__ __rmul__ __ror__ __rpow__ __rrshift__ __rshift__ __rsub__ __rtruediv__ __rxor__ __sub__ __truediv__ __xor__",
  bool: "__and__ __invert__ __or__ __rand__ __repr__ __ror__ __rxor__ __xor__",
  float:
    "__add__ __bool__ __divmod__ __eq__ __floordiv__ __ge__ __gt__ __hash__ __le__ __lt__ __mod__ __mul__ __ne__ __neg__ __pos__ __pow__ __radd__ __rdivmod__ __repr__ __rfloordiv__ __rmod__ __rmul__ __rpow__ __rsub__ __rtruediv__ __sub__ __truediv__",
  complex:
    "__add__ __bool__ __eq__ __ge__ __gt__ __hash__ __le__ __lt__ __mul__ __ne__ __neg__ __pos__ __pow__ __radd__ __repr__ __rmul__ __rpow__ __rsub__ __rtruediv__ __sub__ __truediv__",
  str: "__add__ __contains__ __eq__ __ge__ __getitem__ __gt__ __hash__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ __ne__ __repr__ __rmod__ __rmul__ __str__",
  bytes:
    "__add__ __contains__ __eq__ __ge__ __getitem__ __gt__ __hash__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ __ne__ __repr__ __rmod__ __rmul__ __str__",
  bytearray:
    "__add__ __contains__ __delitem__ __eq__ __ge__ __getitem__ __gt__ __iadd__ __imul__ __iter__ __le__ __len__ __lt__ __mod__ __mul__ __ne__ __repr__ __rmod__ __rmul__ __setitem__ __str__",
  tuple:
    "__add__ __contains__ __eq__ __ge__ __getitem__ __gt__ __hash__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ __repr__ __rmul__",
  list: "__add__ __contains__ __delitem__ __eq__ __ge__ __gt__ __iadd__ __imul__ __iter__ __le__ __len__ __lt__ __mul__ __ne__ __repr__ __rmul__ __setitem__",
  dict: "__delitem__ __eq__ __ge__ __gt__ __ior__ __iter__ __le__ __len__ __lt__ __ne__ __or__ __repr__ __ror__ __setitem__",
  set: "__and__ __eq__ __ge__ __gt__ __iand__ __ior__ __isub__ __iter__ __ixor__ __le__ __len__ __lt__ __ne__ __or__ __rand__ __repr__ __ror__ __rsub__ __rxor__ __sub__ __xor__",
  frozenset:
    "__and__ __eq__ __ge__ __gt__ __hash__ __iter__ __le__ __len__ __lt__ __ne__ __or__ __rand__ __repr__ __ror__ __rsub__ __rxor__ __sub__ __xor__",
  range:
    "__bool__ __contains__ __eq__ __ge__ __getitem__ __gt__ __hash__ __iter__ __le__ __len__ __lt__ __ne__ __repr__",
  slice: "__eq__ __ge__ __gt__ __hash__ __le__ __lt__ __ne__ __repr__",
  NoneType: "__bool__ __eq__ __ge__ __gt__ __hash__ __le__ __lt__ __ne__ __repr__",
  NotImplementedType: "__bool__ __repr__",
  ellipsis: "__repr__",
  function: "__call__ __get__ __repr__",
  method: "__call__ __eq__ __ge__ __get__ __gt__ __hash__ __le__ __lt__ __ne__ __repr__",
  builtin_function_or_method:
    "__call__ __eq__ __ge__ __gt__ __hash__ __le__ __lt__ __ne__ __repr__",
  property: "__delete__ __get__ __set__",
  classmethod: "__get__ __repr__",
  staticmethod: "__call__ __get__ __repr__",
  module: "__repr__",
  cell: "__eq__ __ge__ __gt__ __le__ __lt__ __ne__ __repr__",
  code: "__eq__ __ge__ __gt__ __hash__ __le__ __lt__ __ne__ __repr__",
  super: "__get__ __repr__",
  BaseException: "__repr__ __str__",
  method_descriptor: "__call__ __get__ __repr__",
  wrapper_descriptor: "__call__ __get__ __repr__",
  classmethod_descriptor: "__call__ __get__ __repr__",
  getset_descriptor: "__delete__ __get__ __repr__ __set__",
  member_descriptor: "__delete__ __get__ __repr__ __set__",
  "method-wrapper": "__call__ __repr__",
};

/** For types without a list: the special methods that each slot a type defines itself gives. */
const SLOT_DUNDERS: [keyof TypeSlots, string][] = [
  ["repr", "__repr__"],
  ["str", "__str__"],
  ["hash", "__hash__"],
  ["richcompare", "__eq__ __ge__ __gt__ __le__ __lt__ __ne__"],
  ["bool", "__bool__"],
  ["len", "__len__"],
  ["iter", "__iter__"],
  ["iternext", "__next__"],
  ["getitem", "__getitem__"],
  ["setitem", "__setitem__ __delitem__"],
  ["contains", "__contains__"],
  ["call", "__call__"],
  ["descrGet", "__get__"],
  ["descrSet", "__set__ __delete__"],
];

/** The special methods a type defines by its own slots (those it did not inherit). */
function ownSlotDunders(t: PyType): string {
  const base = t.base?.slots;
  const names: string[] = [];
  for (const [key, dunders] of SLOT_DUNDERS) {
    const own = t.slots[key];
    if (own !== undefined && (base === undefined || base[key] !== own)) names.push(dunders);
  }
  return names.join(" ");
}

/** Special methods that are plain methods (method_descriptor) of a type, calling its slot. */
const OWN_SLOT_METHODS: Record<string, string> = {
  list: "__getitem__",
  dict: "__contains__ __getitem__",
  set: "__contains__",
  frozenset: "__contains__",
};

/** Builtin types whose instances are unhashable: `__hash__` is None in their namespace. */
const UNHASHABLE = ["list", "dict", "set", "bytearray", "cell"];

function noKw(s: ObjectSpace, name: string, kwnames: StackRef): boolean {
  return noKeywords(s, name, kwnames);
}

/** CPython's check_num_args: exactly `n` positional arguments. */
function numArgs(s: ObjectSpace, nargs: number, n: number): boolean {
  if (nargs === n) return true;
  if (n === 0) s.raise(s.b.TypeError, `expected 0 arguments, got ${nargs}`);
  else s.raise(s.b.TypeError, `expected ${n} argument${n === 1 ? "" : "s"}, got ${nargs}`);
  return false;
}

/** An int result from a number slot (-1 with the exception set means an error). */
function intResult(s: ObjectSpace, n: number): StackRef {
  return n < 0 && s.hasException() ? ERROR : s.newInt(n);
}

function boolResult(s: ObjectSpace, n: number): StackRef {
  return n < 0 ? ERROR : s.bool(n === 1);
}

/** The wrapper calling type `t`'s slot for the special method `name`, or null if it has none. */
function slotWrapper(s: ObjectSpace, t: PyType, name: string): VectorCall | null {
  const i32 = s.i32;
  const slots = t.slots;
  const fixed =
    (n: number, f: (self: StackRef, args: number) => StackRef): VectorCall =>
    (self, args, nargs, kwnames) =>
      noKw(s, name, kwnames) && numArgs(s, nargs, n) ? f(self, args) : ERROR;
  const cmp = COMPARE[name];
  if (cmp !== undefined) {
    return fixed(1, (self, args) =>
      slots.richcompare === undefined ? s.NotImplemented : slots.richcompare(self, i32[args]!, cmp),
    );
  }
  const unary = UNARY[name];
  if (unary !== undefined) {
    return fixed(0, (self) =>
      slots.unary === undefined ? s.NotImplemented : slots.unary(self, unary),
    );
  }
  // __add__, __radd__, __iadd__ (and __rshift__, which is not a reflected "shift").
  const m = /^__(r|i)?(\w+?)__$/.exec(name);
  const plain = m !== null && BINARY[`${m[1] ?? ""}${m[2]}`] !== undefined;
  const nb = m === null ? undefined : plain ? BINARY[`${m[1] ?? ""}${m[2]}`] : BINARY[m[2]!];
  if (m !== null && nb !== undefined && slots.binop !== undefined) {
    const binop = slots.binop;
    const reflected = !plain && m[1] === "r";
    const op = !plain && m[1] === "i" ? nb + NB.INPLACE_ADD : nb;
    const two = (self: StackRef, other: StackRef) =>
      reflected ? binop(other, self, op, true) : binop(self, other, op, false);
    if (nb !== NB.POWER) return fixed(1, (self, args) => two(self, i32[args]!));
    // __pow__(value, mod=None): three-argument pow goes through the type's method.
    return (self, args, nargs, kwnames) => {
      if (!noKw(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 2)) return ERROR;
      if (nargs === 1 || i32[args + 1] === s.None) return two(self, i32[args]!);
      const [base, exp, mod] = reflected
        ? [i32[args]!, self, i32[args + 1]!]
        : [self, i32[args]!, i32[args + 1]!];
      if (!isInt(s, base) || !isInt(s, exp) || !isInt(s, mod)) {
        if (isInt(s, self) && !isInt(s, base === self ? exp : base)) return s.NotImplemented;
        return s.raise(
          s.b.TypeError,
          "pow() 3rd argument not allowed unless all arguments are integers",
        );
      }
      return intPowMod(s, intToBigInt(s, base), intToBigInt(s, exp), intToBigInt(s, mod));
    };
  }
  switch (name) {
    case "__divmod__":
    case "__rdivmod__": {
      if (slots.binop === undefined) return null;
      const binop = slots.binop;
      const reflected = name === "__rdivmod__";
      return fixed(1, (self, args) => {
        const [a, b] = reflected ? [i32[args]!, self] : [self, i32[args]!];
        const q = binop(a, b, NB.FLOOR_DIVIDE, reflected);
        if (q === ERROR && t === s.b.float && s.isInstance(s.curexc, s.b.ZeroDivisionError)) {
          return s.raise(s.b.ZeroDivisionError, "float divmod()");
        }
        if (q === ERROR || q === s.NotImplemented) return q;
        const r = binop(a, b, NB.REMAINDER, reflected);
        if (r === ERROR || r === s.NotImplemented) {
          s.refs.close(q);
          return r;
        }
        return tupleFromRefs(s, [q, r]);
      });
    }
    case "__repr__":
      return slots.repr === undefined ? null : fixed(0, (self) => slots.repr!(self));
    case "__str__":
      return fixed(0, (self) => (slots.str ?? slots.repr)!(self));
    case "__hash__":
      return slots.hash === undefined
        ? null
        : fixed(0, (self) => {
            const lo = slots.hash!(self);
            if (lo === -1 && s.hashHi === -1 && s.hasException()) return ERROR;
            return s.newInt(BigInt.asIntN(64, (BigInt(s.hashHi >>> 0) << 32n) | BigInt(lo >>> 0)));
          });
    case "__bool__":
      return slots.bool === undefined ? null : fixed(0, (self) => boolResult(s, slots.bool!(self)));
    case "__len__":
      return slots.len === undefined ? null : fixed(0, (self) => intResult(s, slots.len!(self)));
    case "__getitem__":
      return slots.getitem === undefined
        ? null
        : fixed(1, (self, args) => slots.getitem!(self, i32[args]!));
    case "__setitem__":
      return slots.setitem === undefined
        ? null
        : fixed(2, (self, args) =>
            slots.setitem!(self, i32[args]!, i32[args + 1]!) < 0 ? ERROR : s.None,
          );
    case "__delitem__":
      return slots.setitem === undefined
        ? null
        : fixed(1, (self, args) => (slots.setitem!(self, i32[args]!, NULL) < 0 ? ERROR : s.None));
    case "__contains__":
      return slots.contains === undefined
        ? null
        : fixed(1, (self, args) => boolResult(s, slots.contains!(self, i32[args]!)));
    case "__iter__":
      return slots.iter === undefined ? null : fixed(0, (self) => slots.iter!(self));
    case "__next__":
      return slots.iternext === undefined
        ? null
        : fixed(0, (self) => {
            const r = slots.iternext!(self);
            return r === NULL ? s.raise(s.b.StopIteration, "") : r;
          });
    case "__call__":
      return slots.call === undefined
        ? null
        : (self, args, nargs, kwnames) => slots.call!(self, args, nargs, kwnames);
    case "__get__":
      return slots.descrGet === undefined
        ? null
        : (self, args, nargs, kwnames) => {
            if (!noKw(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 2)) return ERROR;
            const obj = i32[args]! === s.None ? NULL : i32[args]!;
            const type = nargs < 2 || i32[args + 1]! === s.None ? NULL : i32[args + 1]!;
            if (obj === NULL && type === NULL) {
              return s.raise(s.b.TypeError, "__get__(None, None) is invalid");
            }
            return slots.descrGet!(self, obj, type);
          };
    case "__set__":
      return slots.descrSet === undefined
        ? null
        : fixed(2, (self, args) =>
            slots.descrSet!(self, i32[args]!, i32[args + 1]!) < 0 ? ERROR : s.None,
          );
    case "__delete__":
      return slots.descrSet === undefined
        ? null
        : fixed(1, (self, args) => (slots.descrSet!(self, i32[args]!, NULL) < 0 ? ERROR : s.None));
    case "__getattribute__":
      return slots.getattr === undefined
        ? null
        : fixed(1, (self, args) => {
            const name = i32[args]!;
            if (!isStr(s, name)) {
              return s.raise(
                s.b.TypeError,
                `attribute name must be string, not '${s.typeOf(name).name}'`,
              );
            }
            return slots.getattr!(self, name);
          });
    case "__init__":
      return slots.init === undefined
        ? null
        : (self, args, nargs, kwnames) =>
            slots.init!(self, args, nargs, kwnames) < 0 ? ERROR : s.None;
  }
  return null;
}

/** Which slot each special method derived from slots calls (for types made later). */
const DUNDER_SLOT = new Map<string, keyof TypeSlots>(
  SLOT_DUNDERS.flatMap(([key, names]) => names.split(" ").map((n) => [n, key] as const)),
);

/**
 * The slot wrapper `name` of a builtin type made after the bootstrap (an iterator of a standard
 * module): made on first lookup when the type defines that slot itself, then kept.
 */
export function lateSlotWrapper(s: ObjectSpace, t: PyType, name: string): VectorCall | undefined {
  const key = DUNDER_SLOT.get(name);
  if (key === undefined || OWN_SLOT_WRAPPERS[t.name] !== undefined || t.heap) return undefined;
  const own = t.slots[key];
  if (own === undefined || t.base?.slots[key] === own) return undefined;
  const impl = slotWrapper(s, t, name);
  if (impl === null) return undefined;
  t.methods.set(name, impl);
  t.slotWrappers.add(name);
  return impl;
}

/** The special methods a builtin type has through its own slots, for dir(). */
export function slotDunderNames(t: PyType): string[] {
  if (OWN_SLOT_WRAPPERS[t.name] !== undefined || t.heap) return [];
  const names = ownSlotDunders(t);
  return names === "" ? [] : names.split(" ");
}

export function installSlotWrappers(s: ObjectSpace, b: Builtins): void {
  for (const t of s.types) {
    if (t.heap) continue;
    for (const [table, wrapper] of [
      [OWN_SLOT_WRAPPERS, true],
      [OWN_SLOT_METHODS, false],
    ] as const) {
      const names = table[t.name] ?? (wrapper ? ownSlotDunders(t) : undefined);
      if (names === undefined || names === "") continue;
      for (const name of names.split(" ")) {
        // A method the type already has (object.__eq__, dict.__init__) keeps its
        // implementation.
        if (!t.methods.has(name)) {
          const impl = slotWrapper(s, t, name);
          if (impl === null) continue; // a slot Skein's type does not have (yet)
          t.methods.set(name, impl);
        }
        if (wrapper) t.slotWrappers.add(name);
      }
    }
  }
  // type.__init__ accepts what type() accepts and does nothing (type_init).
  b.type.methods.set("__init__", (_self, _args, nargs, kwnames) => {
    if (nargs !== 1 && nargs !== 3 && (kwnames === NULL || nargs === 0)) {
      return s.raise(s.b.TypeError, "type.__init__() takes 1 or 3 arguments");
    }
    return s.None;
  });
  b.type.slotWrappers.add("__init__");
  for (const name of UNHASHABLE) {
    const t = s.types.find((c) => c.name === name && !c.heap);
    if (t !== undefined) t.attrs.set("__hash__", s.None);
  }
}
