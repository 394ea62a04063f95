// types.GenericAlias (`list[int]`, CPython's Objects/genericaliasobject.c) and types.UnionType
// (`int | None`, Objects/unionobject.c), with `__class_getitem__` of the builtin containers and
// subscripting of classes.
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { checkArgCount, noKeywords, parseArgs } from "./args.js";
import type { Builtins } from "./builtins-types.js";
import { genericGetAttr, genericGetAttrOrNull, typeLookup } from "./classes.js";
import type { ObjectSpace } from "./space.js";
import { isTuple, tupleFromRefs, tupleItem, tupleLength } from "./tuple.js";
import { CompareOp, NB, type VectorCall } from "./type.js";

// GenericAlias: [origin][args tuple]; UnionType: [args tuple].
const GA_ORIGIN = 8;
const GA_ARGS = 12;
const GA_SIZE = 16;
const UNION_ARGS = 8;
const UNION_SIZE = 12;

/** Attributes a GenericAlias answers itself; every other one is its origin's (ga_getattro). */
const GA_OWN = new Set([
  "__class__",
  "__bases__",
  "__origin__",
  "__args__",
  "__unpacked__",
  "__parameters__",
  "__typing_unpacked_tuple_args__",
  "__mro_entries__",
  "__reduce_ex__",
  "__reduce__",
  "__copy__",
  "__deepcopy__",
]);

function field(s: ObjectSpace, o: StackRef, off: number): StackRef {
  return s.i32[((o & ~TAG_MASK) + off) >> 2]!;
}

/** The items of a tuple (borrowed). */
function items(s: ObjectSpace, t: StackRef): StackRef[] {
  const out: StackRef[] = [];
  for (let i = 0; i < tupleLength(s, t); i++) out.push(tupleItem(s, t, i));
  return out;
}

/** `origin[args]`: a GenericAlias (origin borrowed; a non-tuple `args` is one argument). */
export function newGenericAlias(s: ObjectSpace, origin: StackRef, args: StackRef): StackRef {
  const tuple = isTuple(s, args) ? s.refs.asOwned(args) : tupleFromRefs(s, [s.refs.asOwned(args)]);
  if (tuple === ERROR) return ERROR;
  const o = s.allocObject(s.b.GenericAlias, GA_SIZE);
  if (o === 0) {
    s.refs.close(tuple);
    return ERROR;
  }
  s.i32[(o + GA_ORIGIN) >> 2] = s.refs.asOwned(origin);
  s.i32[(o + GA_ARGS) >> 2] = tuple;
  return o;
}

/** CPython's ga_repr_item: `...`, a type's qualified name, or the item's repr. */
function reprItem(s: ObjectSpace, item: StackRef): string | null {
  if (item === s.Ellipsis) return "...";
  const t = s.typeOf(item);
  if (t !== s.b.GenericAlias && t !== s.b.UnionType && t.isSubtypeOf(s.b.type)) {
    const c = s.typeFromAddr(item & ~TAG_MASK);
    return c.module === "builtins" ? c.qualname : `${c.module}.${c.qualname}`;
  }
  if (item === s.None) return "None";
  const r = s.repr(item);
  if (r === ERROR) return null;
  const text = s.strValue(r);
  s.refs.close(r);
  return text;
}

/** The type variables among `args` (those with `__typing_subst__`) and inside nested aliases. */
function parameters(s: ObjectSpace, args: StackRef): StackRef {
  const found: StackRef[] = [];
  const add = (p: StackRef) => {
    if (!found.some((q) => (q & ~1) === (p & ~1))) found.push(s.refs.asOwned(p));
  };
  for (const a of items(s, args)) {
    if (s.typeOf(a).isSubtypeOf(s.b.type)) continue;
    const subst = genericGetAttrOrNull(s, a, "__typing_subst__");
    if (subst === ERROR) s.refs.close(s.fetchException());
    else if (subst !== NULL) {
      s.refs.close(subst);
      add(a);
      continue;
    }
    const nested = genericGetAttrOrNull(s, a, "__parameters__");
    if (nested === ERROR) s.refs.close(s.fetchException());
    else if (nested !== NULL) {
      if (isTuple(s, nested)) for (const p of items(s, nested)) add(p);
      s.refs.close(nested);
    }
  }
  return tupleFromRefs(s, found);
}

/** Whether `x` may be an operand of `|` between types (a class, None, an alias, a union). */
function unionable(s: ObjectSpace, x: StackRef): boolean {
  const t = s.typeOf(x);
  return x === s.None || t.isSubtypeOf(s.b.type) || t === s.b.GenericAlias || t === s.b.UnionType;
}

