// Classes defined in Python (heap types), instances, attribute lookup with descriptors
// (CPython's PyObject_GenericGetAttr and type_getattro), bound methods, property, classmethod,
// staticmethod, and the special-method slots that call Python dunders.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords, parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { defaultRepr } from "./core.js";
import {
  bindBuiltinMethod,
  builtinDescriptor,
  builtinNamespace,
  newMappingProxy,
} from "./descr.js";
import {
  dictGetItem,
  dictNextEntry,
  dictSetItem,
  entryKey,
  entryValue,
  isDict,
  newDict,
} from "./dict.js";
import { isExceptionType } from "./exceptions.js";
import { newBuiltin, setFunctionCode } from "./func.js";
import { intHash, intToBigInt, isInt } from "./int.js";
import * as LAYOUT from "./layout.js";
import {
  FUNC_DICT,
  TPFLAGS_BASETYPE,
  TPFLAGS_HAVE_GC,
  TPFLAGS_HEAPTYPE,
  TYPE_FLAGS,
  TYPE_JS,
  TYPE_SIZE,
  TYPE_VERSION,
} from "./layout.js";
import { lateSlotWrapper } from "./slot-wrappers.js";
import { addsSlots, classLayout } from "./slots.js";
import type { ObjectSpace } from "./space.js";
import { strValue } from "./str.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { CompareOp, NB, type PyType, type TypeSlots, UnaryOp, type VectorCall } from "./type.js";

// Bound method: [func][self]; property: [fget][fset][fdel][doc]; classmethod/staticmethod: [f].
const METHOD_FUNC = 8;
const METHOD_SELF = 12;
const METHOD_SIZE = 16;
const PROP_GET = 8;
const PROP_SET = 12;
const PROP_DEL = 16;
const PROP_DOC = 20;
const PROP_NAME = 24; // set by __set_name__
const PROP_SIZE = 28;
const WRAP_FUNC = 8;
const WRAP_DICT = 12;
const WRAP_SIZE = 16;

/** What a name resolves to along a type's MRO. */
export type Found =
  | { readonly kind: "value"; readonly ref: StackRef; readonly owner: PyType }
  | {
      readonly kind: "method";
      readonly impl: VectorCall;
      readonly owner: PyType;
      readonly name?: string;
    }
  | {
      readonly kind: "classmethod";
      readonly impl: VectorCall;
      readonly owner: PyType;
      readonly name?: string;
    }
  | {
      readonly kind: "getset";
      readonly get: (self: StackRef) => StackRef;
      readonly set?: (self: StackRef, v: StackRef) => number;
      readonly owner: PyType;
    };

/**
 * typeLookup's results for classes defined in Python (CPython's type attribute cache), valid
 * while the class's version tag is unchanged: every change to a class renews the tags of the
 * class and its subclasses (modifiedTypeTree).
 */
const lookupCaches = new WeakMap<PyType, { version: number; found: Map<string, Found | null> }>();

/** CPython's _PyType_Lookup: the first definition of `name` along the MRO (borrowed). */
export function typeLookup(s: ObjectSpace, t: PyType, name: string): Found | null {
  if (!t.heap) return lookupMro(s, t, name);
  const version = s.i32[(t.addr + TYPE_VERSION) >> 2]!;
  let cache = lookupCaches.get(t);
  if (cache === undefined || cache.version !== version) {
    cache = { version, found: new Map() };
    lookupCaches.set(t, cache);
  }
  let found = cache.found.get(name);
  if (found === undefined) {
    found = lookupMro(s, t, name);
    cache.found.set(name, found);
  }
  return found;
}

function lookupMro(s: ObjectSpace, t: PyType, name: string): Found | null {
  for (const c of t.mro) {
    const f = lookupIn(s, c, name);
    if (f === "error") {
      s.refs.close(s.fetchException());
      continue;
    }
    if (f !== null) return f;
  }
  return null;
}

/** `name` in the namespace of one class of an MRO: null if absent, "error" (set) on error. */
function lookupIn(s: ObjectSpace, c: PyType, name: string): Found | null | "error" {
  if (c.heap) {
    const v = dictGetItem(s, c.dict, s.intern(name));
    if (v === ERROR) return "error";
    return v === NULL ? null : { kind: "value", ref: v, owner: c };
  }
  const m = c.methods.get(name) ?? lateSlotWrapper(s, c, name);
  if (m !== undefined) return { kind: "method", impl: m, owner: c };
  const cm = c.classMethods.get(name);
  if (cm !== undefined) return { kind: "classmethod", impl: cm, owner: c };
  const gs = c.getsets.get(name);
  if (gs !== undefined)
    return { kind: "getset", get: gs.get, ...(gs.set ? { set: gs.set } : {}), owner: c };
  const v = c.attrs.get(name);
  return v === undefined ? null : { kind: "value", ref: v, owner: c };
}

/** The i32 index of an instance's `__dict__` slot, or -1 when its type has none. */
function dictSlot(s: ObjectSpace, obj: StackRef): number {
  if ((obj & TAG_MASK) === 3) return -1;
  const t = s.typeOf(obj);
  const off = t.dictOffset;
  if (off === 0) return -1;
  const addr = obj & ~TAG_MASK;
  return off > 0 ? (addr + off) >> 2 : (addr - off + t.fieldDelta(addr)) >> 2;
}

/** The instance's `__dict__` (borrowed), created on demand; NULL when it cannot have one. */
export function instanceDict(s: ObjectSpace, obj: StackRef, create: boolean): StackRef {
  const slot = dictSlot(s, obj);
  if (slot < 0) return NULL;
  let d = s.i32[slot]!;
  if (d === NULL && create) {
    d = newDict(s);
    if (d === ERROR) return ERROR;
    // CPython keeps instance attributes inline: this dict does not count toward gc.get_count().
    s.heap.uncount(d & ~TAG_MASK);
    s.i32[slot] = d;
  }
  return d;
}

/** Bind a found attribute to `obj` (functions become bound methods; descriptors run). */
function bindFound(s: ObjectSpace, f: Found, obj: StackRef, type: PyType): StackRef {
  switch (f.kind) {
    case "method":
      return bindBuiltinMethod(s, f.owner, nameOfImpl(f), f.impl, obj);
    case "classmethod":
      return newBuiltin(s, nameOfImpl(f), f.impl, type.addr | 1, f.owner.name);
    case "getset":
      return f.get(obj);
    case "value": {
      const get = s.typeOf(f.ref).slots.descrGet;
      if (get !== undefined) return get(f.ref, obj, type.addr | 1);
      return s.refs.asOwned(f.ref);
    }
  }
}

function nameOfImpl(f: Found & { kind: "method" | "classmethod" }): string {
  return f.name ?? "";
}

function isDataDescriptor(s: ObjectSpace, f: Found): boolean {
  if (f.kind === "getset") return true;
  if (f.kind !== "value") return false;
  return s.typeOf(f.ref).slots.descrSet !== undefined;
}

function noAttribute(s: ObjectSpace, obj: StackRef, name: string): StackRef {
  return s.raise(s.b.AttributeError, `'${s.typeOf(obj).name}' object has no attribute '${name}'`);
}

/** PyObject_GenericGetAttr without `__getattr__`: NULL (no exception) when not found. */
export function genericGetAttrOrNull(s: ObjectSpace, obj: StackRef, name: string): StackRef {
  const t = s.typeOf(obj);
  const found = lookupNamed(s, t, name);
  if (found !== null && isDataDescriptor(s, found)) return bindFound(s, found, obj, t);
  const d = instanceDict(s, obj, false);
  if (d !== NULL && d !== ERROR) {
    const v = dictGetItem(s, d, s.intern(name));
    if (v === ERROR) return ERROR;
    if (v !== NULL) return s.refs.asOwned(v);
  }
  if (found !== null) return bindFound(s, found, obj, t);
  return NULL;
}

/** typeLookup, remembering the name for builtin methods bound from the result. */
function lookupNamed(s: ObjectSpace, t: PyType, name: string): Found | null {
  const f = typeLookup(s, t, name);
  if (f !== null && (f.kind === "method" || f.kind === "classmethod")) return { ...f, name };
  return f;
}

/** getattr(obj, name) through the object's type: `__getattribute__`, then `__getattr__`. */
export function genericGetAttr(s: ObjectSpace, obj: StackRef, nameRef: StackRef): StackRef {
  const name = strValue(s, nameRef);
  const t = s.typeOf(obj);
  if (t.heap) {
    const ga = typeLookup(s, t, "__getattribute__");
    if (ga !== null && ga.kind === "value") {
      const r = s.call(ga.ref, [obj, nameRef]);
      if (r !== ERROR || !s.isInstance(s.curexc, s.b.AttributeError)) return r;
      return callGetattrHook(s, t, obj, nameRef);
    }
  }
  const r = genericGetAttrOrNull(s, obj, name);
  if (r !== NULL) return r;
  if (t.heap) return callGetattrHook(s, t, obj, nameRef);
  return noAttribute(s, obj, name);
}

