// What every object and class can say about itself (CPython's object and type methods in
// Objects/typeobject.c): __dir__, __sizeof__, __getstate__, __reduce_ex__/__reduce__ (the
// copyreg protocol), __subclasshook__, __doc__, the `__dict__` and `__weakref__` attributes of
// instances, and type's layout attributes (__basicsize__, __flags__...), __instancecheck__,
// __subclasscheck__ and __prepare__.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { callSpecial, genericGetAttrOrNull, instanceDict, typeLookup } from "./classes.js";
import { newGetSetDescriptor } from "./descr.js";
import {
  dictLength,
  dictNextEntry,
  dictSetItem,
  entryKey,
  entryValue,
  isDict,
  newDict,
} from "./dict.js";
import { moduleDict } from "./func.js";
import { FUNC_BUILTINS, TYPE_FLAGS } from "./layout.js";
import { isList } from "./list.js";
import { slotDunderNames } from "./slot-wrappers.js";
import type { ObjectSpace } from "./space.js";
import { isStr, strValue } from "./str.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import type { GetSet, PyType, VectorCall } from "./type.js";
import { weakrefsOf } from "./weakref.js";

/** The str keys of a dict, added to `names`. */
function addDictKeys(s: ObjectSpace, d: StackRef, names: Set<string>): void {
  if (d <= NULL || !isDict(s, d)) return;
  let pos = 0;
  for (;;) {
    const e = dictNextEntry(s, d, pos);
    if (e === 0) return;
    pos = s.iterPos;
    const k = entryKey(s, e);
    if (isStr(s, k)) names.add(strValue(s, k));
  }
}

/** Every attribute name a class and its bases define (type___dir__'s merged namespaces). */
function addTypeNames(s: ObjectSpace, t: PyType, names: Set<string>): void {
  for (const c of t.mro) {
    if (c.heap) {
      addDictKeys(s, c.dict, names);
      continue;
    }
    for (const table of [c.methods, c.classMethods, c.getsets, c.attrs]) {
      for (const k of table.keys()) names.add(k);
    }
    for (const k of slotDunderNames(c)) names.add(k);
  }
}

function namesList(s: ObjectSpace, names: Set<string>): StackRef {
  return s.newList([...names].map((n) => s.newStr(n)));
}

/** `obj.__dict__` get and set, for the builtin types that keep an instance dict. */
function dictGetSet(s: ObjectSpace): GetSet {
  return {
    get: (self) => {
      const d = instanceDict(s, self, true);
      if (d === NULL) {
        return s.raise(
          s.b.AttributeError,
          `'${s.typeOf(self).name}' object has no attribute '__dict__'`,
        );
      }
      return d === ERROR ? ERROR : s.refs.asOwned(d);
    },
    set: (self, value) => {
      if (value === NULL) {
        s.raise(s.b.TypeError, "cannot delete __dict__");
        return -1;
      }
      if (!isDict(s, value)) {
        s.raise(
          s.b.TypeError,
          `__dict__ must be set to a dictionary, not a '${s.typeOf(value).name}'`,
        );
        return -1;
      }
      const d = instanceDict(s, self, true);
      if (d === ERROR) return -1;
      if (d === NULL) {
        s.raise(s.b.AttributeError, "This object has no __dict__");
        return -1;
      }
      // Replace the slot's dict (the slot owns its reference).
      const at = instanceDictSlot(s, self);
      s.i32[at] = s.refs.asOwned(value);
      s.refs.close(d);
      return 0;
    },
  };
}

/** The i32 index of the instance's __dict__ slot (which exists: instanceDict made it). */
function instanceDictSlot(s: ObjectSpace, obj: StackRef): number {
  const t = s.typeOf(obj);
  const addr = obj & ~TAG_MASK;
  const off = t.dictOffset;
  return off > 0 ? (addr + off) >> 2 : (addr - off + t.fieldDelta(addr)) >> 2;
}

/** `obj.__weakref__`: its first weak reference, or None. */
function weakrefGetSet(s: ObjectSpace): GetSet {
  return {
    get: (self) => {
      const refs = weakrefsOf(s).refsOf(self);
      return refs.length === 0 ? s.None : s.refs.asOwned(refs[0]!);
    },
  };
}

