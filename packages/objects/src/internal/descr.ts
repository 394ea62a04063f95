// The descriptors of builtin types (CPython's Objects/descrobject.c): a builtin type's methods
// seen on the type are method_descriptor (`str.join`), its special methods wrapper_descriptor
// ("slot wrappers", `int.__add__`, calling the type's own slot), bound to an instance they are
// builtin methods or method-wrapper objects; class methods are classmethod_descriptor and
// computed attributes getset_descriptor. A descriptor is made on first use and kept for the
// life of the space (immortal, like the type that holds it).
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords, parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { defaultRepr } from "./core.js";
import { dictSetItem, newDict } from "./dict.js";
import { builtinData, newBuiltin } from "./func.js";
import { BUILTIN_SELF } from "./layout.js";
import { isList } from "./list.js";
import type { ObjectSpace } from "./space.js";
import { isTuple } from "./tuple.js";
import type { GetSet, PyType, VectorCall } from "./type.js";
import { NB } from "./type.js";

const DESCR_JS = 8;
const DESCR_SIZE = 12;

export type DescrKind = "method" | "wrapper" | "classmethod" | "getset";

/** What a descriptor object stands for. */
export interface DescrData {
  readonly kind: DescrKind;
  readonly owner: PyType;
  readonly name: string;
  readonly impl?: VectorCall;
  readonly getset?: GetSet;
}

const KIND_TYPE: Record<DescrKind, string> = {
  method: "method_descriptor",
  wrapper: "wrapper_descriptor",
  classmethod: "classmethod_descriptor",
  getset: "getset_descriptor",
};

function data(s: ObjectSpace, self: StackRef): DescrData {
  return s.descrs.get(s.i32[((self & ~TAG_MASK) + DESCR_JS) >> 2]!);
}

/** The descriptor for `name` of builtin type `owner` (borrowed: it is immortal). */
export function builtinDescriptor(
  s: ObjectSpace,
  owner: PyType,
  name: string,
  kind: DescrKind,
  impl: VectorCall | GetSet,
): StackRef {
  const known = owner.descriptors.get(name);
  if (known !== undefined) return known | 1;
  const addr = s.allocObject(s.b[KIND_TYPE[kind]]!, DESCR_SIZE);
  if (addr === 0) return ERROR;
  s.heap.makeImmortal(addr);
  const d: DescrData =
    kind === "getset"
      ? { kind, owner, name, getset: impl as GetSet }
      : { kind, owner, name, impl: impl as VectorCall };
  s.i32[(addr + DESCR_JS) >> 2] = s.descrs.add(d);
  owner.descriptors.set(name, addr);
  return addr | 1;
}

/**
 * A getset descriptor of a class defined in Python (its `__dict__` and `__weakref__`): owned by
 * the class's namespace, freed with it.
 */
export function newGetSetDescriptor(
  s: ObjectSpace,
  owner: PyType,
  name: string,
  gs: GetSet,
  type: PyType = s.b.getset_descriptor,
): StackRef {
  const addr = s.allocObject(type, DESCR_SIZE);
  if (addr === 0) return ERROR;
  s.i32[(addr + DESCR_JS) >> 2] = s.descrs.add({ kind: "getset", owner, name, getset: gs });
  return addr;
}

/** The byte offset of a member descriptor's `__slots__` field in the instance, or -1. */
export function memberOffset(s: ObjectSpace, descr: StackRef): number {
  return data(s, descr).getset?.offset ?? -1;
}

/** A builtin method bound to `self`: a method-wrapper for slot wrappers. */
export function bindBuiltinMethod(
  s: ObjectSpace,
  owner: PyType,
  name: string,
  impl: VectorCall,
  self: StackRef,
): StackRef {
  const wrapper = owner.slotWrappers.has(name);
  return newBuiltin(s, name, impl, self, owner.name, wrapper ? s.b["method-wrapper"] : undefined);
}