function callGetattrHook(s: ObjectSpace, t: PyType, obj: StackRef, nameRef: StackRef): StackRef {
  const hook = typeLookup(s, t, "__getattr__");
  if (hook !== null && hook.kind === "value") {
    if (s.hasException()) s.refs.close(s.fetchException());
    return s.call(hook.ref, [obj, nameRef]);
  }
  if (s.hasException()) return ERROR;
  return noAttribute(s, obj, strValue(s, nameRef));
}

/** setattr(obj, name, value) (delete when value is NULL): descriptors, then the instance dict. */
export function genericSetAttr(
  s: ObjectSpace,
  obj: StackRef,
  nameRef: StackRef,
  value: StackRef,
): number {
  const name = strValue(s, nameRef);
  const t = s.typeOf(obj);
  if (t.heap) {
    const hook = typeLookup(s, t, value === NULL ? "__delattr__" : "__setattr__");
    if (hook !== null && hook.kind === "value") {
      const r = s.call(hook.ref, value === NULL ? [obj, nameRef] : [obj, nameRef, value]);
      if (r === ERROR) return -1;
      s.refs.close(r);
      return 0;
    }
  }
  const found = typeLookup(s, t, name);
  if (found !== null) {
    if (found.kind === "getset") {
      if (found.set === undefined) {
        s.raise(
          s.b.AttributeError,
          `attribute '${name}' of '${found.owner.name}' objects is not writable`,
        );
        return -1;
      }
      return found.set(obj, value);
    }
    if (found.kind === "value") {
      const set = s.typeOf(found.ref).slots.descrSet;
      if (set !== undefined) return set(found.ref, obj, value);
    }
  }
  const d = instanceDict(s, obj, true);
  if (d === ERROR) return -1;
  if (d === NULL) {
    if (found !== null && (found.kind === "method" || found.kind === "classmethod")) {
      s.raise(s.b.AttributeError, `'${t.name}' object attribute '${name}' is read-only`);
    } else {
      s.raise(
        s.b.AttributeError,
        `'${t.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`,
      );
    }
    return -1;
  }
  if (value === NULL) {
    const v = dictGetItem(s, d, nameRef);
    if (v === NULL) {
      noAttribute(s, obj, name);
      return -1;
    }
    return s.setItem(d, nameRef, NULL);
  }
  return dictSetItem(s, d, nameRef, value);
}

/** getattr(cls, name): the metatype's data descriptors, then the class's MRO, then the metatype. */
export function typeGetAttr(s: ObjectSpace, cls: StackRef, nameRef: StackRef): StackRef {
  const t = s.typeFromAddr(cls & ~TAG_MASK);
  const meta = s.typeOf(cls);
  const name = strValue(s, nameRef);
  const metaFound = lookupNamed(s, meta, name);
  if (metaFound !== null && isDataDescriptor(s, metaFound))
    return bindFound(s, metaFound, cls, meta);
  const found = lookupNamed(s, t, name);
  if (found !== null) {
    switch (found.kind) {
      case "value": {
        const get = s.typeOf(found.ref).slots.descrGet;
        if (get !== undefined) return get(found.ref, NULL, cls);
        return s.refs.asOwned(found.ref);
      }
      case "classmethod":
        return newBuiltin(s, name, found.impl, cls, found.owner.name);
      case "method":
        return methodDescriptor(s, found.owner, name, found.impl);
      case "getset": {
        const gs = found.owner.getsets.get(name)!;
        return s.refs.asOwned(builtinDescriptor(s, found.owner, name, "getset", gs));
      }
    }
  }
  if (metaFound !== null) return bindFound(s, metaFound, cls, meta);
  return s.raise(s.b.AttributeError, `type object '${t.name}' has no attribute '${name}'`);
}

/** A builtin method looked up on its class (`str.join`, `int.__add__`): its descriptor. */
function methodDescriptor(s: ObjectSpace, owner: PyType, name: string, impl: VectorCall): StackRef {
  const kind = owner.slotWrappers.has(name) ? "wrapper" : "method";
  return s.refs.asOwned(builtinDescriptor(s, owner, name, kind, impl));
}

/** type.__setattr__: store in a class's namespace; builtin types are immutable. */
export function typeSetAttr(
  s: ObjectSpace,
  cls: StackRef,
  nameRef: StackRef,
  value: StackRef,
): number {
  const t = s.typeFromAddr(cls & ~TAG_MASK);
  if (!t.heap) {
    s.raise(
      s.b.TypeError,
      `cannot set '${strValue(s, nameRef)}' attribute of immutable type '${t.name}'`,
    );
    return -1;
  }
  const r = s.setItem(t.dict, nameRef, value);
  if (r === 0) {
    modifiedTypeTree(s, t);
    // A special method assigned or deleted after class creation: the slots of the class and
    // its subclasses follow (CPython's update_slot).
    const name = strValue(s, nameRef);
    if (name.startsWith("__") && name.endsWith("__")) {
      for (const c of s.types) if (c.heap && c.isSubtypeOf(t)) refreshClassSlots(s, c);
    }
  }
  return r;
}

/** Recompute a class's dunder slots from its namespace and bases. */
function refreshClassSlots(s: ObjectSpace, t: PyType): void {
  const fresh = classSlots(s, t);
  const slots = t.slots as Record<string, unknown>;
  for (const key of CLASS_SLOT_KEYS) if (!(key in fresh)) delete slots[key];
  Object.assign(t.slots, fresh);
}

/** A class changed: it and every subclass get new versions (specializations deopt). */
export function modifiedTypeTree(s: ObjectSpace, t: PyType): void {
  for (const other of s.types) if (other.isSubtypeOf(t)) s.modifiedType(other);
}

// ---- C3 linearization ----

function c3(s: ObjectSpace, t: PyType, bases: PyType[]): PyType[] | null {
  const seqs = [...bases.map((b) => [...b.mro]), [...bases]];
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((q) => q.length > 0);
    if (nonEmpty.length === 0) return out;
    let candidate: PyType | null = null;
    for (const q of nonEmpty) {
      const head = q[0]!;
      if (!nonEmpty.some((r) => r.indexOf(head) > 0)) {
        candidate = head;
        break;
      }
    }
    if (candidate === null) {
      const names = bases.map((b) => b.name).join(", ");
      s.raise(
        s.b.TypeError,
        `Cannot create a consistent method resolution order (MRO) for bases ${names}`,
      );
      return null;
    }
    out.push(candidate);
    for (const q of nonEmpty) if (q[0] === candidate) q.shift();
  }
}

// ---- special methods of classes ----

/** Per plain operator (NB.ADD ... NB.XOR): its method, its reflected method, its in-place method. */
export const BINOP_DUNDERS: readonly [string, string, string][] = [
  ["__add__", "__radd__", "__iadd__"],
  ["__and__", "__rand__", "__iand__"],
  ["__floordiv__", "__rfloordiv__", "__ifloordiv__"],
  ["__lshift__", "__rlshift__", "__ilshift__"],
  ["__matmul__", "__rmatmul__", "__imatmul__"],
  ["__mul__", "__rmul__", "__imul__"],
  ["__mod__", "__rmod__", "__imod__"],
  ["__or__", "__ror__", "__ior__"],
  ["__pow__", "__rpow__", "__ipow__"],
  ["__rshift__", "__rrshift__", "__irshift__"],
  ["__sub__", "__rsub__", "__isub__"],
  ["__truediv__", "__rtruediv__", "__itruediv__"],
  ["__xor__", "__rxor__", "__ixor__"],
];
/** Per CompareOp: the rich comparison method. */
export const COMPARE_DUNDERS = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

/** The protocols that say so when a class sets their method to None. */
const NONE_BLOCKED: Record<string, string> = {
  __hash__: "not hashable",
  __iter__: "not iterable",
  __contains__: "not a container",
};

/** Call the dunder `name` found on obj's class (MRO of classes only), or return NULL. */
function callDunder(
  s: ObjectSpace,
  obj: StackRef,
  name: string,
  args: readonly StackRef[],
): StackRef {
  const f = typeLookup(s, s.typeOf(obj), name);
  if (f === null || f.kind !== "value") return NULL;
  if (f.ref === s.None) {
    // A class that blocks the method with None: the protocols that check for it say what is
    // missing; the others call the None (CPython's slot functions call what they looked up).
    const what = NONE_BLOCKED[name];
    return s.raise(
      s.b.TypeError,
      what === undefined
        ? "'NoneType' object is not callable"
        : `'${s.typeOf(obj).name}' object is ${what}`,
    );
  }
  return callDescriptor(s, f.ref, obj, args);
}

/**
 * Call the special method `name` of obj's type with `args` (borrowed), found along the MRO as
 * CPython's lookup of special methods does (never in the instance): NULL when the type has none.
 */
