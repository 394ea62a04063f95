// Weak references (CPython's Objects/weakrefobject.c): `weakref.ref` (callable, hashable,
// subclassable), `weakref.proxy`, and the lists of weak references of each referent. A weak
// reference holds its referent's address without a count; the referent carries the GC_WEAKREFS
// flag in its GC header, so that its deallocation (or the collector) clears its weak references
// and calls their callbacks by CPython's rules. Only objects with a GC header can be referenced.
import { GC_HEADER_SIZE, GC_WEAKREFS, type WeakrefSupport } from "@skein/gc";
import { ERROR, NULL, type StackRef, TAG_MASK } from "@skein/stackref";
import { TPFLAGS_BASETYPE } from "./layout.js";
import type { ObjectSpace } from "./space.js";
import { writeUnraisable } from "./traverse.js";
import { CompareOp, type PyType, type VectorCall } from "./type.js";

const WR_OBJECT = 8; // the referent's address, 0 once dead
const WR_CALLBACK = 12; // ref or NULL
const WR_HASH_LO = 16;
const WR_HASH_HI = 20;
const WR_HASHED = 24;
const WR_SIZE = 28;

/** The weak-reference machinery of one object space. */
export class Weakrefs implements WeakrefSupport {
  readonly s: ObjectSpace;
  readonly refType: PyType;
  readonly proxyType: PyType;
  readonly callableProxyType: PyType;
  /** Referent address -> its weak references, in CPython's list order. */
  private readonly lists = new Map<number, number[]>();

  constructor(s: ObjectSpace) {
    this.s = s;
    const i32 = s.i32;
    const dealloc = (addr: number) => {
      this.clearRef(addr);
      const cb = i32[(addr + WR_CALLBACK) >> 2]!;
      i32[(addr + WR_CALLBACK) >> 2] = NULL;
      s.refs.close(cb);
      s.heap.freeObject(addr);
    };
    this.refType = s.newStaticType(
      "ReferenceType",
      s.b.object,
      {
        dealloc,
        new: (self, args, nargs, kwnames) => {
          // CPython's PyArg_UnpackTuple messages; keywords only for a subclass (its __init__'s).
          const t = s.typeFromAddr(self & ~TAG_MASK);
          if (t === this.refType && kwnames !== NULL && s.length(kwnames) > 0) {
            return s.raise(s.b.TypeError, "ref() takes no keyword arguments");
          }
          if (nargs < 1 || nargs > 2) {
            return s.raise(
              s.b.TypeError,
              nargs < 1
                ? `__new__ expected at least 1 argument, got ${nargs}`
                : `__new__ expected at most 2 arguments, got ${nargs}`,
            );
          }
          const callback = nargs === 2 ? i32[args + 1]! : NULL;
          return this.newRef(t, i32[args]!, callback);
        },
        init: () => 0,
        call: (self, _args, nargs, kwnames) => {
          if (nargs !== 0 || (kwnames !== NULL && s.length(kwnames) > 0)) {
            s.raise(s.b.TypeError, `weakref() takes no arguments`);
            return ERROR;
          }
          const o = i32[((self & ~TAG_MASK) + WR_OBJECT) >> 2]!;
          return o === 0 ? s.None : s.refs.asOwned(o);
        },
        repr: (self) => this.repr(self, "weakref"),
        hash: (self) => {
          const w = self & ~TAG_MASK;
          if (i32[(w + WR_HASHED) >> 2] !== 0) {
            return s.hashResult(i32[(w + WR_HASH_LO) >> 2]!, i32[(w + WR_HASH_HI) >> 2]!);
          }
          const o = i32[(w + WR_OBJECT) >> 2]!;
          if (o === 0) {
            s.raise(s.b.TypeError, "weak object has gone away");
            s.hashHi = -1;
            return -1;
          }
          const lo = s.hash(o);
          const hi = s.hashHi;
          if (lo === -1 && hi === -1) return -1;
          i32[(w + WR_HASH_LO) >> 2] = lo;
          i32[(w + WR_HASH_HI) >> 2] = hi;
          i32[(w + WR_HASHED) >> 2] = 1;
          return s.hashResult(lo, hi);
        },
        richcompare: (self, other, op) => {
          if ((op !== CompareOp.EQ && op !== CompareOp.NE) || !this.isRef(other)) {
            return s.NotImplemented;
          }
          const a = i32[((self & ~TAG_MASK) + WR_OBJECT) >> 2]!;
          const b = i32[((other & ~TAG_MASK) + WR_OBJECT) >> 2]!;
          if (a === 0 || b === 0) {
            const same = (self & ~1) === (other & ~1);
            return s.bool(op === CompareOp.EQ ? same : !same);
          }
          return s.richCompare(a | 1, b | 1, op);
        },
      },
      { gc: true, flags: TPFLAGS_BASETYPE },
    );
    this.refType.module = "weakref";
    this.refType.basicSize = WR_SIZE;
    this.refType.getsets.set("__callback__", {
      get: (self) => {
        const cb = i32[((self & ~TAG_MASK) + WR_CALLBACK) >> 2]!;
        return cb === NULL ? s.None : s.refs.asOwned(cb);
      },
    });
    this.proxyType = this.makeProxyType("ProxyType", dealloc, false);
    this.callableProxyType = this.makeProxyType("CallableProxyType", dealloc, true);
    const traverse = (addr: number, visit: (ref: number) => void) =>
      visit(i32[(addr + WR_CALLBACK) >> 2]!);
    const clear = (addr: number) => {
      this.clearRef(addr);
      const cb = i32[(addr + WR_CALLBACK) >> 2]!;
      i32[(addr + WR_CALLBACK) >> 2] = NULL;
      s.refs.close(cb);
    };
    for (const t of [this.refType, this.proxyType, this.callableProxyType]) {
      s.heap.setTypeHooks(t.addr, { traverse, clear });
    }
    s.heap.onWeakrefsCleared = (addr) => this.clearOnDealloc(addr);
  }

