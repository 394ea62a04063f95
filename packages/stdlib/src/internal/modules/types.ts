// The _types module: the builtin types under their names, and SimpleNamespace; lib/types.py
// adds the types only Python code can reach (generators, coroutines, frames) and the helpers.
import {
  CompareOp,
  dictNextEntry,
  entryKey,
  entryValue,
  instanceDict,
  layout,
  type ObjectSpace,
  type PyType,
  strValue,
  tupleItem,
  tupleLength,
} from "@skein/objects";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import type { ModuleBuilder } from "../module-util.js";
import type { Stdlib } from "../runtime.js";

const NS_DICT = 8;
const NS_SIZE = 12;
const perSpace = new WeakMap<ObjectSpace, PyType>();

/** types.SimpleNamespace: attributes in an instance dict, a keyword constructor, a repr. */
export function simpleNamespaceType(s: ObjectSpace): PyType {
  const known = perSpace.get(s);
  if (known !== undefined) return known;
  const fill = (self: StackRef, args: number, nargs: number, kwnames: StackRef): number => {
    const d = instanceDict(s, self, true);
    if (d === ERROR) return -1;
    if (nargs === 1) {
      const r = s.call(s.b.dict.addr | 1, [s.i32[args]!]);
      if (r === ERROR) return -1;
      let pos = 0;
      for (;;) {
        const e = dictNextEntry(s, r, pos);
        if (e === 0) break;
        pos = s.iterPos;
        if (s.setItem(d, entryKey(s, e), entryValue(s, e)) < 0) {
          s.refs.close(r);
          return -1;
        }
      }
      s.refs.close(r);
    }
    const n = kwnames === NULL ? 0 : tupleLength(s, kwnames);
    for (let i = 0; i < n; i++) {
      if (s.setItem(d, tupleItem(s, kwnames, i), s.i32[args + nargs + i]!) < 0) return -1;
    }
    return 0;
  };
  const t = s.newStaticType(
    "SimpleNamespace",
    s.b.object,
    {
      dealloc: (addr) => {
        s.refs.close(s.i32[(addr + NS_DICT) >> 2]!);
        s.heap.freeObject(addr);
      },
      new: (cls, args, nargs, kwnames) => {
        const ct = s.typeFromAddr(cls & ~TAG_MASK);
        if (nargs > 1) {
          return s.raise(
            s.b.TypeError,
            `SimpleNamespace expected at most 1 argument, got ${nargs}`,
          );
        }
        // allocObject takes the reference an instance holds to its class.
        const o = s.allocObject(ct, ct.basicSize);
        if (o === 0) return ERROR;
        s.i32.fill(NULL, (o + 8) >> 2, (o + ct.basicSize) >> 2);
        // A subclass's call may not reach the init slot: fill the namespace here too (filling
        // it twice stores the same values).
        if (ct.heap && fill(o, args, nargs, kwnames) < 0) {
          s.refs.close(o);
          return ERROR;
        }
        return o;
      },
      init: (self, args, nargs, kwnames) => fill(self, args, nargs, kwnames),
      repr: (self) => {
        const name = s.typeOf(self) === t ? "namespace" : s.typeOf(self).name;
        if (!s.reprEnter(self)) return s.newStr(`${name}(...)`);
        const d = instanceDict(s, self, true);
        const parts: string[] = [];
        let pos = 0;
        for (;;) {
          const e = dictNextEntry(s, d, pos);
          if (e === 0) break;
          pos = s.iterPos;
          const r = s.repr(entryValue(s, e));
          if (r === ERROR) {
            s.reprLeave(self);
            return ERROR;
          }
          parts.push(`${strValue(s, entryKey(s, e))}=${strValue(s, r)}`);
          s.refs.close(r);
        }
        s.reprLeave(self);
        return s.newStr(`${name}(${parts.join(", ")})`);
      },
      richcompare: (self, other, op) => {
        if ((op !== CompareOp.EQ && op !== CompareOp.NE) || !s.isInstance(other, t)) {
          return s.NotImplemented;
        }
        const a = instanceDict(s, self, true);
        const b = instanceDict(s, other, true);
        return s.richCompare(a, b, op);
      },
    },
    { gc: true, flags: layout.TPFLAGS_BASETYPE },
  );
  t.module = "types";
  t.dictOffset = NS_DICT;
  t.basicSize = NS_SIZE;
  perSpace.set(s, t);
  return t;
}

export function initTypes(_rt: Stdlib, m: ModuleBuilder): void {
  const s = m.s;
  const b = s.b;
  m.ref("SimpleNamespace", simpleNamespaceType(s).addr | 1);
  const names: [string, PyType | undefined][] = [
    ["FunctionType", b.function],
    ["LambdaType", b.function],
    ["BuiltinFunctionType", b.builtin_function_or_method],
    ["BuiltinMethodType", b.builtin_function_or_method],
    ["MethodType", b.method],
    ["ModuleType", b.module],
    ["CodeType", b.code],
    ["CellType", b.cell],
    ["NoneType", b.NoneType],
    ["NotImplementedType", b.NotImplementedType],
    ["EllipsisType", b.ellipsis],
    ["TracebackType", b.traceback],
    ["GeneratorType", b.generator],
    ["CoroutineType", b.coroutine],
    ["MappingProxyType", b.mappingproxy],
    ["WrapperDescriptorType", b.wrapper_descriptor],
    ["MethodWrapperType", b["method-wrapper"]],
    ["MethodDescriptorType", b.method_descriptor],
    ["ClassMethodDescriptorType", b.classmethod_descriptor],
    ["GetSetDescriptorType", b.getset_descriptor],
    ["GenericAlias", b.GenericAlias],
    ["UnionType", b.UnionType],
  ];
  for (const [name, type] of names) if (type !== undefined) m.ref(name, type.addr | 1);
}