export function callSpecial(
  s: ObjectSpace,
  obj: StackRef,
  name: string,
  args: readonly StackRef[],
): StackRef {
  const t = s.typeOf(obj);
  const f = typeLookup(s, t, name);
  if (f === null) return NULL;
  switch (f.kind) {
    case "method":
      return s.callImpl(f.impl, obj, args);
    case "classmethod":
      return s.callImpl(f.impl, t.addr | 1, args);
    case "getset": {
      const v = f.get(obj);
      if (v === ERROR) return ERROR;
      const r = s.call(v, args);
      s.refs.close(v);
      return r;
    }
    case "value":
      if (f.ref === s.None) {
        return s.raise(s.b.TypeError, `'${t.name}' object is not callable`);
      }
      return callDescriptor(s, f.ref, obj, args);
  }
}

/**
 * operator.index(v) for a non-int: `__index__` of its type, which must return an int (a new
 * reference); NULL when the type has none, ERROR on error.
 */
export function callIndex(s: ObjectSpace, v: StackRef): StackRef {
  const r = callSpecial(s, v, "__index__", []);
  if (r === NULL || r === ERROR) return r;
  if (!isInt(s, r)) {
    const name = s.typeOf(r).name;
    s.refs.close(r);
    return s.raise(s.b.TypeError, `__index__ returned non-int (type ${name})`);
  }
  return r;
}

/** Call a class attribute as a method of obj (binding through __get__ when it has one). */
function callDescriptor(
  s: ObjectSpace,
  attr: StackRef,
  obj: StackRef,
  args: readonly StackRef[],
): StackRef {
  if (s.typeOf(attr) === s.b.function) return s.call(attr, [obj, ...args]);
  const get = s.typeOf(attr).slots.descrGet;
  if (get === undefined) return s.call(attr, args);
  const bound = get(attr, obj, s.typeAddrOf(obj) | 1);
  if (bound === ERROR) return ERROR;
  const r = s.call(bound, args);
  s.refs.close(bound);
  return r;
}

/** Whether a class (not a builtin base) defines `name` somewhere in its MRO. */
function classDefines(s: ObjectSpace, t: PyType, name: string): boolean {
  const f = typeLookup(s, t, name);
  return f !== null && f.kind === "value" && f.owner.heap;
}

/** The slot of the nearest builtin type in the MRO (what a class inherits when it does not override). */
function builtinSlot<K extends keyof TypeSlots>(
  t: PyType,
  key: K,
): NonNullable<TypeSlots[K]> | undefined {
  for (const c of t.mro) {
    const slot = c.slots[key];
    if (!c.heap && slot !== undefined) return slot as NonNullable<TypeSlots[K]>;
  }
  return undefined;
}

function asLength(s: ObjectSpace, r: StackRef, what: string): number {
  if (r === ERROR) return -1;
  if ((r & TAG_MASK) !== 3) {
    const t = s.typeOf(r).name;
    s.refs.close(r);
    s.raise(s.b.TypeError, `'${t}' object cannot be interpreted as an integer`);
    return -1;
  }
  const n = r >> 2;
  if (n < 0) {
    s.raise(s.b.ValueError, `${what}() should return >= 0`);
    return -1;
  }
  return n;
}

/**
 * The builtin whose instance layout `t`'s instances have (CPython's solid_base): its builtin
 * part, up past the builtin subclasses that add no fields (KeyError's is BaseException's).
 */
export function solidBase(t: PyType): PyType {
  let k: PyType = t;
  while (k.heap && !addsSlots(k) && k.base !== null) k = k.base;
  if (k.heap) return k;
  let c = t.builtin;
  while (c.base !== null && c.basicSize === c.base.basicSize && c.varSize === c.base.varSize) {
    c = c.base;
  }
  return c;
}

/** The slots classSlots may leave unset (a class without __len__ has no len slot). */
const CLASS_SLOT_KEYS = [
  "len",
  "iter",
  "iternext",
  "getitem",
  "setitem",
  "contains",
  "descrSet",
  "descrGet",
  "call",
] as const;

/** Slots for a class: each calls the Python dunder when the class defines it. */
function classSlots(s: ObjectSpace, t: PyType): TypeSlots {
  const base = <K extends keyof TypeSlots>(k: K) => builtinSlot(t, k);
  const slots: TypeSlots = {
    repr: (self) => {
      const r = callDunder(s, self, "__repr__", []);
      if (r !== NULL) return checkStrResult(s, r, "__repr__");
      return base("repr")!(self);
    },
    str: (self) => {
      if (classDefines(s, t, "__str__"))
        return checkStrResult(s, callDunder(s, self, "__str__", []), "__str__");
      // Without a __str__ of its own, a class uses its builtin base's str (an exception's
      // message), or its repr when the base has none (object).
      const inherited = base("str");
      return inherited !== undefined ? inherited(self) : slots.repr!(self);
    },
    hash: (self) => {
      const f = typeLookup(s, s.typeOf(self), "__hash__");
      if (f !== null && f.kind === "value" && f.owner.heap) {
        if (f.ref === s.None) return s.unhashable(self);
        const r = callDescriptor(s, f.ref, self, []);
        if (r === ERROR) {
          s.hashHi = -1;
          return -1;
        }
        if (!s.isInstance(r, s.b.int)) {
          s.refs.close(r);
          s.raise(s.b.TypeError, "__hash__ method should return an integer");
          s.hashHi = -1;
          return -1;
        }
        // A result that fits in 64 bits is the hash itself (slot_tp_hash), -1 becoming -2.
        const v = intToBigInt(s, r);
        s.refs.close(r);
        if (v === BigInt.asIntN(64, v)) return s.hashFromBigInt(v === -1n ? -2n : v);
        return s.hashFromBigInt(intHash(v));
      }
      return base("hash")!(self);
    },
    richcompare: (self, other, op) => {
      const name = COMPARE_DUNDERS[op]!;
      if (classDefines(s, s.typeOf(self), name)) return callDunder(s, self, name, [other]);
      if (op === CompareOp.NE && classDefines(s, s.typeOf(self), "__eq__")) {
        const eq = callDunder(s, self, "__eq__", [other]);
        if (eq === ERROR || eq === s.NotImplemented) return eq;
        const truth = s.isTrue(eq);
        s.refs.close(eq);
        return truth < 0 ? ERROR : s.bool(truth === 0);
      }
      const b = base("richcompare");
      return b === undefined ? s.NotImplemented : b(self, other, op);
    },
    bool: (self) => {
      if (classDefines(s, t, "__bool__")) {
        const r = callDunder(s, self, "__bool__", []);
        if (r === ERROR) return -1;
        if (r !== s.True && r !== s.False) {
          s.refs.close(r);
          s.raise(s.b.TypeError, `__bool__ should return bool, returned ${s.typeOf(r).name}`);
          return -1;
        }
        return r === s.True ? 1 : 0;
      }
      if (classDefines(s, t, "__len__"))
        return slots.len!(self) > 0 ? 1 : s.hasException() ? -1 : 0;
      const b = base("bool");
      if (b !== undefined) return b(self);
      const l = base("len");
      if (l !== undefined) {
        const n = l(self);
        return n < 0 ? -1 : n > 0 ? 1 : 0;
      }
      return 1;
    },
    binop: (a, b, nb, reflected) => {
      const inplace = nb >= NB.INPLACE_ADD && nb <= NB.INPLACE_XOR;
      const dunders = BINOP_DUNDERS[inplace ? nb - NB.INPLACE_ADD : nb];
      if (dunders !== undefined) {
        const self = reflected ? b : a;
        const name = inplace ? dunders[2] : reflected ? dunders[1] : dunders[0];
        if (classDefines(s, s.typeOf(self), name)) {
          return callDunder(s, self, name, [reflected ? a : b]);
        }
      }
      const bs = base("binop");
      return bs === undefined ? s.NotImplemented : bs(a, b, nb, reflected);
    },
    unary: (self, op) => {
      const name =
        op === UnaryOp.NEGATIVE ? "__neg__" : op === UnaryOp.POSITIVE ? "__pos__" : "__invert__";
      if (classDefines(s, t, name)) return callDunder(s, self, name, []);
      const b = base("unary");
      return b === undefined ? s.NotImplemented : b(self, op);
    },
    // A metaclass's instances are classes: their attributes come from their MRO (type_getattro)
    // unless the metaclass hooks attribute access itself.
    getattr: (self, name) =>
      t.isSubtypeOf(s.b.type) &&
      !classDefines(s, t, "__getattribute__") &&
      !classDefines(s, t, "__getattr__")
        ? typeGetAttr(s, self, name)
        : genericGetAttr(s, self, name),
    setattr: (self, name, value) =>
      t.isSubtypeOf(s.b.type) &&
      !classDefines(s, t, "__setattr__") &&
      !classDefines(s, t, "__delattr__")
        ? typeSetAttr(s, self, name, value)
        : genericSetAttr(s, self, name, value),
    descrGet: (self, obj, type) => {
      const r = callDunder(s, self, "__get__", [obj === NULL ? s.None : obj, type]);
      return r;
    },
  };
  const optional: [keyof TypeSlots, string][] = [
    ["len", "__len__"],
    ["iter", "__iter__"],
    ["iternext", "__next__"],
    ["getitem", "__getitem__"],
    ["setitem", "__setitem__"],
    ["contains", "__contains__"],
    ["descrSet", "__set__"],
    ["call", "__call__"],
  ];
  for (const [key, name] of optional) {
    if (!classDefines(s, t, name) && !(key === "setitem" && classDefines(s, t, "__delitem__"))) {
      const b = base(key);
      if (b !== undefined) (slots as Record<string, unknown>)[key] = b;
      continue;
    }
    switch (key) {
      case "len":
        slots.len = (self) => asLength(s, callDunder(s, self, "__len__", []), "__len__");
        break;
      case "iter":
        slots.iter = (self) => {
          const r = callDunder(s, self, "__iter__", []);
          if (r !== ERROR && s.typeOf(r).slots.iternext === undefined) {
            const name = s.typeOf(r).name;
            s.refs.close(r);
            return s.raise(s.b.TypeError, `iter() returned non-iterator of type '${name}'`);
          }
          return r;
        };
        break;
      case "iternext":
        slots.iternext = (self) => {
          const r = callDunder(s, self, "__next__", []);
          if (r === ERROR && s.isInstance(s.curexc, s.b.StopIteration)) {
            s.refs.close(s.fetchException());
            return NULL;
          }
          return r;
        };
        break;
      case "getitem":
        slots.getitem = (self, key) => callDunder(s, self, "__getitem__", [key]);
        break;
      case "setitem":
        slots.setitem = (self, key, value) => {
          const r =
            value === NULL
              ? callDunder(s, self, "__delitem__", [key])
              : callDunder(s, self, "__setitem__", [key, value]);
          if (r === ERROR) return -1;
          if (r === NULL) {
            s.raise(s.b.AttributeError, value === NULL ? "__delitem__" : "__setitem__");
            return -1;
          }
          s.refs.close(r);
          return 0;
        };
        break;
      case "contains":
        slots.contains = (self, key) => {
          const r = callDunder(s, self, "__contains__", [key]);
          if (r === ERROR) return -1;
          const truth = s.isTrue(r);
          s.refs.close(r);
          return truth;
        };
        break;
      case "call":
        slots.call = (self, args, nargs, kwnames) => {
          const f = typeLookup(s, s.typeOf(self), "__call__");
          if (f === null || f.kind !== "value") {
            const b = base("call");
            if (b !== undefined) return b(self, args, nargs, kwnames);
            return s.raise(s.b.TypeError, `'${s.typeOf(self).name}' object is not callable`);
          }
          return callWithSelf(s, f.ref, self, args, nargs, kwnames);
        };
        break;
      case "descrSet":
        slots.descrSet = (self, obj, value) => {
          const r =
            value === NULL
              ? callDunder(s, self, "__delete__", [obj])
              : callDunder(s, self, "__set__", [obj, value]);
          if (r === ERROR) return -1;
          if (r !== NULL) s.refs.close(r);
          return 0;
        };
        break;
    }
  }
  if (!classDefines(s, t, "__get__")) {
    const b = base("descrGet");
    if (b === undefined) delete slots.descrGet;
    else slots.descrGet = b;
  }
  return slots;
}