  private makeProxyType(name: string, dealloc: (a: number) => void, callable: boolean): PyType {
    const s = this.s;
    const target = (self: StackRef): StackRef => {
      const o = s.i32[((self & ~TAG_MASK) + WR_OBJECT) >> 2]!;
      if (o === 0) {
        s.raise(s.b.ReferenceError!, "weakly-referenced object no longer exists");
        return ERROR;
      }
      return o | 1;
    };
    const call: VectorCall = (self, args, nargs, kwnames) => {
      const o = target(self);
      return o === ERROR ? ERROR : s.callVector(o, args, nargs, kwnames);
    };
    const t = s.newStaticType(
      name,
      s.b.object,
      {
        dealloc,
        repr: (self) => this.repr(self, "weakproxy"),
        hash: () => {
          // A proxy is unhashable (the referent's hash could change when it dies).
          s.raise(s.b.TypeError, `unhashable type: 'weakref.${name}'`);
          s.hashHi = -1;
          return -1;
        },
        str: (self) => {
          const o = target(self);
          return o === ERROR ? ERROR : s.str(o);
        },
        getattr: (self, n) => {
          const o = target(self);
          return o === ERROR ? ERROR : s.getAttr(o, n);
        },
        setattr: (self, n, v) => {
          const o = target(self);
          return o === ERROR ? -1 : s.setAttr(o, n, v);
        },
        bool: (self) => {
          const o = target(self);
          return o === ERROR ? -1 : s.isTrue(o);
        },
        len: (self) => {
          const o = target(self);
          return o === ERROR ? -1 : s.length(o);
        },
        getitem: (self, k) => {
          const o = target(self);
          return o === ERROR ? ERROR : s.getItem(o, k);
        },
        setitem: (self, k, v) => {
          const o = target(self);
          return o === ERROR ? -1 : s.setItem(o, k, v);
        },
        contains: (self, k) => {
          const o = target(self);
          return o === ERROR ? -1 : s.contains(o, k);
        },
        iter: (self) => {
          const o = target(self);
          return o === ERROR ? ERROR : s.getIter(o);
        },
        richcompare: (self, other, op) => {
          const o = target(self);
          if (o === ERROR) return ERROR;
          let w = other;
          if (this.isProxy(other)) {
            w = target(other);
            if (w === ERROR) return ERROR;
          }
          return s.richCompare(o, w, op);
        },
        binop: (a, b, nb) => {
          const x = this.isProxy(a) ? target(a) : a;
          if (x === ERROR) return ERROR;
          const y = this.isProxy(b) ? target(b) : b;
          if (y === ERROR) return ERROR;
          return s.binaryOp(x, y, nb);
        },
        ...(callable ? { call } : {}),
      },
      { gc: true },
    );
    t.module = "weakref";
    return t;
  }