/**
 * The `__dict__` and `__weakref__` descriptors a new class puts in its namespace when it is the
 * first of its line to have an instance dict (CPython's type_new_descriptors). 0 or -1.
 */
export function addInstanceDescriptors(
  s: ObjectSpace,
  t: PyType,
  addsDict: boolean,
  wantWeakref = true,
): number {
  // A metaclass's instances are classes: type's own __dict__ and weak references serve them.
  if (t.isSubtypeOf(s.b.type)) return 0;
  const wanted: [string, GetSet][] = [];
  if (addsDict) wanted.push(["__dict__", dictGetSet(s)]);
  // Classes over variable-size builtins (int, tuple, bytes) have no weak reference slot.
  const weakrefable = t.builtin.varSize === null;
  const inherited = t.mro.slice(1).some((c) => c.heap && c.builtin.varSize === null);
  if (wantWeakref && weakrefable && !inherited) wanted.push(["__weakref__", weakrefGetSet(s)]);
  for (const [name, gs] of wanted) {
    const key = s.intern(name);
    if (s.dictGetItem(t.dict, key) !== NULL) continue;
    const d = newGetSetDescriptor(s, t, name, gs);
    if (d === ERROR) return -1;
    const r = dictSetItem(s, t.dict, key, d);
    s.refs.close(d);
    if (r < 0) return -1;
  }
  return 0;
}

/**
 * object.__getstate__(): the instance dict (None when absent or empty), paired with a dict of
 * the __slots__ values when the class has slots (as copyreg._slotnames lists them).
 */
function objectGetState(s: ObjectSpace, self: StackRef): StackRef {
  const d = instanceDict(s, self, false);
  if (d === ERROR) return ERROR;
  const state = d === NULL || dictLength(s, d) === 0 ? s.None : s.refs.asOwned(d);
  const slots = slotValues(s, self);
  if (slots === ERROR) {
    s.refs.close(state);
    return ERROR;
  }
  if (slots === NULL) return state;
  return tupleFromRefs(s, [state, slots]);
}

/** A dict of the instance's set __slots__ fields, NULL when its class has none. */
function slotValues(s: ObjectSpace, self: StackRef): StackRef {
  let out: StackRef = NULL;
  for (const c of s.typeOf(self).mro) {
    if (!c.heap) continue;
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, c.dict, pos);
      if (e === 0) break;
      pos = s.iterPos;
      const v = entryValue(s, e);
      if (s.typeOf(v) !== s.b.member_descriptor) continue;
      if (out === NULL) {
        out = newDict(s);
        if (out === ERROR) return ERROR;
      }
      const value = s.typeOf(v).slots.descrGet!(v, self, s.typeAddrOf(self) | 1);
      if (value === ERROR) {
        // An unset slot is left out.
        if (!s.isInstance(s.curexc, s.b.AttributeError)) return ERROR;
        s.refs.close(s.fetchException());
        continue;
      }
      const r = dictSetItem(s, out, entryKey(s, e), value);
      s.refs.close(value);
      if (r < 0) return ERROR;
    }
  }
  return out;
}

/** Call `obj.name()` through its type, or return NULL when it has no such method. */
function callOptional(s: ObjectSpace, obj: StackRef, name: string): StackRef {
  return callSpecial(s, obj, name, []);
}

/**
 * copyreg.__newobj__(cls, *args) and copyreg._reconstructor(cls, base, state): the callables a
 * reduce tuple names, made once per space.
 */