function checkStrResult(s: ObjectSpace, r: StackRef, name: string): StackRef {
  if (r === ERROR) return ERROR;
  if (!s.isInstance(r, s.b.str)) {
    const tn = s.typeOf(r).name;
    s.refs.close(r);
    return s.raise(s.b.TypeError, `${name} returned non-string (type ${tn})`);
  }
  return r;
}

/** Call `f` as a method: `self` first, then the vectorcall's arguments. */
function callWithSelf(
  s: ObjectSpace,
  f: StackRef,
  self: StackRef,
  args: number,
  nargs: number,
  kwnames: StackRef,
): StackRef {
  const all: StackRef[] = [self];
  const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
  for (let i = 0; i < nargs + nkw; i++) all.push(s.i32[args + i]!);
  if (s.typeOf(f) === s.b.function) return s.call(f, all, kwnames);
  const get = s.typeOf(f).slots.descrGet;
  if (get === undefined) return s.call(f, all.slice(1), kwnames);
  const bound = get(f, self, s.typeAddrOf(self) | 1);
  if (bound === ERROR) return ERROR;
  const r = s.call(bound, all.slice(1), kwnames);
  s.refs.close(bound);
  return r;
}

// ---- creating classes ----

/** type(name, bases, namespace): a new class. All three are borrowed. */
export function newClass(
  s: ObjectSpace,
  meta: PyType,
  name: string,
  bases: StackRef,
  namespace: StackRef,
  kw: ClassKeywords | null = null,
): StackRef {
  const baseTypes: PyType[] = [];
  const nbases = tupleLength(s, bases);
  for (let i = 0; i < nbases; i++) {
    const b = tupleItem(s, bases, i);
    if (s.typeOf(b) !== s.b.type && !s.typeOf(b).isSubtypeOf(s.b.type)) {
      return s.raise(s.b.TypeError, `bases must be types`);
    }
    const bt = s.typeFromAddr(b & ~TAG_MASK);
    if ((s.i32[(bt.addr + TYPE_FLAGS) >> 2]! & TPFLAGS_BASETYPE) === 0 && !bt.heap) {
      return s.raise(s.b.TypeError, `type '${bt.name}' is not an acceptable base type`);
    }
    baseTypes.push(bt);
  }
  if (baseTypes.length === 0) baseTypes.push(s.b.object);
  // The layout base (CPython's best_base): the first base whose solid base (the builtin that
  // fixes its instance layout) derives from every other base's solid base.
  let solid = baseTypes[0]!;
  let winner = solidBase(solid);
  for (const b of baseTypes) {
    const sb = solidBase(b);
    if (sb.isSubtypeOf(winner)) {
      if (sb !== winner) {
        winner = sb;
        solid = b;
      }
    } else if (!winner.isSubtypeOf(sb)) {
      return s.raise(s.b.TypeError, "multiple bases have instance lay-out conflict");
    }
  }
  const dict = newDict(s);
  if (dict === ERROR) return ERROR;
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, namespace, pos);
    if (e === 0) break;
    pos = s.iterPos;
    if (dictSetItem(s, dict, entryKey(s, e), entryValue(s, e)) < 0) {
      s.refs.close(dict);
      return ERROR;
    }
  }
  // __eq__ without __hash__ makes instances unhashable (CPython sets __hash__ = None).
  if (
    dictGetItem(s, dict, s.intern("__eq__")) > NULL &&
    dictGetItem(s, dict, s.intern("__hash__")) === NULL
  ) {
    dictSetItem(s, dict, s.intern("__hash__"), s.None);
  }
  // A metaclass defined in Python gives its instances (the classes) a __dict__ slot after the
  // type object's fields: allocate the metaclass's size, not just the type object's.
  const size = Math.max(TYPE_SIZE, meta.basicSize);
  const addr = s.allocObject(meta, size);
  if (addr === 0) {
    s.refs.close(dict);
    return ERROR;
  }
  s.i32.fill(NULL, (addr + TYPE_SIZE) >> 2, (addr + size) >> 2);
  const qual = dictGetItem(s, dict, s.intern("__qualname__"));
  const modRef = dictGetItem(s, dict, s.intern("__module__"));
  const t = s.registerHeapType(addr, name, solid, baseTypes, dict, {
    qualname: qual > NULL && s.isInstance(qual, s.b.str) ? strValue(s, qual) : name,
    module: modRef > NULL && s.isInstance(modRef, s.b.str) ? strValue(s, modRef) : "builtins",
  });
  const mro = c3(s, t, baseTypes);
  if (mro === null) {
    s.refs.close(addr);
    return ERROR;
  }
  t.mro = mro;
  if (qual > NULL) s.setItem(dict, s.intern("__qualname__"), NULL);
  // Layout: instances extend the solid base with the class's __slots__ and a __dict__ slot.
  if (classLayout(s, t, solid) < 0) {
    s.refs.close(addr);
    return ERROR;
  }
  Object.assign(t.slots, classSlots(s, t));
  t.slots.new = classNew(s, t, solid);
  t.slots.init = classInit(s);
  // Functions defined in the class body get their owner's name for reprs (qualname is set by
  // the compiler); __init_subclass__ and __set_name__ hooks.
  if (setNames(s, t) < 0 || initSubclass(s, t, kw) < 0) {
    s.refs.close(addr);
    return ERROR;
  }
  return addr;
}

function setNames(s: ObjectSpace, t: PyType): number {
  let pos = 0;
  const pairs: [StackRef, StackRef][] = [];
  for (;;) {
    const e = dictNextEntry(s, t.dict, pos);
    if (e === 0) break;
    pos = s.iterPos;
    pairs.push([s.refs.asOwned(entryKey(s, e)), s.refs.asOwned(entryValue(s, e))]);
  }
  let result = 0;
  for (const [k, v] of pairs) {
    if (result === 0 && typeLookup(s, s.typeOf(v), "__set_name__")?.kind === "value") {
      const r = callDunder(s, v, "__set_name__", [t.addr, k]);
      if (r === ERROR) result = -1;
      else if (r !== NULL) s.refs.close(r);
    }
    s.refs.close(k);
    s.refs.close(v);
  }
  return result;
}