  isRef(ref: StackRef): boolean {
    return (ref & 3) !== 3 && s_typeOf(this.s, ref).isSubtypeOf(this.refType);
  }

  isProxy(ref: StackRef): boolean {
    if ((ref & 3) === 3) return false;
    const t = s_typeOf(this.s, ref);
    return t === this.proxyType || t === this.callableProxyType;
  }

  /** WeakrefSupport: a weak reference object (ref, a subclass of it, or a proxy). */
  isWeakref(addr: number): boolean {
    const t = this.s.typeOf(addr);
    return t.isSubtypeOf(this.refType) || t === this.proxyType || t === this.callableProxyType;
  }

  private repr(self: StackRef, kind: string): StackRef {
    const s = this.s;
    const w = self & ~TAG_MASK;
    const id = (a: number) => `0x${a.toString(16).padStart(12, "0")}`;
    const o = s.i32[(w + WR_OBJECT) >> 2]!;
    if (o === 0) return s.newStr(`<${kind} at ${id(w)}; dead>`);
    let name = "";
    if (kind === "weakref") {
      const n = s.getAttr(o | 1, s.intern("__name__"));
      if (n === ERROR) s.refs.close(s.fetchException());
      else {
        if (s.isInstance(n, s.b.str)) name = ` (${s.strValue(n)})`;
        s.refs.close(n);
      }
    }
    return s.newStr(`<${kind} at ${id(w)}; to '${s.typeOf(o).name}' at ${id(o)}${name}>`);
  }

  /** Whether `o` can be weakly referenced: an object with a GC header, not a tuple/list/dict. */
  private weakrefable(o: StackRef): boolean {
    const s = this.s;
    if ((o & 3) === 3 || (s.i32[(o & ~TAG_MASK) >> 2]! & 0x4000_0000) !== 0) return false;
    const t = s.typeOf(o);
    if (t === s.b.tuple || t === s.b.list || t === s.b.dict || t === s.b.int) return false;
    return s.heap.typeInfoOfType(t.addr).gc;
  }

  /** weakref.ref(o, callback) of type `type` (ref or a subclass); borrowed arguments. */
  newRef(type: PyType, o: StackRef, callback: StackRef): StackRef {
    return this.make(type, o, callback);
  }

  /** weakref.proxy(o, callback). */
  newProxy(o: StackRef, callback: StackRef): StackRef {
    const callable = this.s.typeOf(o).slots.call !== undefined;
    return this.make(callable ? this.callableProxyType : this.proxyType, o, callback);
  }

  private make(type: PyType, o: StackRef, callback: StackRef): StackRef {
    const s = this.s;
    const i32 = s.i32;
    if (!this.weakrefable(o)) {
      return s.raise(s.b.TypeError, `cannot create weak reference to '${s.typeOf(o).name}' object`);
    }
    const addr = o & ~TAG_MASK;
    if (callback === s.None) callback = NULL;
    let list = this.lists.get(addr);
    const basic =
      callback === NULL &&
      (type === this.refType || type === this.proxyType || type === this.callableProxyType);
    // CPython reuses the basic (callback-less) ref or proxy of an object.
    if (basic && list !== undefined) {
      for (const wr of list) {
        if (s.typeOf(wr) === type && i32[(wr + WR_CALLBACK) >> 2] === NULL)
          return s.refs.asOwned(wr);
      }
    }
    const wr = s.allocObject(type, Math.max(type.basicSize, WR_SIZE));
    if (wr === 0) return ERROR;
    i32.fill(NULL, (wr + 8) >> 2, (wr + Math.max(type.basicSize, WR_SIZE)) >> 2);
    i32[(wr + WR_OBJECT) >> 2] = addr;
    i32[(wr + WR_CALLBACK) >> 2] = callback === NULL ? NULL : s.refs.asOwned(callback);
    i32[(wr + WR_HASHED) >> 2] = 0;
    if (list === undefined) {
      list = [];
      this.lists.set(addr, list);
      i32[(addr - GC_HEADER_SIZE + 4) >> 2]! |= GC_WEAKREFS;
    }
    // The basic ref first, then the basic proxy, then the others newest first.
    if (callback === NULL && type === this.refType) list.unshift(wr);
    else {
      let at = 0;
      while (at < list.length && at < 2 && this.isBasic(list[at]!)) at++;
      list.splice(at, 0, wr);
    }
    return wr;
  }

