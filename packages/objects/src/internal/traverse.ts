// What the cycle collector needs from each container type: CPython's tp_traverse (visit every
// reference the object owns) and tp_clear (drop the references that can form cycles), plus the
// finalizer of classes (`__del__`). A traverse visits counted references only: a reference visited
// but not counted would make the collector free a live object, while one missed only keeps a
// cycle alive. Types without a traverse are not tracked.
import type { TypeInfo, Visit } from "@skein/gc";
import { ERROR, NULL, type StackRef } from "@skein/stackref";
import { typeLookup } from "./classes.js";
import { dictClear } from "./dict-methods.js";
import { isExceptionType } from "./exceptions.js";
import {
  BUILTIN_MODULE,
  BUILTIN_SELF,
  DICT_KEYS,
  DICTITER_DICT,
  ENTRY_KEY,
  ENTRY_SIZE,
  ENTRY_VALUE,
  EXC_ARGS,
  EXC_CAUSE,
  EXC_CONTEXT,
  EXC_DICT,
  EXC_NOTES,
  EXC_TRACEBACK,
  FUNC_ANNOTATIONS,
  FUNC_BUILTINS,
  FUNC_CLOSURE,
  FUNC_CODE,
  FUNC_DEFAULTS,
  FUNC_DICT,
  FUNC_DOC,
  FUNC_GLOBALS,
  FUNC_KWDEFAULTS,
  FUNC_MODULE,
  FUNC_NAME,
  FUNC_QUALNAME,
  KEYS_HEADER,
  KEYS_LOG2,
  KEYS_NENTRIES,
  LIST_ITEMS,
  LIST_LENGTH,
  MODULE_DICT,
  MODULE_NAME,
  SEQITER_SEQ,
  TB_CODE,
  TB_NEXT,
  TUPLE_ITEMS,
  TUPLE_LENGTH,
  TYPE_VERSION,
} from "./layout.js";
import type { ObjectSpace } from "./space.js";
import type { PyType } from "./type.js";

// Field offsets of types whose layouts are private to their modules (kept in step with them).
const METHOD_FIELDS = [8, 12]; // classes.ts: METHOD_FUNC, METHOD_SELF
const WRAP_FIELDS = [8, 12]; // classes.ts: WRAP_FUNC, WRAP_DICT (classmethod, staticmethod)
const PROP_FIELDS = [8, 12, 16, 20, 24]; // classes.ts: PROP_GET, PROP_SET, PROP_DEL, PROP_DOC, PROP_NAME
const SUPER_FIELDS = [8, 12, 16]; // classes.ts: SUPER_TYPE, SUPER_OBJ, SUPER_OBJTYPE
const CELL_FIELDS = [8]; // cell-slice.ts: CELL_REF
const VIEW_FIELDS = [8]; // dict-methods.ts: VIEW_DICT
const SET_ITER_FIELDS = [8]; // set.ts: SITER_SET
const SET_MASK = 16; // set.ts
const SET_TABLE = 20;
const SET_ENTRY = 12;
const EXC_FIELDS = [EXC_ARGS, EXC_TRACEBACK, EXC_CONTEXT, EXC_CAUSE, EXC_NOTES, EXC_DICT];
const FUNC_FIELDS = [
  FUNC_CODE,
  FUNC_GLOBALS,
  FUNC_BUILTINS,
  FUNC_NAME,
  FUNC_QUALNAME,
  FUNC_DEFAULTS,
  FUNC_KWDEFAULTS,
  FUNC_CLOSURE,
  FUNC_DOC,
  FUNC_DICT,
  FUNC_MODULE,
  FUNC_ANNOTATIONS,
];
// func_clear keeps the code and the names: what a repr of a cleared function needs.
const FUNC_CLEARED = [
  FUNC_GLOBALS,
  FUNC_BUILTINS,
  FUNC_DEFAULTS,
  FUNC_KWDEFAULTS,
  FUNC_CLOSURE,
  FUNC_DOC,
  FUNC_DICT,
  FUNC_MODULE,
  FUNC_ANNOTATIONS,
];

/** Reports an exception a finalizer or callback raised (CPython's PyErr_WriteUnraisable). */
export type UnraisableHandler = (exc: StackRef, context: string, obj: StackRef) => void;

const unraisableHandlers = new WeakMap<ObjectSpace, UnraisableHandler>();

/** Where exceptions raised in `__del__` and weakref callbacks are reported (default: dropped). */
export function setUnraisableHandler(s: ObjectSpace, handler: UnraisableHandler): void {
  unraisableHandlers.set(s, handler);
}

/**
 * Take the current exception and report it as unraisable ("Exception ignored in: ..."); the
 * exception that was current before (`saved`) becomes current again.
 */
export function writeUnraisable(
  s: ObjectSpace,
  context: string,
  obj: StackRef,
  saved: StackRef,
): void {
  const exc = s.fetchException();
  const handler = unraisableHandlers.get(s);
  if (exc !== NULL) {
    if (handler !== undefined) handler(exc, context, obj);
    s.refs.close(exc);
  }
  s.curexc = saved;
}