/** The keyword arguments of a class statement (`class C(Base, tag=1)`): names and values. */
export interface ClassKeywords {
  readonly names: StackRef; // a tuple of str
  readonly values: readonly StackRef[];
}

/** super(t, t).__init_subclass__(**kw): the parent's hook, an implicit class method. */
function initSubclass(s: ObjectSpace, t: PyType, kw: ClassKeywords | null): number {
  const parent = t.mro[1];
  if (parent === undefined) return 0;
  const f = typeLookup(s, parent, "__init_subclass__");
  if (f === null) return 0;
  const names = kw === null ? NULL : kw.names;
  const values = kw === null ? [] : kw.values;
  let r: StackRef;
  if (f.kind === "classmethod") r = s.callImpl(f.impl, t.addr | 1, values, names);
  else if (f.kind === "value") {
    const fn =
      s.typeOf(f.ref) === s.b.classmethod ? s.i32[((f.ref & ~TAG_MASK) + WRAP_FUNC) >> 2]! : f.ref;
    r = s.call(fn, [t.addr | 1, ...values], names);
  } else return 0;
  if (r === ERROR) return -1;
  s.refs.close(r);
  return 0;
}

/** tp_new of a class: `__new__` if the class defines one, else the solid base's allocation. */
function classNew(s: ObjectSpace, t: PyType, solid: PyType): VectorCall {
  return (self, args, nargs, kwnames) => {
    const cls = s.typeFromAddr(self & ~TAG_MASK);
    const f = typeLookup(s, cls, "__new__");
    if (f !== null && f.kind === "value" && f.owner.heap) {
      const fn =
        s.typeOf(f.ref) === s.b.staticmethod
          ? s.i32[((f.ref & ~TAG_MASK) + WRAP_FUNC) >> 2]!
          : f.ref;
      return callWithSelf(s, fn, self, args, nargs, kwnames);
    }
    const baseNew = solid.slots.new;
    if (solid !== s.b.object && baseNew !== undefined) return baseNew(self, args, nargs, kwnames);
    const hasInit = typeLookup(s, cls, "__init__");
    const excess = nargs > 0 || (kwnames !== NULL && tupleLength(s, kwnames) > 0);
    if (excess && (hasInit === null || hasInit.kind !== "value")) {
      return s.raise(s.b.TypeError, `${cls.name}() takes no arguments`);
    }
    const obj = s.allocObject(cls, cls.basicSize);
    if (obj === 0) return ERROR;
    s.i32.fill(NULL, (obj + 8) >> 2, (obj + cls.basicSize) >> 2);
    void t;
    return obj;
  };
}

/** tp_init of a class: call `__init__`, which must return None. */
function classInit(
  s: ObjectSpace,
): (self: StackRef, args: number, nargs: number, kwnames: StackRef) => number {
  return (self, args, nargs, kwnames) => {
    const f = typeLookup(s, s.typeOf(self), "__init__");
    if (f !== null && f.kind === "method" && f.owner !== s.b.object) {
      // A builtin base's __init__ (dict's fills the instance from the arguments).
      const r = f.impl(self, args, nargs, kwnames);
      if (r === ERROR) return -1;
      s.refs.close(r);
      return 0;
    }
    if (f === null || f.kind !== "value") return 0;
    const r = callWithSelf(s, f.ref, self, args, nargs, kwnames);
    if (r === ERROR) return -1;
    if (r !== s.None) {
      const tn = s.typeOf(r).name;
      s.refs.close(r);
      s.raise(s.b.TypeError, `__init__() should return None, not '${tn}'`);
      return -1;
    }
    return 0;
  };
}

// ---- bound methods, property, classmethod, staticmethod ----

export function newBoundMethod(s: ObjectSpace, func: StackRef, self: StackRef): StackRef {
  const m = s.allocObject(s.b.method, METHOD_SIZE);
  if (m === 0) return ERROR;
  s.i32[(m + METHOD_FUNC) >> 2] = s.refs.asOwned(func);
  s.i32[(m + METHOD_SELF) >> 2] = s.refs.asOwned(self);
  return m;
}

function field(s: ObjectSpace, o: StackRef, off: number): StackRef {
  return s.i32[((o & ~TAG_MASK) + off) >> 2]!;
}

function closeFieldsAndFree(s: ObjectSpace, addr: number, offsets: readonly number[]): void {
  for (const off of offsets) s.refs.close(s.i32[(addr + off) >> 2]!);
  s.heap.freeObject(addr);
}