/** CPython's descr_check: `obj` must be an instance of the descriptor's class. */
function checkInstance(s: ObjectSpace, d: DescrData, obj: StackRef): boolean {
  if (s.isInstance(obj, d.owner)) return true;
  s.raise(
    s.b.TypeError,
    `descriptor '${d.name}' for '${d.owner.name}' objects doesn't apply to a '${s.typeOf(obj).name}' object`,
  );
  return false;
}

export function installDescriptors(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const typeName = (d: DescrData) => d.owner.name;
  const common = (kind: DescrKind, label: string) =>
    s.newStaticType(KIND_TYPE[kind], b.object, {
      // Only the descriptors of classes are mortal; builtin types' live as long as the space.
      dealloc: (addr) => {
        s.descrs.remove(i32[(addr + DESCR_JS) >> 2]!);
        s.heap.freeObject(addr);
      },
      repr: (self) => {
        const d = data(s, self);
        return s.newStr(`<${label} '${d.name}' of '${typeName(d)}' objects>`);
      },
    });
  const method = common("method", "method");
  const wrapper = common("wrapper", "slot wrapper");
  const classmethod = common("classmethod", "method");
  const getset = common("getset", "attribute");
  b.method_descriptor = method;
  b.wrapper_descriptor = wrapper;
  b.classmethod_descriptor = classmethod;
  b.getset_descriptor = getset;

  // Calling a method or slot wrapper from its class: the instance comes first.
  for (const t of [method, wrapper]) {
    t.slots.call = (self, args, nargs, kwnames) => {
      const d = data(s, self);
      if (nargs < 1) {
        return s.raise(
          s.b.TypeError,
          d.kind === "wrapper"
            ? `descriptor '${d.name}' of '${d.owner.name}' object needs an argument`
            : `unbound method ${d.owner.name}.${d.name}() needs an argument`,
        );
      }
      const obj = i32[args]!;
      if (!s.isInstance(obj, d.owner)) {
        return s.raise(
          s.b.TypeError,
          d.kind === "wrapper"
            ? `descriptor '${d.name}' requires a '${d.owner.name}' object but received a '${s.typeOf(obj).name}'`
            : `descriptor '${d.name}' for '${d.owner.name}' objects doesn't apply to a '${s.typeOf(obj).name}' object`,
        );
      }
      return d.impl!(obj, args + 1, nargs - 1, kwnames);
    };
    t.slots.descrGet = (self, obj) => {
      if (obj === NULL || obj === s.None) return s.refs.asOwned(self);
      const d = data(s, self);
      if (!checkInstance(s, d, obj)) return ERROR;
      return bindBuiltinMethod(s, d.owner, d.name, d.impl!, obj);
    };
  }
  classmethod.slots.call = (self, args, nargs, kwnames) => {
    const d = data(s, self);
    if (nargs < 1) {
      return s.raise(
        s.b.TypeError,
        `descriptor '${d.name}' of '${d.owner.name}' object needs an argument`,
      );
    }
    const cls = i32[args]!;
    if (
      !s.typeOf(cls).isSubtypeOf(b.type) ||
      !s.typeFromAddr(cls & ~TAG_MASK).isSubtypeOf(d.owner)
    ) {
      return s.raise(
        s.b.TypeError,
        `descriptor '${d.name}' for type '${d.owner.name}' needs a type, not a '${s.typeOf(cls).name}' as arg 2`,
      );
    }
    return d.impl!(cls, args + 1, nargs - 1, kwnames);
  };
  classmethod.slots.descrGet = (self, obj, type) => {
    const d = data(s, self);
    const cls = type !== NULL && type !== s.None ? type : s.typeAddrOf(obj) | 1;
    return newBuiltin(s, d.name, d.impl!, cls, d.owner.name);
  };
  getset.slots.descrGet = (self, obj) => {
    if (obj === NULL || obj === s.None) return s.refs.asOwned(self);
    const d = data(s, self);
    return checkInstance(s, d, obj) ? d.getset!.get(obj) : ERROR;
  };
  getset.slots.descrSet = (self, obj, value) => {
    const d = data(s, self);
    if (!checkInstance(s, d, obj)) return -1;
    if (d.getset!.set === undefined) {
      s.raise(
        s.b.AttributeError,
        `attribute '${d.name}' of '${d.owner.name}' objects is not writable`,
      );
      return -1;
    }
    return d.getset!.set(obj, value);
  };
  // member_descriptor: a __slots__ entry of a class (a getset over one field of the instance).
  const member = s.newStaticType("member_descriptor", b.object, {
    dealloc: getset.slots.dealloc!,
    repr: (self) => {
      const d = data(s, self);
      return s.newStr(`<member '${d.name}' of '${typeName(d)}' objects>`);
    },
    descrGet: getset.slots.descrGet,
    descrSet: getset.slots.descrSet,
  });
  b.member_descriptor = member;
  for (const t of [method, wrapper, classmethod, getset, member]) {
    t.getsets.set("__name__", { get: (self) => s.newStr(data(s, self).name) });
    t.getsets.set("__qualname__", {
      get: (self) => {
        const d = data(s, self);
        return s.newStr(`${d.owner.qualname}.${d.name}`);
      },
    });
    t.getsets.set("__objclass__", { get: (self) => s.refs.asOwned(data(s, self).owner.addr | 1) });
    t.getsets.set("__doc__", { get: () => s.None });
  }

  // Builtin functions and methods: their names and the object they are bound to.
  const bf = b.builtin_function_or_method;
  bf.getsets.set("__name__", { get: (self) => s.newStr(builtinData(s, self).name) });
  bf.getsets.set("__qualname__", {
    get: (self) => {
      const d = builtinData(s, self);
      const bound = i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!;
      if (bound === NULL || s.typeOf(bound) === b.module) return s.newStr(d.name);
      // A class method's owner is the class it is bound to; a method's is its instance's type.
      const owner = s.typeOf(bound).isSubtypeOf(b.type)
        ? s.typeFromAddr(bound & ~TAG_MASK).qualname
        : d.owner || s.typeOf(bound).qualname;
      return s.newStr(`${owner}.${d.name}`);
    },
  });
  bf.getsets.set("__self__", {
    get: (self) => {
      const bound = i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!;
      return bound === NULL ? s.None : s.refs.asOwned(bound);
    },
  });
  bf.getsets.set("__doc__", { get: () => s.None });
  bf.getsets.set("__text_signature__", { get: () => s.None });

  // method-wrapper: a slot wrapper bound to an instance (the layout of a builtin method).
  const builtinSlots = b.builtin_function_or_method.slots;
  const mw = s.newStaticType(
    "method-wrapper",
    b.object,
    {
      dealloc: builtinSlots.dealloc!,
      call: builtinSlots.call!,
      repr: (self) => {
        const d = builtinData(s, self);
        const bound = i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!;
        const r = defaultRepr(s, bound);
        if (r === ERROR) return ERROR;
        const at = s.strValue(r).split(" at ")[1];
        s.refs.close(r);
        return s.newStr(`<method-wrapper '${d.name}' of ${s.typeOf(bound).name} object at ${at}`);
      },
    },
    { gc: true },
  );
  b["method-wrapper"] = mw;
  mw.getsets.set("__name__", { get: (self) => s.newStr(builtinData(s, self).name) });
  mw.getsets.set("__qualname__", {
    get: (self) => {
      const d = builtinData(s, self);
      return s.newStr(`${d.owner}.${d.name}`);
    },
  });
  mw.getsets.set("__self__", {
    get: (self) => s.refs.asOwned(i32[((self & ~TAG_MASK) + BUILTIN_SELF) >> 2]!),
  });
}