function fieldsTraverse(s: ObjectSpace, offsets: readonly number[]) {
  const i32 = s.i32;
  return (addr: number, visit: Visit): void => {
    for (const off of offsets) visit(i32[(addr + off) >> 2]!);
  };
}

function fieldsClear(s: ObjectSpace, offsets: readonly number[]) {
  const i32 = s.i32;
  return (addr: number): void => {
    for (const off of offsets) {
      const v = i32[(addr + off) >> 2]!;
      i32[(addr + off) >> 2] = NULL;
      s.refs.close(v);
    }
  };
}

function hooks(
  s: ObjectSpace,
  type: PyType | undefined,
  traverse: (addr: number, visit: Visit) => void,
  clear?: (addr: number) => void,
): void {
  if (type === undefined) return;
  s.heap.setTypeHooks(type.addr, clear === undefined ? { traverse } : { traverse, clear });
}

/**
 * Give every container type of the space its traverse and clear, track classes and their
 * instances (with `__del__` as their finalizer), so that the cycle collector can run.
 */
export function installTraverse(s: ObjectSpace): void {
  const i32 = s.i32;
  const b = s.b;
  hooks(s, b.tuple, (addr, visit) => {
    const n = i32[(addr + TUPLE_LENGTH) >> 2]!;
    const base = (addr + TUPLE_ITEMS) >> 2;
    for (let i = 0; i < n; i++) visit(i32[base + i]!);
  });
  hooks(
    s,
    b.list,
    (addr, visit) => {
      const n = i32[(addr + LIST_LENGTH) >> 2]!;
      const base = i32[(addr + LIST_ITEMS) >> 2]! >> 2;
      for (let i = 0; i < n; i++) visit(i32[base + i]!);
    },
    (addr) => {
      // list_clear: the items leave the list before they are closed.
      const n = i32[(addr + LIST_LENGTH) >> 2]!;
      const items = i32[(addr + LIST_ITEMS) >> 2]!;
      if (n === 0) return;
      const taken = Array.from(i32.subarray(items >> 2, (items >> 2) + n));
      i32[(addr + LIST_LENGTH) >> 2] = 0;
      for (const v of taken) s.refs.close(v);
    },
  );
  hooks(
    s,
    b.dict,
    (addr, visit) => {
      const keys = i32[(addr + DICT_KEYS) >> 2]!;
      const n = i32[(keys + KEYS_NENTRIES) >> 2]!;
      let e = keys + KEYS_HEADER + (4 << i32[(keys + KEYS_LOG2) >> 2]!);
      for (let ix = 0; ix < n; ix++, e += ENTRY_SIZE) {
        visit(i32[(e + ENTRY_KEY) >> 2]!);
        visit(i32[(e + ENTRY_VALUE) >> 2]!);
      }
    },
    (addr) => {
      if (dictClear(s, addr) < 0) s.refs.close(s.fetchException());
    },
  );
  const setTraverse = (addr: number, visit: Visit): void => {
    const table = i32[(addr + SET_TABLE) >> 2]!;
    const mask = i32[(addr + SET_MASK) >> 2]!;
    for (let i = 0; i <= mask; i++) {
      const k = i32[(table + i * SET_ENTRY) >> 2]!;
      if (k !== 0) visit(k); // 0: never used; the dummy (2) is skipped by the collector
    }
  };
  hooks(s, b.set, setTraverse);
  hooks(s, b.frozenset, setTraverse);
  hooks(s, b.set_iterator, fieldsTraverse(s, SET_ITER_FIELDS));
  for (const t of s.types) {
    const info = s.heap.typeInfoOfType(t.addr);
    if (!info.gc || info.traverse !== undefined) continue;
    if (/_iterator$/.test(t.name) && !t.name.startsWith("set") && !t.name.startsWith("dict")) {
      hooks(s, t, fieldsTraverse(s, [SEQITER_SEQ]), fieldsClear(s, [SEQITER_SEQ]));
    } else if (isExceptionType(s, t)) {
      hooks(s, t, fieldsTraverse(s, EXC_FIELDS), fieldsClear(s, EXC_FIELDS));
    }
  }
  for (const t of [b.dict_keyiterator, b.dict_valueiterator, b.dict_itemiterator]) {
    hooks(s, t, fieldsTraverse(s, [DICTITER_DICT]));
  }
  for (const name of ["dict_keys", "dict_values", "dict_items"]) {
    hooks(
      s,
      s.types.find((t) => t.name === name && !t.heap),
      fieldsTraverse(s, VIEW_FIELDS),
    );
  }
  hooks(s, b.function, fieldsTraverse(s, FUNC_FIELDS), fieldsClear(s, FUNC_CLEARED));
  hooks(s, b.mappingproxy, fieldsTraverse(s, [8])); // its mapping (descr.ts)
  hooks(s, b.GenericAlias, fieldsTraverse(s, [8, 12])); // origin, args (generic-alias.ts)
  hooks(s, b.UnionType, fieldsTraverse(s, [8])); // args
  for (const t of [b.builtin_function_or_method, b["method-wrapper"]]) {
    hooks(s, t, fieldsTraverse(s, [BUILTIN_SELF, BUILTIN_MODULE]));
  }
  hooks(s, b.module, fieldsTraverse(s, [MODULE_DICT, MODULE_NAME]), (addr) => {
    const d = i32[(addr + MODULE_DICT) >> 2]!;
    if (d !== NULL && dictClear(s, d) < 0) s.refs.close(s.fetchException());
  });
  hooks(s, b.traceback, fieldsTraverse(s, [TB_NEXT, TB_CODE]), fieldsClear(s, [TB_NEXT]));
  hooks(s, b.method, fieldsTraverse(s, METHOD_FIELDS));
  hooks(s, b.classmethod, fieldsTraverse(s, WRAP_FIELDS), fieldsClear(s, WRAP_FIELDS));
  hooks(s, b.staticmethod, fieldsTraverse(s, WRAP_FIELDS), fieldsClear(s, WRAP_FIELDS));
  hooks(s, b.property, fieldsTraverse(s, PROP_FIELDS), fieldsClear(s, PROP_FIELDS));
  hooks(s, b.super, fieldsTraverse(s, SUPER_FIELDS));
  hooks(s, b.cell, fieldsTraverse(s, CELL_FIELDS), fieldsClear(s, CELL_FIELDS));

  // Classes: `type` gains the GC header (only immortal builtin types exist so far, allocated
  // without one); a class owns its namespace and its heap bases.
  s.heap.setTypeHooks(b.type.addr, {
    gc: true,
    traverse: classTraverse(s),
    clear: classClear(s),
  });
  // Classes defined from now on, and their instances.
  s.heap.onTypeRegistered = (typeAddr, info) => {
    const t = s.typeFromAddr(typeAddr);
    if (t?.heap) instanceHooks(s, t, info);
  };
}