function reduceHelpers(s: ObjectSpace): { newobj: StackRef; reconstructor: StackRef } {
  const cached = helpers.get(s);
  if (cached !== undefined) return cached;
  const i32 = s.i32;
  const newobj: VectorCall = (_self, args, nargs) => {
    if (nargs < 1) return s.raise(s.b.TypeError, "__newobj__() missing required argument 'cls'");
    const cls = i32[args]!;
    const f = s.getAttr(cls, s.intern("__new__"));
    if (f === ERROR) return ERROR;
    const items: StackRef[] = [];
    for (let k = 0; k < nargs; k++) items.push(i32[args + k]!);
    const r = s.call(f, items);
    s.refs.close(f);
    return r;
  };
  const reconstructor: VectorCall = (_self, args, nargs) => {
    if (!checkArgCount(s, "_reconstructor", nargs, 3, 3)) return ERROR;
    const [cls, base, state] = [i32[args]!, i32[args + 1]!, i32[args + 2]!];
    const bt = s.typeFromAddr(base & ~TAG_MASK);
    if (bt === s.b.object) {
      const f = s.getAttr(s.b.object.addr | 1, s.intern("__new__"));
      if (f === ERROR) return ERROR;
      const r = s.call(f, [cls]);
      s.refs.close(f);
      return r;
    }
    const f = s.getAttr(base, s.intern("__new__"));
    if (f === ERROR) return ERROR;
    const obj = s.call(f, [cls, state]);
    s.refs.close(f);
    if (obj === ERROR) return ERROR;
    const init = s.getAttr(base, s.intern("__init__"));
    const r = init === ERROR ? ERROR : s.call(init, [obj, state]);
    if (init !== ERROR) s.refs.close(init);
    if (r === ERROR) {
      s.refs.close(obj);
      return ERROR;
    }
    s.refs.close(r);
    return obj;
  };
  const made = {
    newobj: s.newBuiltin("__newobj__", newobj),
    reconstructor: s.newBuiltin("_reconstructor", reconstructor),
  };
  for (const f of Object.values(made)) s.heap.makeImmortal(f & ~TAG_MASK);
  const immortal = { newobj: made.newobj | 1, reconstructor: made.reconstructor | 1 };
  helpers.set(s, immortal);
  return immortal;
}

const helpers = new WeakMap<ObjectSpace, { newobj: StackRef; reconstructor: StackRef }>();

/** copyreg's reduce_newobj (protocol 2 and later). */
function reduceNewObj(s: ObjectSpace, self: StackRef): StackRef {
  const t = s.typeOf(self);
  const { newobj } = reduceHelpers(s);
  let extra = callOptional(s, self, "__getnewargs__");
  if (extra === ERROR) return ERROR;
  if (extra === NULL) extra = tupleFromRefs(s, []);
  else if (s.typeOf(extra) !== s.b.tuple) {
    const name = s.typeOf(extra).name;
    s.refs.close(extra);
    return s.raise(s.b.TypeError, `__getnewargs__ should return a tuple, not '${name}'`);
  }
  if (extra === ERROR) return ERROR;
  const items = [s.refs.asOwned(t.addr | 1)];
  for (let k = 0; k < tupleLength(s, extra); k++) items.push(s.refs.dup(tupleItem(s, extra, k)));
  s.refs.close(extra);
  const args = tupleFromRefs(s, items);
  if (args === ERROR) return ERROR;
  const state = callOptional(s, self, "__getstate__");
  if (state === ERROR || state === NULL) {
    s.refs.close(args);
    return state === NULL ? s.raise(s.b.TypeError, "no __getstate__") : ERROR;
  }
  // A list's items and a dict's pairs travel as iterators.
  let listItems: StackRef = s.None;
  let dictItems: StackRef = s.None;
  if (isList(s, self)) listItems = s.getIter(self);
  else if (isDict(s, self)) {
    const f = s.getAttr(self, s.intern("items"));
    const view = f === ERROR ? ERROR : s.call(f, []);
    if (f !== ERROR) s.refs.close(f);
    dictItems = view === ERROR ? ERROR : s.getIter(view);
    if (view !== ERROR) s.refs.close(view);
  }
  if (listItems === ERROR || dictItems === ERROR) {
    s.refs.close(args);
    s.refs.close(state);
    return ERROR;
  }
  return tupleFromRefs(s, [s.refs.asOwned(newobj), args, state, listItems, dictItems]);
}

/** copyreg._reduce_ex (protocols 0 and 1). */
function reduceEx01(s: ObjectSpace, self: StackRef): StackRef {
  const t = s.typeOf(self);
  // The first base that is not a class (a builtin whose instances carry the value).
  let base = s.b.object;
  for (const c of t.mro) {
    if (!c.heap) {
      base = c;
      break;
    }
  }
  let state: StackRef = s.None;
  if (base !== s.b.object) {
    if (base === t) return s.raise(s.b.TypeError, `cannot pickle '${t.name}' object`);
    state = s.call(base.addr | 1, [self]);
    if (state === ERROR) return ERROR;
  }
  const args = tupleFromRefs(s, [s.refs.asOwned(t.addr | 1), s.refs.asOwned(base.addr | 1), state]);
  if (args === ERROR) return ERROR;
  const dict = callOptional(s, self, "__getstate__");
  if (dict === ERROR) {
    s.refs.close(args);
    return ERROR;
  }
  const { reconstructor } = reduceHelpers(s);
  const truth = dict === NULL ? 0 : s.isTrue(dict);
  if (truth > 0) return tupleFromRefs(s, [s.refs.asOwned(reconstructor), args, dict]);
  if (dict !== NULL) s.refs.close(dict);
  return tupleFromRefs(s, [s.refs.asOwned(reconstructor), args]);
}