  private isBasic(wr: number): boolean {
    const t = this.s.typeOf(wr);
    return (
      this.s.i32[(wr + WR_CALLBACK) >> 2] === NULL &&
      (t === this.refType || t === this.proxyType || t === this.callableProxyType)
    );
  }

  /** weakref.getweakrefcount(o). */
  count(o: StackRef): number {
    if ((o & 3) === 3) return 0;
    return this.lists.get(o & ~TAG_MASK)?.length ?? 0;
  }

  /** weakref.getweakrefs(o): the live weak references (borrowed addresses). */
  refsOf(o: StackRef): readonly number[] {
    if ((o & 3) === 3) return [];
    return this.lists.get(o & ~TAG_MASK) ?? [];
  }

  /** The referent of a weak reference (a borrowed address), or 0 when dead. */
  referent(wr: StackRef): number {
    return this.s.i32[((wr & ~TAG_MASK) + WR_OBJECT) >> 2]!;
  }

  clearRef(wr: number): void {
    const i32 = this.s.i32;
    const o = i32[(wr + WR_OBJECT) >> 2]!;
    if (o === 0) return;
    i32[(wr + WR_OBJECT) >> 2] = 0;
    const list = this.lists.get(o);
    if (list === undefined) return;
    const at = list.indexOf(wr);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.lists.delete(o);
  }

  clearAll(addr: number, withCallback: (wr: number) => void): void {
    const list = this.lists.get(addr);
    if (list === undefined) return;
    this.lists.delete(addr);
    const i32 = this.s.i32;
    for (const wr of list) {
      i32[(wr + WR_OBJECT) >> 2] = 0;
      if (i32[(wr + WR_CALLBACK) >> 2] !== NULL) withCallback(wr);
    }
  }

  callCallback(wr: number): void {
    const s = this.s;
    const cb = s.i32[(wr + WR_CALLBACK) >> 2]!;
    if (cb === NULL) return;
    const saved = s.fetchException();
    const r = s.call(cb, [wr]);
    if (r === ERROR) writeUnraisable(s, "Exception ignored in", cb, saved);
    else {
      s.refs.close(r);
      s.curexc = saved;
    }
  }

  /** PyObject_ClearWeakRefs: the referent is being freed; callbacks run in list order. */
  private clearOnDealloc(addr: number): void {
    const s = this.s;
    const i32 = s.i32;
    const pending: [number, StackRef][] = [];
    this.clearAll(addr, (wr) => {
      // A weak reference that is dying itself gets no callback.
      if (i32[wr >> 2]! <= 0) return;
      const cb = i32[(wr + WR_CALLBACK) >> 2]!;
      i32[(wr + WR_CALLBACK) >> 2] = NULL;
      pending.push([s.refs.asOwned(wr), cb]);
    });
    for (const [wr, cb] of pending) {
      const saved = s.fetchException();
      const r = s.call(cb, [wr]);
      if (r === ERROR) writeUnraisable(s, "Exception ignored in", cb, saved);
      else {
        s.refs.close(r);
        s.curexc = saved;
      }
      s.refs.close(cb);
      s.refs.close(wr);
    }
  }
}

function s_typeOf(s: ObjectSpace, ref: StackRef): PyType {
  return s.typeOf(ref);
}

const spaces = new WeakMap<ObjectSpace, Weakrefs>();

/** The weak-reference machinery of a space, made on first use. */
export function weakrefsOf(s: ObjectSpace): Weakrefs {
  let w = spaces.get(s);
  if (w === undefined) {
    w = new Weakrefs(s);
    spaces.set(s, w);
  }
  return w;
}