export function installClasses(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  // A type object's own fields end at TYPE_SIZE: a metaclass's instances extend that.
  b.type.basicSize = TYPE_SIZE;
  // Builtin types that may be subclassed in Python.
  for (const t of [b.object, b.int, b.float, b.str, b.list, b.dict, b.tuple, b.type]) {
    i32[(t.addr + TYPE_FLAGS) >> 2]! |= TPFLAGS_BASETYPE;
  }
  for (const t of s.types)
    if (isExceptionType(s, t)) i32[(t.addr + TYPE_FLAGS) >> 2]! |= TPFLAGS_BASETYPE;

  b.method = s.newStaticType(
    "method",
    b.object,
    {
      dealloc: (a) => closeFieldsAndFree(s, a, [METHOD_FUNC, METHOD_SELF]),
      call: (self, args, nargs, kwnames) =>
        callWithSelf(
          s,
          field(s, self, METHOD_FUNC),
          field(s, self, METHOD_SELF),
          args,
          nargs,
          kwnames,
        ),
      repr: (self) => {
        const f = field(s, self, METHOD_FUNC);
        const name = genericGetAttrOrNull(s, f, "__qualname__");
        const text = name > NULL ? strValue(s, name) : "?";
        if (name > NULL) s.refs.close(name);
        const r = s.repr(field(s, self, METHOD_SELF));
        if (r === ERROR) return ERROR;
        const out = `<bound method ${text} of ${strValue(s, r)}>`;
        s.refs.close(r);
        return s.newStr(out);
      },
      richcompare: (self, other, op) => {
        if (s.typeOf(other) !== b.method || (op !== CompareOp.EQ && op !== CompareOp.NE))
          return s.NotImplemented;
        const eq =
          (field(s, self, METHOD_FUNC) & ~1) === (field(s, other, METHOD_FUNC) & ~1) &&
          (field(s, self, METHOD_SELF) & ~1) === (field(s, other, METHOD_SELF) & ~1);
        return s.bool(eq === (op === CompareOp.EQ));
      },
    },
    { gc: true },
  );
  b.method.getsets.set("__func__", { get: (self) => s.refs.asOwned(field(s, self, METHOD_FUNC)) });
  b.method.getsets.set("__self__", { get: (self) => s.refs.asOwned(field(s, self, METHOD_SELF)) });

  // function.__get__: a function on a class becomes a bound method of the instance.
  b.function.slots.descrGet = (self, obj) =>
    obj === NULL || obj === s.None ? s.refs.asOwned(self) : newBoundMethod(s, self, obj);

  const wrapper = (name: string, get: (f: StackRef, obj: StackRef, type: StackRef) => StackRef) => {
    const t = s.newStaticType(
      name,
      b.object,
      {
        dealloc: (a) => closeFieldsAndFree(s, a, [WRAP_FUNC, WRAP_DICT]),
        new: (self, args, nargs, kwnames) => {
          if (!noKeywords(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 1)) return ERROR;
          const o = s.allocInstance(s.typeFromAddr(self & ~TAG_MASK), WRAP_SIZE);
          if (o === 0) return ERROR;
          i32[(o + WRAP_FUNC) >> 2] = s.refs.asOwned(i32[args]!);
          i32[(o + WRAP_DICT) >> 2] = NULL;
          return o;
        },
        descrGet: (self, obj, type) => get(field(s, self, WRAP_FUNC), obj, type),
      },
      { gc: true, flags: TPFLAGS_BASETYPE },
    );
    const func = { get: (self: StackRef) => s.refs.asOwned(field(s, self, WRAP_FUNC)) };
    t.getsets.set("__func__", func);
    t.getsets.set("__wrapped__", func);
    t.getsets.set("__isabstractmethod__", {
      get: (self) => s.bool(isAbstract(s, field(s, self, WRAP_FUNC))),
    });
    t.basicSize = WRAP_SIZE;
    t.dictOffset = WRAP_DICT;
    return t;
  };
  b.classmethod = wrapper("classmethod", (f, obj, type) =>
    newBoundMethod(s, f, type === NULL || type === s.None ? s.typeAddrOf(obj) | 1 : type),
  );
  b.staticmethod = wrapper("staticmethod", (f) => s.refs.asOwned(f));
  b.staticmethod.slots.call = (self, args, nargs, kwnames) =>
    s.callVector(field(s, self, WRAP_FUNC), args, nargs, kwnames);

  b.property = s.newStaticType(
    "property",
    b.object,
    {
      dealloc: (a) => closeFieldsAndFree(s, a, [PROP_GET, PROP_SET, PROP_DEL, PROP_DOC, PROP_NAME]),
      new: (self, args, nargs, kwnames) => {
        const a = parseArgs(
          s,
          "property",
          { names: ["fget", "fset", "fdel", "doc"], required: 0 },
          args,
          nargs,
          kwnames,
        );
        if (a === null) return ERROR;
        return newProperty(
          s,
          s.typeFromAddr(self & ~TAG_MASK),
          a as [StackRef, StackRef, StackRef, StackRef],
        );
      },
      descrGet: (self, obj) => {
        if (obj === NULL || obj === s.None) return s.refs.asOwned(self);
        const get = field(s, self, PROP_GET);
        if (get === NULL || get === s.None)
          return s.raise(s.b.AttributeError, "property has no getter");
        return s.call(get, [obj]);
      },
      descrSet: (self, obj, value) => {
        const f = field(s, self, value === NULL ? PROP_DEL : PROP_SET);
        if (f === NULL || f === s.None) {
          s.raise(
            s.b.AttributeError,
            value === NULL ? "property has no deleter" : "property has no setter",
          );
          return -1;
        }
        const r = s.call(f, value === NULL ? [obj] : [obj, value]);
        if (r === ERROR) return -1;
        s.refs.close(r);
        return 0;
      },
    },
    { gc: true, flags: TPFLAGS_BASETYPE },
  );
  const withAccessor =
    (offset: number): VectorCall =>
    (self, args, nargs) => {
      if (!checkArgCount(s, "property", nargs, 1, 1)) return ERROR;
      const parts = [PROP_GET, PROP_SET, PROP_DEL, PROP_DOC].map((o) =>
        o === offset ? i32[args]! : field(s, self, o),
      );
      return newProperty(s, s.typeOf(self), parts as [StackRef, StackRef, StackRef, StackRef]);
    };
  b.property.methods.set("getter", withAccessor(PROP_GET));
  b.property.methods.set("setter", withAccessor(PROP_SET));
  b.property.methods.set("deleter", withAccessor(PROP_DEL));
  b.property.getsets.set("fget", { get: (self) => orNone(s, field(s, self, PROP_GET)) });
  b.property.getsets.set("fset", { get: (self) => orNone(s, field(s, self, PROP_SET)) });
  b.property.getsets.set("fdel", { get: (self) => orNone(s, field(s, self, PROP_DEL)) });
  b.property.getsets.set("__doc__", { get: (self) => orNone(s, field(s, self, PROP_DOC)) });
  b.property.basicSize = PROP_SIZE;
  b.property.getsets.set("__isabstractmethod__", {
    get: (self) =>
      s.bool([PROP_GET, PROP_SET, PROP_DEL].some((off) => isAbstract(s, field(s, self, off)))),
  });
  // property.__name__: the name __set_name__ gave it, else its getter's.
  b.property.getsets.set("__name__", {
    get: (self) => {
      const name = field(s, self, PROP_NAME);
      if (name !== NULL) return s.refs.asOwned(name);
      const get = field(s, self, PROP_GET);
      const r = get === NULL || get === s.None ? NULL : genericGetAttrOrNull(s, get, "__name__");
      if (r !== NULL) return r;
      return s.raise(s.b.AttributeError, "'property' object has no attribute '__name__'");
    },
  });
  b.property.methods.set("__set_name__", (self, args, nargs) => {
    if (!checkArgCount(s, "__set_name__", nargs, 2, 2)) return ERROR;
    const at = ((self & ~TAG_MASK) + PROP_NAME) >> 2;
    const old = i32[at]!;
    i32[at] = s.refs.asOwned(i32[args + 1]!);
    s.refs.close(old);
    return s.None;
  });

  b.type.slots.getattr = (self, name) => typeGetAttr(s, self, name);
  b.type.slots.setattr = (self, name, v) => typeSetAttr(s, self, name, v);

  // type(x) and type(name, bases, dict)
  b.type.slots.new = (self, args, nargs, kwnames) => {
    if (nargs === 1 && (kwnames === NULL || tupleLength(s, kwnames) === 0)) {
      return s.refs.asOwned(s.typeAddrOf(i32[args]!) | 1);
    }
    if (nargs !== 3) return s.raise(s.b.TypeError, "type() takes 1 or 3 arguments");
    const [name, bases, ns] = [i32[args]!, i32[args + 1]!, i32[args + 2]!];
    if (!s.isInstance(name, s.b.str)) {
      return s.raise(
        s.b.TypeError,
        `type.__new__() argument 1 must be str, not ${s.typeOf(name).name}`,
      );
    }
    if (!isTuple(s, bases)) {
      return s.raise(
        s.b.TypeError,
        `type.__new__() argument 2 must be tuple, not ${s.typeOf(bases).name}`,
      );
    }
    if (!isDict(s, ns)) {
      return s.raise(
        s.b.TypeError,
        `type.__new__() argument 3 must be dict, not ${s.typeOf(ns).name}`,
      );
    }
    // Keyword arguments of the class statement go to the parent's __init_subclass__.
    const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
    const kw =
      nkw === 0
        ? null
        : { names: kwnames, values: Array.from({ length: nkw }, (_, k) => i32[args + 3 + k]!) };
    return newClass(s, s.typeFromAddr(self & ~TAG_MASK), strValue(s, name), bases, ns, kw);
  };
  // type.__new__(metatype, name, bases, namespace): what a metaclass's __new__ calls through
  // super(); like object.__new__ it takes the class to instantiate as its first argument.
  b.type.classMethods.set("__new__", (_self, args, nargs, kwnames) => {
    if (nargs < 1) return s.raise(s.b.TypeError, "type.__new__(): not enough arguments");
    const meta = i32[args]!;
    if (!s.typeOf(meta).isSubtypeOf(b.type)) {
      return s.raise(
        s.b.TypeError,
        `type.__new__(X): X is not a type object (${s.typeOf(meta).name})`,
      );
    }
    return b.type.slots.new!(meta, args + 1, nargs - 1, kwnames);
  });
  const typeGet = (f: (t: PyType) => StackRef) => ({
    get: (self: StackRef) => f(s.typeFromAddr(self & ~TAG_MASK)),
  });
  b.type.getsets.set(
    "__name__",
    typeGet((t) => s.newStr(t.name)),
  );
  b.type.getsets.set(
    "__qualname__",
    typeGet((t) => s.newStr(t.qualname)),
  );
  b.type.getsets.set(
    "__module__",
    typeGet((t) => s.newStr(t.module)),
  );
  b.type.getsets.set(
    "__mro__",
    typeGet((t) =>
      tupleFromRefs(
        s,
        t.mro.map((c) => c.addr | 1).map((r) => s.refs.asOwned(r)),
      ),
    ),
  );
  b.type.getsets.set(
    "__bases__",
    typeGet((t) =>
      tupleFromRefs(
        s,
        t.bases.map((c) => s.refs.asOwned(c.addr | 1)),
      ),
    ),
  );
  b.type.getsets.set(
    "__base__",
    typeGet((t) => (t.base === null ? s.None : s.refs.asOwned(t.base.addr | 1))),
  );
  // A class's namespace, read-only: a mappingproxy (over a fresh dict for builtin types).
  b.type.getsets.set(
    "__dict__",
    typeGet((t) => {
      if (t.heap) return newMappingProxy(s, t.dict);
      const d = builtinNamespace(s, t);
      if (d === ERROR) return ERROR;
      const proxy = newMappingProxy(s, d);
      s.refs.close(d);
      return proxy;
    }),
  );
  b.type.getsets.set(
    "__doc__",
    typeGet((t) => {
      if (!t.heap) return s.None;
      const d = dictGetItem(s, t.dict, s.intern("__doc__"));
      return d > NULL ? s.refs.asOwned(d) : s.None;
    }),
  );
  b.type.methods.set("mro", (self) => listOfTypes(s, s.typeFromAddr(self & ~TAG_MASK)));
  b.type.methods.set("__subclasses__", (self) => {
    const t = s.typeFromAddr(self & ~TAG_MASK);
    const subs = s.types.filter((c) => c.bases.includes(t)).map((c) => s.refs.asOwned(c.addr | 1));
    return s.newList(subs);
  });

  b.object.getsets.set("__class__", { get: (self) => s.refs.asOwned(s.typeAddrOf(self) | 1) });
  b.object.methods.set("__init__", () => s.None);
  b.object.methods.set("__repr__", (self) => defaultRepr(s, self));
  // object.__str__ is the type's repr (object_str).
  b.object.methods.set("__str__", (self) => s.repr(self));
  b.object.methods.set("__eq__", (self, args, nargs) => {
    if (!checkArgCount(s, "__eq__", nargs, 1, 1)) return ERROR;
    return (self & ~1) === (i32[args]! & ~1) ? s.True : s.NotImplemented;
  });
  b.object.methods.set("__ne__", (self, args, nargs) => {
    if (!checkArgCount(s, "__ne__", nargs, 1, 1)) return ERROR;
    return s.richCompare(self, i32[args]!, CompareOp.NE);
  });
  b.object.methods.set("__setattr__", (self, args, nargs) => {
    if (!checkArgCount(s, "__setattr__", nargs, 2, 2)) return ERROR;
    return genericSetAttrBase(s, self, i32[args]!, i32[args + 1]!) < 0 ? ERROR : s.None;
  });
  b.object.methods.set("__getattribute__", (self, args, nargs) => {
    if (!checkArgCount(s, "__getattribute__", nargs, 1, 1)) return ERROR;
    const r = genericGetAttrOrNull(s, self, strValue(s, i32[args]!));
    return r === NULL ? noAttribute(s, self, strValue(s, i32[args]!)) : r;
  });
  b.object.methods.set("__delattr__", (self, args, nargs) => {
    if (!checkArgCount(s, "__delattr__", nargs, 1, 1)) return ERROR;
    return genericSetAttrBase(s, self, i32[args]!, NULL) < 0 ? ERROR : s.None;
  });
  // object.__init_subclass__ accepts no keyword arguments: a class statement's must be used.
  b.object.classMethods.set("__init_subclass__", (cls, _args, nargs, kwnames) => {
    const name = s.typeFromAddr(cls & ~TAG_MASK).name;
    if (kwnames !== NULL && tupleLength(s, kwnames) > 0) {
      return s.raise(s.b.TypeError, `${name}.__init_subclass__() takes no keyword arguments`);
    }
    if (nargs > 0) {
      return s.raise(
        s.b.TypeError,
        `${name}.__init_subclass__() takes no arguments (${nargs} given)`,
      );
    }
    return s.None;
  });
  // type.__setattr__/__delattr__ called explicitly (super() in a metaclass, type.__setattr__(C, ...)).
  b.type.methods.set("__setattr__", (self, args, nargs) => {
    if (!checkArgCount(s, "__setattr__", nargs, 2, 2)) return ERROR;
    return typeSetAttr(s, self, i32[args]!, i32[args + 1]!) < 0 ? ERROR : s.None;
  });
  b.type.methods.set("__delattr__", (self, args, nargs) => {
    if (!checkArgCount(s, "__delattr__", nargs, 1, 1)) return ERROR;
    return typeSetAttr(s, self, i32[args]!, NULL) < 0 ? ERROR : s.None;
  });
  b.object.slots.new = (self, args, nargs, kwnames) => {
    const cls = s.typeFromAddr(self & ~TAG_MASK);
    if (cls === b.object && (nargs > 0 || (kwnames !== NULL && tupleLength(s, kwnames) > 0))) {
      return s.raise(s.b.TypeError, "object() takes no arguments");
    }
    const obj = s.allocObject(cls, cls.basicSize);
    if (obj === 0) return ERROR;
    i32.fill(NULL, (obj + 8) >> 2, (obj + cls.basicSize) >> 2);
    return obj;
  };
}