function classTraverse(s: ObjectSpace) {
  return (addr: number, visit: Visit): void => {
    const t = s.typeFromAddr(addr);
    if (!t.heap) return;
    visit(t.dict);
    for (const base of t.bases) if (base.heap) visit(base.addr);
  };
}

function classClear(s: ObjectSpace) {
  return (addr: number): void => {
    const t = s.typeFromAddr(addr);
    if (!t.heap || t.dict === NULL) return;
    // type_clear: the namespace empties (the class stays usable as an object).
    if (dictClear(s, t.dict) < 0) s.refs.close(s.fetchException());
    s.modifiedType(t);
  };
}

/** Traverse, clear and finalize of the instances of class `t` (info registered for it). */
function instanceHooks(s: ObjectSpace, t: PyType, info: TypeInfo): void {
  const i32 = s.i32;
  const builtinBase = t.builtin;
  const baseInfo = builtinBase === s.b.object ? null : s.heap.typeInfoOfType(builtinBase.addr);
  const start = builtinBase.basicSize;
  // Every instance of a class owns a reference to it (ObjectSpace.allocObject), classes made by
  // a Python metaclass included (they are allocated with the metaclass's size, so the slots the
  // metaclass adds after the type object's fields are visited too).
  info.traverse = (addr, visit) => {
    const ot = s.typeFromAddr(i32[(addr + 4) >> 2]!);
    visit(ot.addr);
    const delta = ot.fieldDelta(addr);
    for (let off = start; off < ot.basicSize; off += 4) visit(i32[(addr + off + delta) >> 2]!);
    baseInfo?.traverse?.(addr, visit);
  };
  info.clear = (addr) => {
    const ot = s.typeFromAddr(i32[(addr + 4) >> 2]!);
    const delta = ot.fieldDelta(addr);
    for (let off = start; off < ot.basicSize; off += 4) {
      const v = i32[(addr + off + delta) >> 2]!;
      i32[(addr + off + delta) >> 2] = NULL;
      s.refs.close(v);
    }
    baseInfo?.clear?.(addr);
  };
  info.finalize = instanceFinalizer(s);
}

/** `__del__` of an instance, looked up along the MRO (cached per type version). */
function instanceFinalizer(s: ObjectSpace): (addr: number) => void {
  const cache = new Map<number, { version: number; del: StackRef }>();
  const i32 = s.i32;
  return (addr) => {
    const typeAddr = i32[(addr + 4) >> 2]!;
    const version = i32[(typeAddr + TYPE_VERSION) >> 2]!;
    let entry = cache.get(typeAddr);
    if (entry === undefined || entry.version !== version) {
      const found = typeLookup(s, s.typeFromAddr(typeAddr), "__del__");
      entry = { version, del: found !== null && found.kind === "value" ? found.ref : NULL };
      cache.set(typeAddr, entry);
    }
    if (entry.del === NULL) return;
    const del = s.refs.asOwned(entry.del);
    const saved = s.fetchException();
    const r = s.call(del, [addr | 1]);
    if (r === ERROR) writeUnraisable(s, "Exception ignored in", del, saved);
    else {
      s.refs.close(r);
      s.curexc = saved;
    }
    s.refs.close(del);
  };
}