export function installIntrospection(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const obj = b.object;
  const noArgs = (name: string, nargs: number, kwnames: StackRef) =>
    noKeywords(s, name, kwnames) && checkArgCount(s, name, nargs, 0, 0);
  obj.methods.set("__dir__", (self, _args, nargs, kwnames) => {
    if (!noArgs("__dir__", nargs, kwnames)) return ERROR;
    const names = new Set<string>();
    const d = instanceDict(s, self, false);
    if (d !== ERROR) addDictKeys(s, d, names);
    addTypeNames(s, s.typeOf(self), names);
    return namesList(s, names);
  });
  b.type.methods.set("__dir__", (self, _args, nargs, kwnames) => {
    if (!noArgs("__dir__", nargs, kwnames)) return ERROR;
    const names = new Set<string>();
    addTypeNames(s, s.typeFromAddr(self & ~TAG_MASK), names);
    return namesList(s, names);
  });
  b.module.methods.set("__dir__", (self, _args, nargs, kwnames) => {
    if (!noArgs("__dir__", nargs, kwnames)) return ERROR;
    const d = moduleDict(s, self);
    const custom = s.dictGetStr(d, "__dir__");
    if (custom > NULL) return s.call(custom, []);
    const names = new Set<string>();
    addDictKeys(s, d, names);
    return namesList(s, names);
  });
  obj.methods.set("__sizeof__", (self, _args, nargs, kwnames) => {
    if (!noArgs("__sizeof__", nargs, kwnames)) return ERROR;
    // The bytes the object's block takes in the heap (its header included).
    return s.newInt(s.heap.blockSize(self & ~TAG_MASK));
  });
  b.type.methods.set("__sizeof__", (self, _args, nargs, kwnames) => {
    if (!noArgs("__sizeof__", nargs, kwnames)) return ERROR;
    return s.newInt(s.heap.blockSize(self & ~TAG_MASK));
  });
  obj.methods.set("__getstate__", (self, _args, nargs, kwnames) =>
    noArgs("__getstate__", nargs, kwnames) ? objectGetState(s, self) : ERROR,
  );
  const reduceEx = (self: StackRef, protocol: number): StackRef => {
    // A class's own __reduce__ wins over the copyreg protocol.
    const own = typeLookup(s, s.typeOf(self), "__reduce__");
    if (own !== null && own.kind === "value") {
      const r = callSpecial(s, self, "__reduce__", []);
      return r === NULL ? s.raise(s.b.TypeError, "__reduce__ not callable") : r;
    }
    return protocol >= 2 ? reduceNewObj(s, self) : reduceEx01(s, self);
  };
  obj.methods.set("__reduce_ex__", (self, args, nargs, kwnames) => {
    if (!noKeywords(s, "__reduce_ex__", kwnames)) return ERROR;
    if (!checkArgCount(s, "__reduce_ex__", nargs, 1, 1)) return ERROR;
    const p = i32[args]!;
    if ((p & TAG_MASK) !== 3) {
      return s.raise(
        s.b.TypeError,
        `'${s.typeOf(p).name}' object cannot be interpreted as an integer`,
      );
    }
    return reduceEx(self, p >> 2);
  });
  obj.methods.set("__reduce__", (self, _args, nargs, kwnames) => {
    return noArgs("__reduce__", nargs, kwnames) ? reduceEx01(s, self) : ERROR;
  });
  obj.classMethods.set("__subclasshook__", () => s.NotImplemented);
  // __doc__: builtin types carry no docstrings here, so it is None.
  for (const t of s.types) {
    if (!t.heap && !t.getsets.has("__doc__")) t.attrs.set("__doc__", s.None);
  }

  // The instance dict of builtin types that keep one.
  for (const t of [b.function, b.module, b.BaseException, b.classmethod, b.staticmethod]) {
    t.getsets.set("__dict__", dictGetSet(s));
  }
  obj.getsets.delete("__dict__");
  b.function.getsets.set("__builtins__", {
    get: (self) => s.refs.asOwned(i32[((self & ~TAG_MASK) + FUNC_BUILTINS) >> 2]!),
  });
  // PEP 695: a generic def stores its type parameters in the function's dict (typing's intrinsic).
  b.function.getsets.set("__type_params__", {
    get: (self) => {
      const d = instanceDict(s, self, false);
      const v = d > NULL ? s.dictGetStr(d, "__type_params__") : NULL;
      if (v === ERROR) return ERROR;
      return v > NULL ? s.refs.asOwned(v) : tupleFromRefs(s, []);
    },
    set: (self, value) => {
      if (value === NULL || !isTuple(s, value)) {
        s.raise(s.b.TypeError, "__type_params__ must be set to a tuple");
        return -1;
      }
      const d = instanceDict(s, self, true);
      return d === ERROR || d === NULL ? -1 : s.dictSetStr(d, "__type_params__", value);
    },
  });
  // A bound method is its own descriptor: binding it again changes nothing.
  b.method.slots.descrGet = (self) => s.refs.asOwned(self);
  b.method.slotWrappers.add("__get__");
  b.method.methods.set("__get__", (self) => s.refs.asOwned(self));
  b.method.getsets.set("__doc__", {
    get: (self) => {
      const doc = genericGetAttrOrNull(s, i32[((self & ~TAG_MASK) + 8) >> 2]!, "__doc__");
      return doc === NULL ? s.None : doc;
    },
  });
  // AttributeError(name=, obj=) and NameError(name=): keyword-only attributes, None by default.
  for (const [t, keys] of [
    [b.AttributeError, ["name", "obj"]],
    [b.NameError, ["name"]],
  ] as const) {
    for (const key of keys) {
      t.getsets.set(key, {
        get: (self) => {
          const d = instanceDict(s, self, false);
          const v = d > NULL ? s.dictGetStr(d, key) : NULL;
          return v > NULL ? s.refs.asOwned(v) : v === ERROR ? ERROR : s.None;
        },
        set: (self, value) => {
          const d = instanceDict(s, self, true);
          if (d === ERROR) return -1;
          return value === NULL ? s.setItem(d, s.intern(key), NULL) : s.dictSetStr(d, key, value);
        },
      });
    }
    const baseInit = b.BaseException.methods.get("__init__")!;
    const init: VectorCall = (self, args, nargs, kwnames) => {
      const nkw = kwnames === NULL ? 0 : tupleLength(s, kwnames);
      for (let k = 0; k < nkw; k++) {
        const key = strValue(s, tupleItem(s, kwnames, k));
        if (!(keys as readonly string[]).includes(key)) {
          return s.raise(s.b.TypeError, `${t.name}() got an unexpected keyword argument '${key}'`);
        }
        if (t.getsets.get(key)!.set!(self, i32[args + nargs + k]!) < 0) return ERROR;
      }
      return baseInit(self, args, nargs, NULL);
    };
    t.methods.set("__init__", init);
    // The builtin subclasses (UnboundLocalError) construct through it too.
    for (const c of s.types) {
      if (!c.heap && c.isSubtypeOf(t))
        c.slots.init = (self, a, n, kw) => (init(self, a, n, kw) === ERROR ? -1 : 0);
    }
  }

  // Builtin exceptions take no keyword arguments (BaseException_init), except those above.
  for (const t of s.types) {
    if (t.heap || !t.isSubtypeOf(b.BaseException) || t.slots.init !== undefined) continue;
    t.slots.init = (self, _args, _nargs, kwnames) => {
      if (kwnames === NULL || tupleLength(s, kwnames) === 0) return 0;
      s.raise(s.b.TypeError, `${s.typeOf(self).name}() takes no keyword arguments`);
      return -1;
    };
  }

  // BaseException.__setstate__(state): the state dict's items become attributes.
  b.BaseException.methods.set("__setstate__", (self, args, nargs, kwnames) => {
    if (!noKeywords(s, "__setstate__", kwnames) || !checkArgCount(s, "__setstate__", nargs, 1, 1)) {
      return ERROR;
    }
    const state = i32[args]!;
    if (state === s.None) return s.None;
    if (!isDict(s, state)) return s.raise(s.b.TypeError, "state is not a dictionary");
    let pos = 0;
    for (;;) {
      const e = dictNextEntry(s, state, pos);
      if (e === 0) return s.None;
      pos = s.iterPos;
      if (s.setAttr(self, entryKey(s, e), entryValue(s, e)) < 0) return ERROR;
    }
  });

  // type's layout attributes and hooks.
  const typeOf = (self: StackRef) => s.typeFromAddr(self & ~TAG_MASK);
  const num = (f: (t: PyType) => number): GetSet => ({ get: (self) => s.newInt(f(typeOf(self))) });
  b.type.getsets.set(
    "__basicsize__",
    num((t) => t.basicSize),
  );
  b.type.getsets.set(
    "__itemsize__",
    num((t) => (t.builtin.varSize === null ? 0 : t.builtin === b.bytes ? 1 : 4)),
  );
  b.type.getsets.set(
    "__dictoffset__",
    num((t) => t.dictOffset),
  );
  b.type.getsets.set(
    "__weakrefoffset__",
    num(() => 0),
  );
  b.type.getsets.set(
    "__flags__",
    num((t) => i32[(t.addr + TYPE_FLAGS) >> 2]! >>> 0),
  );
  b.type.getsets.set("__text_signature__", { get: () => s.None });
  b.type.getsets.set("__type_params__", {
    get: (self) => {
      const t = typeOf(self);
      const v = t.heap ? s.dictGetStr(t.dict, "__type_params__") : NULL;
      return v > NULL ? s.refs.asOwned(v) : tupleFromRefs(s, []);
    },
  });
  const fromDict = (name: string): GetSet => ({
    get: (self) => {
      const t = typeOf(self);
      const v = t.heap ? s.dictGetStr(t.dict, name) : NULL;
      if (v === ERROR) return ERROR;
      if (v > NULL) return s.refs.asOwned(v);
      return s.raise(s.b.AttributeError, `type object '${t.name}' has no attribute '${name}'`);
    },
    set: (self, value) => {
      const t = typeOf(self);
      if (!t.heap) {
        s.raise(s.b.TypeError, `cannot set '${name}' attribute of immutable type '${t.name}'`);
        return -1;
      }
      return s.setItem(t.dict, s.intern(name), value);
    },
  });
  b.type.getsets.set("__abstractmethods__", fromDict("__abstractmethods__"));
  b.type.getsets.set("__annotations__", {
    get: (self) => {
      const t = typeOf(self);
      if (!t.heap) return fromDict("__annotations__").get(self);
      const v = s.dictGetStr(t.dict, "__annotations__");
      if (v === ERROR) return ERROR;
      if (v > NULL) return s.refs.asOwned(v);
      // A class without annotations gets an empty dict of its own on first access.
      const d = newDict(s);
      if (d === ERROR || s.dictSetStr(t.dict, "__annotations__", d) < 0) return ERROR;
      return d;
    },
    set: fromDict("__annotations__").set!,
  });
  const check =
    (name: string, test: (cls: PyType, arg: StackRef) => boolean | null): VectorCall =>
    (self, args, nargs, kwnames) => {
      if (!noKeywords(s, name, kwnames) || !checkArgCount(s, name, nargs, 1, 1)) return ERROR;
      const r = test(typeOf(self), i32[args]!);
      return r === null ? ERROR : s.bool(r);
    };
  b.type.methods.set(
    "__instancecheck__",
    check("__instancecheck__", (cls, o) => s.typeOf(o).isSubtypeOf(cls)),
  );
  b.type.methods.set(
    "__subclasscheck__",
    check("__subclasscheck__", (cls, o) => {
      if (!s.typeOf(o).isSubtypeOf(b.type)) {
        s.raise(s.b.TypeError, "issubclass() arg 1 must be a class");
        return null;
      }
      return s.typeFromAddr(o & ~TAG_MASK).isSubtypeOf(cls);
    }),
  );
  // type.__prepare__(name, bases, **kwds): a new empty namespace.
  b.type.classMethods.set("__prepare__", () => newDict(s));
}