/** Attributes of functions, exceptions and modules, and where their instance dicts live. */
export function installBuiltinAttributes(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const ref = (o: StackRef, off: number) => i32[((o & ~TAG_MASK) + off) >> 2]!;
  const setRef = (o: StackRef, off: number, v: StackRef) => {
    const at = ((o & ~TAG_MASK) + off) >> 2;
    const old = i32[at]!;
    i32[at] = v === NULL ? NULL : s.refs.asOwned(v);
    s.refs.close(old);
    return 0;
  };
  const plain = (off: number, writable = true) => ({
    get: (o: StackRef) => orNone(s, ref(o, off)),
    ...(writable
      ? { set: (o: StackRef, v: StackRef) => setRef(o, off, v === s.None ? NULL : v) }
      : {}),
  });
  const L = LAYOUT;
  b.function.dictOffset = L.FUNC_DICT;
  b.function.basicSize = L.FUNC_SIZE;
  for (const [name, off] of [
    ["__name__", L.FUNC_NAME],
    ["__qualname__", L.FUNC_QUALNAME],
    ["__doc__", L.FUNC_DOC],
    ["__module__", L.FUNC_MODULE],
  ] as const) {
    b.function.getsets.set(name, plain(off));
  }
  // Changing the defaults or the code gives the function a new version (specializations and
  // executors that checked the old one stop matching).
  for (const off of [L.FUNC_DEFAULTS, L.FUNC_KWDEFAULTS]) {
    b.function.getsets.set(off === L.FUNC_DEFAULTS ? "__defaults__" : "__kwdefaults__", {
      get: plain(off).get,
      set: (o, v) => {
        setRef(o, off, v === s.None ? NULL : v);
        s.modifiedFunction(o & ~TAG_MASK);
        return 0;
      },
    });
  }
  b.function.getsets.set("__code__", {
    get: plain(L.FUNC_CODE).get,
    set: (o, v) => setFunctionCode(s, o, v),
  });
  b.function.getsets.set("__globals__", plain(L.FUNC_GLOBALS, false));
  b.function.getsets.set("__closure__", plain(L.FUNC_CLOSURE, false));
  // MAKE_FUNCTION leaves a flat tuple (name, value, ...) of 3.13's annotations; the first read
  // turns it (or nothing) into the dict that is kept from then on.
  b.function.getsets.set("__annotations__", {
    get: (o) => {
      const cur = ref(o, L.FUNC_ANNOTATIONS);
      if (cur !== NULL && isDict(s, cur)) return s.refs.asOwned(cur);
      const d = newDict(s);
      if (d === ERROR) return ERROR;
      if (cur !== NULL && isTuple(s, cur)) {
        const n = tupleLength(s, cur);
        for (let i = 0; i + 1 < n; i += 2) {
          if (dictSetItem(s, d, tupleItem(s, cur, i), tupleItem(s, cur, i + 1)) < 0) {
            s.refs.close(d);
            return ERROR;
          }
        }
      }
      setRef(o, L.FUNC_ANNOTATIONS, d);
      return d;
    },
    set: (o, v) => {
      if (v !== NULL && v !== s.None && !isDict(s, v)) {
        s.raise(s.b.TypeError, "__annotations__ must be set to a dict object");
        return -1;
      }
      return setRef(o, L.FUNC_ANNOTATIONS, v === s.None ? NULL : v);
    },
  });

  b.module.dictOffset = L.MODULE_DICT;
  b.module.basicSize = L.MODULE_SIZE;

  const exc = b.BaseException;
  exc.dictOffset = L.EXC_DICT;
  exc.basicSize = L.EXC_SIZE;
  for (const t of s.types) {
    if (t.isSubtypeOf(exc)) {
      t.dictOffset = L.EXC_DICT;
      t.basicSize = L.EXC_SIZE;
    }
  }
  exc.getsets.set("args", {
    get: (o) => s.refs.asOwned(ref(o, L.EXC_ARGS)),
    set: (o, v) => {
      const items = v === NULL ? null : collectTuple(s, v);
      if (items === null) return -1;
      setRef(o, L.EXC_ARGS, items);
      s.refs.close(items);
      return 0;
    },
  });
  exc.getsets.set("__traceback__", plain(L.EXC_TRACEBACK));
  exc.getsets.set("__cause__", {
    get: (o) => orNone(s, ref(o, L.EXC_CAUSE)),
    set: (o, v) => {
      i32[((o & ~TAG_MASK) + L.EXC_SUPPRESS_CONTEXT) >> 2] = 1;
      return setRef(o, L.EXC_CAUSE, v === s.None ? NULL : v);
    },
  });
  exc.getsets.set("__context__", plain(L.EXC_CONTEXT));
  exc.getsets.set("__suppress_context__", {
    get: (o) => s.bool(i32[((o & ~TAG_MASK) + L.EXC_SUPPRESS_CONTEXT) >> 2] !== 0),
    set: (o, v) => {
      const t = s.isTrue(v);
      if (t < 0) return -1;
      i32[((o & ~TAG_MASK) + L.EXC_SUPPRESS_CONTEXT) >> 2] = t;
      return 0;
    },
  });
  exc.methods.set("__init__", (self, args, nargs) => {
    const items: StackRef[] = [];
    for (let i = 0; i < nargs; i++) items.push(s.refs.asOwned(i32[args + i]!));
    const t = tupleFromRefs(s, items);
    if (t === ERROR) return ERROR;
    setRef(self, L.EXC_ARGS, t);
    s.refs.close(t);
    return s.None;
  });
  exc.methods.set("with_traceback", (self, args, nargs) => {
    if (!checkArgCount(s, "with_traceback", nargs, 1, 1)) return ERROR;
    setRef(self, L.EXC_TRACEBACK, i32[args]! === s.None ? NULL : i32[args]!);
    return s.refs.asOwned(self);
  });
  exc.methods.set("add_note", (self, args, nargs) => {
    if (!checkArgCount(s, "add_note", nargs, 1, 1)) return ERROR;
    const note = i32[args]!;
    if (!s.isInstance(note, s.b.str)) {
      return s.raise(s.b.TypeError, `note must be a str, not '${s.typeOf(note).name}'`);
    }
    const d = instanceDict(s, self, true);
    if (d === ERROR) return ERROR;
    let notes = dictGetItem(s, d, s.intern("__notes__"));
    if (notes === NULL) {
      const list = s.newList([]);
      if (list === ERROR || dictSetItem(s, d, s.intern("__notes__"), list) < 0) return ERROR;
      s.refs.close(list);
      notes = dictGetItem(s, d, s.intern("__notes__"));
    }
    const one = s.newList([s.refs.asOwned(note)]);
    if (one === ERROR) return ERROR;
    const r = s.binaryOp(notes, one, NB.INPLACE_ADD);
    s.refs.close(one);
    if (r === ERROR) return ERROR;
    s.refs.close(r);
    return s.None;
  });
  // BaseException.__new__ keeps the arguments; __init__ may replace them.
  exc.slots.init = (self, args, nargs) => {
    const r = exc.methods.get("__init__")!(self, args, nargs, NULL);
    return r === ERROR ? -1 : 0;
  };
}