/** `a | b` of types: a UnionType of their flattened, de-duplicated members (None as NoneType). */
export function newUnion(s: ObjectSpace, a: StackRef, b: StackRef): StackRef {
  if (!unionable(s, a) || !unionable(s, b)) return s.NotImplemented;
  const members: StackRef[] = [];
  for (const x of [a, b]) {
    const parts = s.typeOf(x) === s.b.UnionType ? items(s, field(s, x, UNION_ARGS)) : [x];
    for (let p of parts) {
      if (p === s.None) p = s.b.NoneType.addr | 1;
      let dup = false;
      for (const m of members) {
        const eq = s.richCompareBool(m, p, CompareOp.EQ);
        if (eq < 0) {
          for (const q of members) s.refs.close(q);
          return ERROR;
        }
        if (eq === 1) dup = true;
      }
      if (!dup) members.push(s.refs.asOwned(p));
    }
  }
  if (members.length === 1) return members[0]!;
  const args = tupleFromRefs(s, members);
  if (args === ERROR) return ERROR;
  const o = s.allocObject(s.b.UnionType, UNION_SIZE);
  if (o === 0) {
    s.refs.close(args);
    return ERROR;
  }
  s.i32[(o + UNION_ARGS) >> 2] = args;
  return o;
}

/** `cls[key]` for a class: `type[...]`, or the class's `__class_getitem__`. NULL if it has none. */
export function classGetItem(s: ObjectSpace, cls: StackRef, key: StackRef): StackRef {
  if ((cls & ~TAG_MASK) === s.b.type.addr) return newGenericAlias(s, cls, key);
  const t = s.typeFromAddr(cls & ~TAG_MASK);
  const f = typeLookup(s, t, "__class_getitem__");
  if (f === null) return NULL;
  if (f.kind === "classmethod") return s.callImpl(f.impl, cls, [key]);
  if (f.kind !== "value") return NULL;
  // Defined in a class body it is an implicit class method.
  const fn =
    s.typeOf(f.ref) === s.b.classmethod || s.typeOf(f.ref) === s.b.staticmethod
      ? field(s, f.ref, 8)
      : f.ref;
  return s.typeOf(f.ref) === s.b.staticmethod ? s.call(fn, [key]) : s.call(fn, [cls, key]);
}