// ---- mappingproxy: a read-only view of a mapping (a class's namespace) ----

const MP_MAPPING = 8;
const MP_SIZE = 12;

/** A mappingproxy over `mapping` (borrowed). */
export function newMappingProxy(s: ObjectSpace, mapping: StackRef): StackRef {
  const o = s.allocObject(s.b.mappingproxy, MP_SIZE);
  if (o === 0) return ERROR;
  s.i32[(o + MP_MAPPING) >> 2] = s.refs.asOwned(mapping);
  return o;
}

/** The namespace of a builtin type as a new dict: its descriptors and plain attributes. */
export function builtinNamespace(s: ObjectSpace, t: PyType): StackRef {
  const d = newDict(s);
  if (d === ERROR) return ERROR;
  const put = (name: string, v: StackRef) => {
    if (v === ERROR) return false;
    const r = dictSetItem(s, d, s.intern(name), v);
    s.refs.close(v);
    return r === 0;
  };
  let ok = true;
  for (const [name, impl] of t.methods) {
    const kind = t.slotWrappers.has(name) ? "wrapper" : "method";
    ok &&= put(name, s.refs.asOwned(builtinDescriptor(s, t, name, kind, impl)));
  }
  for (const [name, impl] of t.classMethods) {
    // __new__ is a builtin function bound to the type, the others classmethod_descriptors.
    ok &&= put(
      name,
      name === "__new__"
        ? newBuiltin(s, name, impl, t.addr | 1, t.name)
        : s.refs.asOwned(builtinDescriptor(s, t, name, "classmethod", impl)),
    );
  }
  for (const [name, gs] of t.getsets) {
    ok &&= put(name, s.refs.asOwned(builtinDescriptor(s, t, name, "getset", gs)));
  }
  for (const [name, v] of t.attrs) ok &&= put(name, s.refs.asOwned(v));
  if (!ok) {
    s.refs.close(d);
    return ERROR;
  }
  return d;
}