function collectTuple(s: ObjectSpace, v: StackRef): StackRef | null {
  const t = s.call(s.b.tuple.addr | 1, [v]);
  return t === ERROR ? null : t;
}

/** object.__setattr__ itself: skips a class's own __setattr__ (used by super().__setattr__). */
function genericSetAttrBase(
  s: ObjectSpace,
  obj: StackRef,
  nameRef: StackRef,
  value: StackRef,
): number {
  const t = s.typeOf(obj);
  const found = typeLookup(s, t, strValue(s, nameRef));
  if (found !== null && found.kind === "value") {
    const set = s.typeOf(found.ref).slots.descrSet;
    if (set !== undefined) return set(found.ref, obj, value);
  }
  const d = instanceDict(s, obj, true);
  if (d === ERROR) return -1;
  if (d === NULL) {
    s.raise(s.b.AttributeError, `'${t.name}' object has no attribute '${strValue(s, nameRef)}'`);
    return -1;
  }
  return value === NULL ? s.setItem(d, nameRef, NULL) : dictSetItem(s, d, nameRef, value);
}

/** Whether `f.__isabstractmethod__` is true (abc's marker); errors count as false. */
function isAbstract(s: ObjectSpace, f: StackRef): boolean {
  if (f === NULL || f === s.None) return false;
  const v = genericGetAttrOrNull(s, f, "__isabstractmethod__");
  if (v === ERROR) {
    s.refs.close(s.fetchException());
    return false;
  }
  if (v === NULL) return false;
  const t = s.isTrue(v);
  s.refs.close(v);
  if (t < 0) s.refs.close(s.fetchException());
  return t === 1;
}

function listOfTypes(s: ObjectSpace, t: PyType): StackRef {
  return s.newList(t.mro.map((c) => s.refs.asOwned(c.addr | 1)));
}

function orNone(s: ObjectSpace, r: StackRef): StackRef {
  return r === NULL ? s.None : s.refs.asOwned(r);
}

function newProperty(
  s: ObjectSpace,
  type: PyType,
  parts: [StackRef, StackRef, StackRef, StackRef],
): StackRef {
  const p = s.allocInstance(type, PROP_SIZE);
  if (p === 0) return ERROR;
  s.i32[(p + PROP_NAME) >> 2] = NULL;
  const offsets = [PROP_GET, PROP_SET, PROP_DEL, PROP_DOC];
  for (let i = 0; i < 4; i++) {
    const v = parts[i]!;
    s.i32[(p + offsets[i]!) >> 2] = v === NULL ? NULL : s.refs.asOwned(v);
  }
  // A property without its own doc takes the getter's __doc__.
  if (parts[3] === NULL && parts[0] !== NULL && parts[0] !== s.None) {
    const doc = genericGetAttrOrNull(s, parts[0], "__doc__");
    if (doc === ERROR) s.refs.close(s.fetchException());
    else if (doc !== NULL) s.i32[(p + PROP_DOC) >> 2] = doc;
  }
  return p;
}

export { FUNC_DICT, TPFLAGS_HAVE_GC, TPFLAGS_HEAPTYPE, TYPE_JS, TYPE_VERSION };

// ---- super ----

const SUPER_TYPE = 8;
const SUPER_OBJ = 12;
const SUPER_OBJTYPE = 16;
const SUPER_SIZE = 20;

/** The type whose MRO super() walks for `obj`: its class, or obj itself when it is a class. */
function superObjType(s: ObjectSpace, startType: PyType, obj: StackRef): PyType | null {
  if (s.typeOf(obj).isSubtypeOf(s.b.type)) {
    const t = s.typeFromAddr(obj & ~TAG_MASK);
    if (t.isSubtypeOf(startType)) return t;
  }
  const t = s.typeOf(obj);
  if (t.isSubtypeOf(startType)) return t;
  s.raise(s.b.TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return null;
}

/** super(startType, obj).name: the first definition after startType in obj's MRO, bound to obj. */
export function superGetAttr(
  s: ObjectSpace,
  startType: PyType,
  obj: StackRef,
  name: string,
): StackRef {
  const objType = superObjType(s, startType, obj);
  if (objType === null) return ERROR;
  const mro = objType.mro;
  const start = mro.indexOf(startType);
  for (let i = start + 1; i < mro.length; i++) {
    const c = mro[i]!;
    let found = lookupIn(s, c, name);
    if (found === "error") return ERROR;
    if (found === null) continue;
    if (found.kind === "method" || found.kind === "classmethod") found = { ...found, name };
    // A class method found through super() of a class binds to that class.
    const isClass = (obj & ~TAG_MASK) === objType.addr;
    if (found.kind === "value") {
      const get = s.typeOf(found.ref).slots.descrGet;
      if (get === undefined) return s.refs.asOwned(found.ref);
      return get(found.ref, isClass ? NULL : obj, objType.addr | 1);
    }
    if (found.kind === "method" && isClass)
      return methodDescriptor(s, found.owner, name, found.impl);
    return bindFound(s, found, obj, objType);
  }
  return s.raise(s.b.AttributeError, `'super' object has no attribute '${name}'`);
}

export function installSuper(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  b.super = s.newStaticType(
    "super",
    b.object,
    {
      dealloc: (a) => {
        for (const off of [SUPER_TYPE, SUPER_OBJ, SUPER_OBJTYPE])
          s.refs.close(i32[(a + off) >> 2]!);
        s.heap.freeObject(a);
      },
      new: (self, args, nargs, kwnames) => {
        if (!noKeywords(s, "super", kwnames)) return ERROR;
        let typeRef: StackRef;
        let obj: StackRef;
        if (nargs === 0) {
          // Zero-argument super(): the interpreter knows the calling frame's __class__ and self.
          const found = s.runtime?.superArgs?.();
          if (found === undefined || found === null) {
            if (!s.hasException()) s.raise(s.b.RuntimeError, "super(): no arguments");
            return ERROR;
          }
          [typeRef, obj] = found;
        } else if (nargs === 2) {
          typeRef = i32[args]!;
          obj = i32[args + 1]!;
        } else if (nargs === 1) {
          return s.raise(s.b.TypeError, "super() with one argument is not supported");
        } else {
          return s.raise(s.b.TypeError, `super() takes at most 2 arguments (${nargs} given)`);
        }
        if (!s.typeOf(typeRef).isSubtypeOf(s.b.type)) {
          return s.raise(
            s.b.TypeError,
            `super() argument 1 must be a type, not ${s.typeOf(typeRef).name}`,
          );
        }
        const start = s.typeFromAddr(typeRef & ~TAG_MASK);
        const objType = superObjType(s, start, obj);
        if (objType === null) return ERROR;
        const o = s.allocObject(s.typeFromAddr(self & ~TAG_MASK), SUPER_SIZE);
        if (o === 0) return ERROR;
        i32[(o + SUPER_TYPE) >> 2] = s.refs.asOwned(typeRef);
        i32[(o + SUPER_OBJ) >> 2] = s.refs.asOwned(obj);
        i32[(o + SUPER_OBJTYPE) >> 2] = s.refs.asOwned(objType.addr | 1);
        return o;
      },
      getattr: (self, name) => {
        const start = s.typeFromAddr(i32[((self & ~TAG_MASK) + SUPER_TYPE) >> 2]! & ~TAG_MASK);
        const text = strValue(s, name);
        if (text === "__class__") return s.refs.asOwned(s.typeAddrOf(self) | 1);
        return superGetAttr(s, start, i32[((self & ~TAG_MASK) + SUPER_OBJ) >> 2]!, text);
      },
      repr: (self) => {
        const start = s.typeFromAddr(i32[((self & ~TAG_MASK) + SUPER_TYPE) >> 2]! & ~TAG_MASK);
        const objType = s.typeFromAddr(i32[((self & ~TAG_MASK) + SUPER_OBJTYPE) >> 2]! & ~TAG_MASK);
        return s.newStr(`<super: <class '${start.name}'>, <${objType.name} object>>`);
      },
    },
    { gc: true, flags: TPFLAGS_BASETYPE },
  );
}