export function installGenericAlias(s: ObjectSpace, b: Builtins): void {
  const i32 = s.i32;
  const repr = (self: StackRef): StackRef => {
    const origin = reprItem(s, field(s, self, GA_ORIGIN));
    if (origin === null) return ERROR;
    const args = field(s, self, GA_ARGS);
    const parts: string[] = [];
    for (const a of items(s, args)) {
      const text = reprItem(s, a);
      if (text === null) return ERROR;
      parts.push(text);
    }
    return s.newStr(`${origin}[${parts.length === 0 ? "()" : parts.join(", ")}]`);
  };
  const ga = s.newStaticType(
    "GenericAlias",
    b.object,
    {
      dealloc: (a) => {
        s.refs.close(i32[(a + GA_ORIGIN) >> 2]!);
        s.refs.close(i32[(a + GA_ARGS) >> 2]!);
        s.heap.freeObject(a);
      },
      new: (_type, args, nargs, kwnames) => {
        if (!noKeywords(s, "GenericAlias", kwnames)) return ERROR;
        if (!checkArgCount(s, "GenericAlias", nargs, 2, 2)) return ERROR;
        return newGenericAlias(s, i32[args]!, i32[args + 1]!);
      },
      repr,
      hash: (self) => {
        const h1 = s.hashExact(field(s, self, GA_ORIGIN));
        const h2 = h1 === null ? null : s.hashExact(field(s, self, GA_ARGS));
        if (h1 === null || h2 === null) return -1;
        return s.hashFromBigInt(h1 ^ h2);
      },
      richcompare: (self, other, op) => {
        if (s.typeOf(other) !== b.GenericAlias || (op !== CompareOp.EQ && op !== CompareOp.NE)) {
          return s.NotImplemented;
        }
        let eq = s.richCompareBool(field(s, self, GA_ORIGIN), field(s, other, GA_ORIGIN), op);
        if (eq < 0) return ERROR;
        if ((eq === 1) === (op === CompareOp.EQ)) {
          eq = s.richCompareBool(field(s, self, GA_ARGS), field(s, other, GA_ARGS), op);
          if (eq < 0) return ERROR;
        }
        return s.bool(eq === 1);
      },
      // Calling the alias makes an instance of the origin (and records __orig_class__).
      call: (self, args, nargs, kwnames) => {
        const obj = s.callVector(field(s, self, GA_ORIGIN), args, nargs, kwnames);
        if (obj === ERROR) return ERROR;
        if (s.setAttr(obj, s.intern("__orig_class__"), self) < 0) {
          const e = s.fetchException();
          if (!s.isInstance(e, b.AttributeError) && !s.isInstance(e, b.TypeError)) {
            s.setException(e);
            s.refs.close(obj);
            return ERROR;
          }
          s.refs.close(e);
        }
        return obj;
      },
      getattr: (self, name) =>
        GA_OWN.has(s.strValue(name))
          ? genericGetAttr(s, self, name)
          : s.getAttr(field(s, self, GA_ORIGIN), name),
      binop: (x, y, nb) => (nb === NB.OR ? newUnion(s, x, y) : s.NotImplemented),
    },
    { gc: true },
  );
  ga.module = "types";
  b.GenericAlias = ga;
  ga.getsets.set("__origin__", { get: (self) => s.refs.asOwned(field(s, self, GA_ORIGIN)) });
  ga.getsets.set("__args__", { get: (self) => s.refs.asOwned(field(s, self, GA_ARGS)) });
  ga.getsets.set("__parameters__", { get: (self) => parameters(s, field(s, self, GA_ARGS)) });
  ga.getsets.set("__unpacked__", { get: () => s.False });
  ga.methods.set("__mro_entries__", (self, _args, nargs) => {
    if (!checkArgCount(s, "__mro_entries__", nargs, 1, 1)) return ERROR;
    return tupleFromRefs(s, [s.refs.asOwned(field(s, self, GA_ORIGIN))]);
  });
  ga.methods.set("__getitem__", (self) =>
    s.raise(s.b.TypeError, `${s.strText(repr(self)) ?? "alias"} is not a generic class`),
  );

  const union = s.newStaticType(
    "UnionType",
    b.object,
    {
      dealloc: (a) => {
        s.refs.close(i32[(a + UNION_ARGS) >> 2]!);
        s.heap.freeObject(a);
      },
      repr: (self) => {
        const parts: string[] = [];
        for (const a of items(s, field(s, self, UNION_ARGS))) {
          const text = a === (b.NoneType.addr | 1) ? "None" : reprItem(s, a);
          if (text === null) return ERROR;
          parts.push(text);
        }
        return s.newStr(parts.join(" | "));
      },
      hash: (self) => {
        const fs = s.call(b.frozenset.addr | 1, [field(s, self, UNION_ARGS)]);
        if (fs === ERROR) return -1;
        const h = s.hash(fs);
        s.refs.close(fs);
        return h;
      },
      richcompare: (self, other, op) => {
        if (s.typeOf(other) !== b.UnionType || (op !== CompareOp.EQ && op !== CompareOp.NE)) {
          return s.NotImplemented;
        }
        const a = s.call(b.frozenset.addr | 1, [field(s, self, UNION_ARGS)]);
        if (a === ERROR) return ERROR;
        const c = s.call(b.frozenset.addr | 1, [field(s, other, UNION_ARGS)]);
        if (c === ERROR) {
          s.refs.close(a);
          return ERROR;
        }
        const r = s.richCompare(a, c, op);
        s.refs.close(a);
        s.refs.close(c);
        return r;
      },
      binop: (x, y, nb) => (nb === NB.OR ? newUnion(s, x, y) : s.NotImplemented),
    },
    { gc: true },
  );
  union.module = "types";
  b.UnionType = union;
  union.getsets.set("__args__", { get: (self) => s.refs.asOwned(field(s, self, UNION_ARGS)) });
  union.getsets.set("__parameters__", {
    get: (self) => parameters(s, field(s, self, UNION_ARGS)),
  });

  // int | None: type's nb_or.
  const typeBinop = b.type.slots.binop;
  b.type.slots.binop = (x, y, nb, reflected) => {
    if (nb === NB.OR) return newUnion(s, x, y);
    return typeBinop === undefined ? s.NotImplemented : typeBinop(x, y, nb, reflected);
  };
  const noneBinop = b.NoneType.slots.binop;
  b.NoneType.slots.binop = (x, y, nb, reflected) => {
    if (nb === NB.OR && (s.typeOf(x).isSubtypeOf(b.type) || s.typeOf(y).isSubtypeOf(b.type))) {
      return newUnion(s, x, y);
    }
    return noneBinop === undefined ? s.NotImplemented : noneBinop(x, y, nb, reflected);
  };

  // list[int]: __class_getitem__ of the builtin containers.
  const classGetItemImpl: VectorCall = (cls, args, nargs, kwnames) => {
    const a = parseArgs(
      s,
      "__class_getitem__",
      { names: ["item"], required: 1 },
      args,
      nargs,
      kwnames,
    );
    return a === null ? ERROR : newGenericAlias(s, cls, a[0]!);
  };
  for (const t of [b.list, b.dict, b.tuple, b.set, b.frozenset]) {
    t.classMethods.set("__class_getitem__", classGetItemImpl);
  }
}