export function installMappingProxy(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const mapping = (self: StackRef) => i32[((self & ~TAG_MASK) + MP_MAPPING) >> 2]!;
  const t = s.newStaticType(
    "mappingproxy",
    b.object,
    {
      dealloc: (a) => {
        s.refs.close(i32[(a + MP_MAPPING) >> 2]!);
        s.heap.freeObject(a);
      },
      new: (_type, args, nargs, kwnames) => {
        const a = parseArgs(
          s,
          "mappingproxy",
          { names: ["mapping"], required: 1 },
          args,
          nargs,
          kwnames,
        );
        if (a === null) return ERROR;
        const m = a[0]!;
        const mt = s.typeOf(m);
        if (mt.slots.getitem === undefined || isList(s, m) || isTuple(s, m)) {
          return s.raise(
            s.b.TypeError,
            `mappingproxy() argument must be a mapping, not ${mt.name}`,
          );
        }
        return newMappingProxy(s, m);
      },
      repr: (self) => {
        const r = s.repr(mapping(self));
        if (r === ERROR) return ERROR;
        const text = `mappingproxy(${s.strValue(r)})`;
        s.refs.close(r);
        return s.newStr(text);
      },
      str: (self) => s.str(mapping(self)),
      getitem: (self, key) => s.getItem(mapping(self), key),
      contains: (self, key) => s.contains(mapping(self), key),
      len: (self) => s.length(mapping(self)),
      iter: (self) => s.getIter(mapping(self)),
      richcompare: (self, other, op) => s.richCompare(mapping(self), other, op),
      binop: (x, y, nb) => {
        if (nb !== NB.OR && nb !== NB.INPLACE_OR) return s.NotImplemented;
        const left = s.typeOf(x) === t ? mapping(x) : x;
        const right = s.typeOf(y) === t ? mapping(y) : y;
        return s.binaryOp(left, right, NB.OR);
      },
    },
    { gc: true },
  );
  b.mappingproxy = t;
  // get/keys/values/items/copy: the mapping's own methods.
  for (const name of ["get", "keys", "values", "items", "copy"]) {
    t.methods.set(name, (self, args, nargs, kwnames) => {
      const f = s.getAttr(mapping(self), s.intern(name));
      if (f === ERROR) return ERROR;
      const r = s.callVector(f, args, nargs, kwnames);
      s.refs.close(f);
      return r;
    });
  }
  t.methods.set("__reversed__", (self, _args, nargs, kwnames) => {
    if (!noKeywords(s, "__reversed__", kwnames) || !checkArgCount(s, "__reversed__", nargs, 0, 0)) {
      return ERROR;
    }
    const f = s.getAttr(mapping(self), s.intern("__reversed__"));
    if (f === ERROR) return ERROR;
    const r = s.call(f, []);
    s.refs.close(f);
    return r;
  });
}
